// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Input, Picker, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { VoteInput } from '../../../types/api'
import type { MajorityRule } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { APPROVAL_LABELS, VOTE_LIMITS } from '../../domain/consultation/votes'
import type { FieldErrors } from '../../domain/validation'
import { replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { randomId } from '../../platform/ids'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { PR } from '../texts-proposals'
import '../proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

/** The field a backend message names, as the form shows it (`options.2` under the options). */
function fieldOf(field: string): string {
  if (field.startsWith('options')) return 'options'
  if (field.startsWith('scope')) return 'scope'
  return field
}

/** Staff: open a vote — on a proposal on the agenda, a convention's draft, or a matter of its own. */
function NewVotePage() {
  const { params } = useRouter()
  const proposalId = params.proposalId ? decodeURIComponent(params.proposalId) : undefined
  const conventionId = !proposalId && params.conventionId ? decodeURIComponent(params.conventionId) : undefined
  const { votes, proposals, directory, session } = useStores()
  const buildings = directory.directory?.buildings ?? []

  const week = dayjs().add(7, 'day')
  const [title, setTitle] = useState('')
  const [titleTouched, setTitleTouched] = useState(false)
  const [description, setDescription] = useState('')
  const [kind, setKind] = useState<VoteInput['kind']>('approval')
  const [options, setOptions] = useState<string[]>(['', ''])
  const [scope, setScope] = useState<'community' | 'buildings'>('community')
  const [chosen, setChosen] = useState<string[]>([])
  const [date, setDate] = useState(week.format('YYYY-MM-DD'))
  const [time, setTime] = useState('20:00')
  const [quorum, setQuorum] = useState('50')
  const [majority, setMajority] = useState<MajorityRule>('simple')
  const [publicity, setPublicity] = useState('7')
  const [errors, setErrors] = useState<FieldErrors>({})
  // One vote, one key: a retry after a lost answer opens it once.
  const [key] = useState(() => randomId('vk_'))

  useEffect(() => {
    if (session.status !== 'signed_in') return
    if (proposalId && !proposals.get(proposalId)) void proposals.load(proposalId)
    if (conventionId) void votes.loadConventionTitle(conventionId)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [proposalId, conventionId, session.status])
  const aboutTitle = proposalId ? proposals.get(proposalId)?.title : conventionId ? votes.conventionTitles.get(conventionId) : undefined
  // Prefilled from what it decides, until staff write their own.
  useEffect(() => {
    if (aboutTitle && !titleTouched) setTitle(aboutTitle.slice(0, VOTE_LIMITS.titleMax))
  }, [aboutTitle, titleTouched])

  const clear = (field: string) => setErrors(({ [field]: _gone, ...rest }) => rest)

  if (session.status === 'signed_in' && !session.hasRole('staff')) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{PR.staffOnly}</View>
      </Screen>
    )
  }

  const submit = async () => {
    const closes = dayjs(`${date}T${time}`)
    const input: VoteInput = {
      title,
      description,
      kind,
      options: kind === 'choice' ? options : [],
      scope: scope === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: chosen },
      closesAt: closes.isValid() ? closes.toISOString() : '',
      quorumPercent: Number(quorum),
      majority,
      publicityDays: Number(publicity),
      ...(proposalId ? { proposalId } : {}),
      ...(conventionId ? { conventionId } : {}),
    }
    const outcome = await votes.open(input, key)
    if (outcome.ok) {
      replaceWithToast(ROUTES.vote(outcome.vote.id), PR.opened, 'success')
      return
    }
    const shown: FieldErrors = {}
    for (const [field, message] of Object.entries(outcome.fields)) if (!(fieldOf(field) in shown)) shown[fieldOf(field)] = message
    if (!Object.keys(shown).length) shown.form = outcome.message
    setErrors(shown)
    toast(PR.fixErrors)
    scrollToFirstError()
  }

  return (
    <Screen requireSignIn className='vote-new'>
      {aboutTitle && (
        <View className='card vote-new__about'>{proposalId ? PR.aboutProposal(aboutTitle) : PR.aboutConvention(aboutTitle)}</View>
      )}
      <View className='card'>
        <View className='section-title'>{PR.voteTitle}</View>
        <Input
          className='cp-field cp-input vote-new__title'
          value={title}
          placeholder={PR.voteTitlePlaceholder}
          maxlength={VOTE_LIMITS.titleMax + 10}
          onInput={(e) => {
            setTitle(e.detail.value)
            setTitleTouched(true)
            clear('title')
          }}
        />
        <FieldError field='title' message={errors.title} />
        <View className='section-title proposal-new__gap'>{PR.voteDescription}</View>
        <TextArea
          className='cp-field vote-new__description'
          value={description}
          placeholder={PR.voteDescriptionPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v) => {
            setDescription(v)
            clear('description')
          }}
        />
        <FieldError field='description' message={errors.description} />
      </View>

      <View className='card'>
        <View className='section-title'>{PR.voteKind}</View>
        <Chips
          name='vote-kind'
          options={PR.voteKinds}
          selected={[kind]}
          onTap={(v) => {
            setKind(v as VoteInput['kind'])
            clear('options')
            clear('kind')
          }}
        />
        {kind === 'approval' ? (
          <View className='muted vote-new__hint'>{APPROVAL_LABELS.join(' / ')}</View>
        ) : (
          <View className='vote-new__options'>
            <View className='vote__paper-label'>{PR.optionsLabel}</View>
            {options.map((o, i) => (
              <View key={i} className='row vote-new__option'>
                <Input
                  className='cp-field cp-input grow vote-new__option-input'
                  value={o}
                  placeholder={PR.optionPlaceholder(i + 1)}
                  maxlength={VOTE_LIMITS.optionMax + 5}
                  onInput={(e) => {
                    const value = e.detail.value
                    setOptions((all) => all.map((x, k) => (k === i ? value : x)))
                    clear('options')
                  }}
                />
                {options.length > VOTE_LIMITS.optionsMin && (
                  <View {...KEYBOARD} className='cp-action tap-target vote-new__remove' aria-role='button' onClick={() => setOptions((all) => all.filter((_, k) => k !== i))}>
                    {PR.removeOption}
                  </View>
                )}
              </View>
            ))}
            {options.length < VOTE_LIMITS.optionsMax && (
              <View {...KEYBOARD} className='cp-link tap-target vote-new__add' onClick={() => setOptions((all) => [...all, ''])}>
                {PR.addOption}
              </View>
            )}
          </View>
        )}
        <FieldError field='kind' message={errors.kind} />
        <FieldError field='options' message={errors.options} />
      </View>

      <View className='card'>
        <View className='section-title'>{PR.voteScope}</View>
        <Chips
          name='vote-scope'
          options={PR.scopes}
          selected={[scope]}
          onTap={(v) => {
            setScope(v as 'community' | 'buildings')
            clear('scope')
          }}
        />
        {scope === 'buildings' && (
          <View className='vote-new__buildings'>
            <Chips
              name='vote-buildings'
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
        <View className='section-title'>{PR.closesLabel}</View>
        <View className='row vote-new__when'>
          <Picker
            mode='date'
            value={date}
            start={dayjs().format('YYYY-MM-DD')}
            end={dayjs().add(VOTE_LIMITS.maxDays, 'day').format('YYYY-MM-DD')}
            onChange={(e) => {
              setDate(String(e.detail.value))
              clear('closesAt')
            }}
          >
            <View className='cp-picker tap-target vote-new__date' aria-role='button' aria-label={`${PR.closesDate} ${date}`}>
              {date}
            </View>
          </Picker>
          <Picker
            mode='time'
            value={time}
            onChange={(e) => {
              setTime(String(e.detail.value))
              clear('closesAt')
            }}
          >
            <View className='cp-picker tap-target vote-new__time' aria-role='button' aria-label={`${PR.closesTime} ${time}`}>
              {time}
            </View>
          </Picker>
        </View>
        <FieldError field='closesAt' message={errors.closesAt} />
      </View>

      <View className='card'>
        <View className='section-title'>{PR.quorumLabel}</View>
        <Input
          className='cp-field cp-input vote-new__quorum'
          type='number'
          value={quorum}
          placeholder={PR.quorumPlaceholder}
          maxlength={3}
          onInput={(e) => {
            setQuorum(e.detail.value)
            clear('quorumPercent')
          }}
        />
        <FieldError field='quorumPercent' message={errors.quorumPercent} />
        <View className='section-title proposal-new__gap'>{PR.majorityLabel}</View>
        <Chips name='majority' options={PR.majorities} selected={[majority]} onTap={(v) => setMajority(v as MajorityRule)} />
        <FieldError field='majority' message={errors.majority} />
        <View className='section-title proposal-new__gap'>{PR.publicityLabel}</View>
        <Input
          className='cp-field cp-input vote-new__publicity'
          type='number'
          value={publicity}
          placeholder={PR.publicityPlaceholder}
          maxlength={2}
          onInput={(e) => {
            setPublicity(e.detail.value)
            clear('publicityDays')
          }}
        />
        <FieldError field='publicityDays' message={errors.publicityDays} />
        <View className='muted vote-new__hint'>{PR.rule({ quorumPercent: Number(quorum) || 0, majority, kind })}</View>
      </View>

      <FieldError field='form' message={errors.form ?? errors.proposalId ?? errors.conventionId} />
      <Button className='vote-new__submit' type='primary' block size='xlarge' loading={votes.busy === 'open'} onClick={() => void submit()}>
        {votes.busy === 'open' ? PR.opening : PR.openVote}
      </Button>
    </Screen>
  )
}

export default observer(NewVotePage)
