import { Button } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import type { CommunitySummary } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { normalizeCommunityCode } from '../../domain/scene'
import { go, replaceWithToast, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { canScan, scanFor } from '../scan'
import { T } from '../texts'
import '../onboarding.css'
import './index.css'

const SEARCH_DELAY_MS = 300

/** 选择社区: search by name or street, type the 社区码, or scan it; then join and claim the household. */
function ChooseCommunityPage() {
  const { session, membership, directory } = useStores()
  const router = useRouter()
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | undefined>()
  const [looking, setLooking] = useState(false)
  const [chosen, setChosen] = useState<CommunitySummary | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => () => clearTimeout(timer.current), [])

  const lookUp = async (typed: string) => {
    setCodeError(undefined)
    setLooking(true)
    const outcome = await membership.findByCode(typed)
    setLooking(false)
    if (outcome.ok) setChosen(outcome.value)
    else setCodeError(outcome.fields.code ?? outcome.message)
  }

  // A scanned mini-program code (the home page passes its scene on) or a link brings the code.
  useLoad(() => {
    const given = router.params.code ? decodeURIComponent(router.params.code) : ''
    if (given) {
      setCode(given.toUpperCase())
      void lookUp(given)
    }
  })

  const onSearch = (text: string) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void membership.search(text), SEARCH_DELAY_MS)
  }

  const scan = async () => {
    const scanned = await scanFor('community')
    if (!scanned) return
    if ('wrong' in scanned) {
      toast(T.scanWrong)
      return
    }
    setCode(scanned.code)
    await lookUp(scanned.code)
  }

  const join = async (community: CommunitySummary) => {
    const outcome = await membership.join(community.id)
    if (!outcome.ok) {
      toast(outcome.message)
      return
    }
    session.replaceUser(outcome.value)
    replaceWithToast(ROUTES.claimHousehold, T.joined(community.name), 'success')
  }

  // The district is the full place name (无锡市锡山区东亭街道): the street only when it is not in it.
  const place = (c: CommunitySummary) => (c.streetName && !c.district.includes(c.streetName) ? `${c.district} · ${c.streetName}` : c.district)

  if (chosen) {
    return (
      <Screen requireSignIn className='onboarding community'>
        <View className='card community__found' data-id={chosen.id}>
          <View className='section-title'>{T.foundTitle}</View>
          <View className='community__name'>{chosen.name}</View>
          <View className='muted'>{place(chosen)}</View>
          <Button aria-role='button' className='community__join onboarding__primary' type='primary' block size='xlarge' loading={membership.joining} onClick={() => void join(chosen)}>
            {membership.joining ? T.joining : T.join}
          </Button>
          <View className='onboarding__link tap-target community__other' aria-role='button' onClick={() => setChosen(null)}>
            {T.other}
          </View>
        </View>
      </Screen>
    )
  }

  const q = membership.query.trim()
  return (
    <Screen requireSignIn className='onboarding community'>
      <View className='onboarding__hero'>
        <View className='onboarding__title'>{T.chooseTitle}</View>
        <View className='muted'>{T.chooseIntro}</View>
      </View>

      {session.user?.communityId && directory.directory && (
        <View className='card community__current'>
          <View>{T.currentMember(directory.directory.community.name)}</View>
          <View className='onboarding__link tap-target' aria-role='button' onClick={() => go(ROUTES.claimHousehold)}>
            {T.goClaim}
          </View>
        </View>
      )}

      <View className='card'>
        <View className='onboarding__label'>{T.searchLabel}</View>
        <Input
          className='onboarding__input community__search'
          value={membership.query}
          placeholder={T.searchPlaceholder}
          maxlength={40}
          confirmType='search'
          onInput={(e) => {
            membership.setQuery(e.detail.value)
            onSearch(e.detail.value)
          }}
        />
        {membership.searching && <View className='muted community__status'>{T.searching}</View>}
        {membership.searchError && <FieldError field='q' message={membership.searchError} />}
        {!membership.searching && membership.searched && q && membership.results.length === 0 && (
          <View className='muted community__status community__none'>{T.noResults(q)}</View>
        )}
        {membership.results.length > 0 && <View className='muted community__status'>{T.resultsHint}</View>}
        {membership.results.map((c) => (
          <View key={c.id} className='community__result tap-target' aria-role='button' data-id={c.id} onClick={() => setChosen(c)}>
            <View className='grow'>
              <View className='community__name'>
                {c.name}
                <View className='community__kind'>{T.kind[c.kind] ?? ''}</View>
              </View>
              <View className='muted'>{place(c)}</View>
            </View>
            <View className='onboarding__arrow'>›</View>
          </View>
        ))}
      </View>

      <View className='card'>
        <View className='onboarding__label'>{T.codeTitle}</View>
        <View className='muted onboarding__hint'>{T.codeHint}</View>
        <View className='row community__code-row'>
          <Input
            className='onboarding__input community__code grow'
            value={code}
            placeholder={T.codePlaceholder}
            maxlength={8}
            confirmType='done'
            onInput={(e) => {
              const typed = e.detail.value.toUpperCase()
              setCode(typed)
              // Live: the message goes once six characters are there.
              if (codeError && normalizeCommunityCode(typed)) setCodeError(undefined)
            }}
            onConfirm={() => void lookUp(code)}
          />
          <Button aria-role='button' className='community__find' type='primary' fill='outline' loading={looking} onClick={() => void lookUp(code)}>
            {T.findByCode}
          </Button>
        </View>
        <FieldError field='code' message={codeError} />
        {canScan && (
          <Button aria-role='button' className='community__scan onboarding__secondary' block fill='outline' onClick={() => void scan()}>
            {T.scan}
          </Button>
        )}
      </View>

      <View className='card community__staff'>
        <View className='muted'>{T.staffHint}</View>
        <View className='onboarding__link tap-target community__invite' aria-role='button' onClick={() => go(ROUTES.redeemInvite())}>
          {T.staffInvite}
        </View>
      </View>
    </Screen>
  )
}

export default observer(ChooseCommunityPage)
