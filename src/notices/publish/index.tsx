import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { NoticeInput } from '../../../types/api'
import type { Notice } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { NOTICE_LIMITS, validateNotice } from '../../domain/notices'
import { cleanText, textLength } from '../../domain/text'
import { hasErrors, type FieldErrors } from '../../domain/validation'
import { confirm, replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { N } from '../texts'
import './index.css'

const DAY = 86_400_000

/**
 * Publish a notice. Staff: to the whole community or chosen buildings. A building leader: only to the
 * buildings they lead (all of them chosen to begin with), never the whole community.
 */
function PublishNoticePage() {
  const { session, directory, notices } = useStores()
  const staff = session.hasRole('staff')
  const leader = session.hasRole('building_leader')
  const leads = session.user?.leadsBuildingIds ?? []
  const buildings = (directory.directory?.buildings ?? []).filter((b) => staff || leads.includes(b.id))

  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [mode, setMode] = useState<Notice['scope']['kind']>(staff ? 'community' : 'buildings')
  const [chosen, setChosen] = useState<string[]>(staff ? [] : leads)
  const [urgent, setUrgent] = useState(false)
  const [pinned, setPinned] = useState(false)
  const [expiry, setExpiry] = useState('0')
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})

  // The session can arrive after the page: a leader's buildings are then chosen once it does.
  useEffect(() => {
    if (!staff && leader) {
      setMode('buildings')
      setChosen((c) => (c.length ? c : leads))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [staff, leader, leads.join(',')])
  // A leader publishes to their buildings: say so in the title (set only while the page is on screen).
  useDidShow(() => {
    if (!staff && leader) void Taro.setNavigationBarTitle({ title: N.publishLeaderTitle }).catch(() => undefined)
  })

  const input = (now: Date): NoticeInput => ({
    title,
    body,
    scope: mode === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: chosen.filter((id) => buildings.some((b) => b.id === id)) },
    urgent,
    pinned,
    ...(expiry !== '0' ? { expiresAt: new Date(now.getTime() + Number(expiry) * DAY).toISOString() } : {}),
  })
  const errors: FieldErrors = { ...(attempted ? validateNotice(input(new Date()), new Date()) : {}), ...serverErrors }

  const clear = (field: string) => {
    if (field in serverErrors) setServerErrors(({ [field]: _gone, ...rest }) => rest)
  }

  const publish = async () => {
    setAttempted(true)
    const now = new Date()
    const notice = input(now)
    // The whole community hears it at once: show what goes out and to how many, and ask (再改改
    // keeps the form as it is). A notice with field errors goes on to show them instead.
    if (notice.scope.kind === 'community' && !hasErrors(validateNotice(notice, now))) {
      const text = cleanText(notice.body)
      const excerpt = Array.from(text).length > 60 ? `${Array.from(text).slice(0, 60).join('')}…` : text
      const all = directory.directory?.buildings ?? []
      const reach = all.length ? { buildings: all.length, households: all.reduce((n, b) => n + b.rooms.length, 0) } : undefined
      const ask = N.confirmCommunity
      if (!(await confirm({ ...ask, content: ask.content(cleanText(notice.title), excerpt, reach) }))) return
    }
    const outcome = await notices.publish(notice)
    if (outcome.ok) {
      replaceWithToast(ROUTES.noticeDetail(outcome.notice.id), N.published, 'success')
      return
    }
    setServerErrors(outcome.fields)
    toast(Object.keys(outcome.fields).length ? N.fixErrors : outcome.message)
    scrollToFirstError()
  }

  if (session.status === 'signed_in' && !staff && !leader) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{N.notAllowed}</View>
      </Screen>
    )
  }

  const scopeOptions = [
    { value: 'community', label: N.wholeCommunity },
    { value: 'buildings', label: N.chooseBuildings },
  ]
  return (
    <Screen requireSignIn className='publish'>
      <View className='card'>
        <View className='section-title'>{N.scope}</View>
        {staff ? (
          <Chips
            name='scope'
            options={scopeOptions}
            selected={[mode]}
            onTap={(v) => {
              setMode(v as Notice['scope']['kind'])
              clear('scope')
            }}
          />
        ) : (
          <View className='muted publish__hint'>{N.leaderScopeHint}</View>
        )}
        {mode === 'buildings' && (
          <View className='publish__buildings'>
            <Chips
              name='buildings'
              multiple
              options={buildings.map((b) => ({ value: b.id, label: b.name }))}
              selected={chosen}
              onTap={(v) => {
                setChosen((c) => (c.includes(v) ? c.filter((x) => x !== v) : [...c, v]))
                clear('scope')
              }}
            />
          </View>
        )}
        <FieldError field='scope' message={errors.scope} />
      </View>

      <View className='card'>
        <View className='section-title'>{N.title}</View>
        <Input
          className='publish__title'
          value={title}
          placeholder={N.titlePlaceholder}
          maxlength={NOTICE_LIMITS.titleMax + 10}
          onInput={(e) => {
            setTitle(e.detail.value)
            clear('title')
          }}
        />
        <FieldError field='title' message={errors.title} />
        <View className='section-title publish__body-title'>{N.body}</View>
        <TextArea
          className='publish__body'
          value={body}
          placeholder={N.bodyPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v) => {
            setBody(v)
            clear('body')
          }}
        />
        <View className='publish__count'>
          {textLength(body.trim())}/{NOTICE_LIMITS.bodyMax}
        </View>
        <FieldError field='body' message={errors.body} />
      </View>

      <View className='card'>
        <View className='row publish__switch tap-target switch-row' data-tap-area onClick={() => setUrgent(!urgent)}>
          <View className='grow'>
            <View>{N.urgent}</View>
            <View className='muted'>{N.urgentHint}</View>
          </View>
          <Switch checked={urgent} loadingIcon={null} ariaLabel={N.urgent} />
        </View>
        <View className='row publish__switch tap-target switch-row' data-tap-area onClick={() => setPinned(!pinned)}>
          <View className='grow'>
            <View>{N.pinned}</View>
            <View className='muted'>{N.pinnedHint}</View>
          </View>
          <Switch checked={pinned} loadingIcon={null} ariaLabel={N.pinned} />
        </View>
        <View className='section-title publish__expiry-title'>{N.expiry}</View>
        <Chips
          name='expiry'
          options={N.expiryOptions}
          selected={[expiry]}
          onTap={(v) => {
            setExpiry(v)
            clear('expiresAt')
          }}
        />
        <FieldError field='expiresAt' message={errors.expiresAt} />
      </View>

      <Button className='publish__submit' type='primary' block size='xlarge' loading={notices.publishing} onClick={() => void publish()}>
        {notices.publishing ? N.publishing : N.publish}
      </Button>
    </Screen>
  )
}

export default observer(PublishNoticePage)

