// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Vote } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { ProgressBar } from '../../components/progress-bar'
import type { FieldErrors } from '../../domain/validation'
import { confirm, go, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { reachesPercent } from '../../domain/consultation/votes'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { PR } from '../texts-proposals'
import '../proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

/** My household on this vote: not on the roll (why), the options to choose from, or who voted and when — never the choice. */
const MyBallot = observer(function MyBallot({ v }: { v: Vote }) {
  const { votes, session, ui } = useStores()
  const mine = v.myHousehold
  // Staff without a household here are no voters: nothing to say about a ballot of theirs.
  if (!session.user?.home && session.hasRole('staff')) return null
  const cast = async (optionId: string, label: string) => {
    if (!(await confirm(PR.castConfirm(label)))) return
    const outcome = await votes.cast(v.id, optionId)
    toast(outcome.ok ? PR.castDone : outcome.message, outcome.ok ? 'success' : 'none')
  }
  let body
  if (mine.ballot) {
    body = <View className='vote__voted'>{PR.votedBy(mine.ballot.castByName, formatTime(mine.ballot.at, ui.now), mine.ballot.channel)}</View>
  } else if (!session.user?.home) {
    body = <View className='muted vote__refused'>{PR.notVerifiedVote}</View>
  } else if (!mine.eligible) {
    body = <View className='muted vote__refused'>{PR.notOnRoll}</View>
  } else if (v.status !== 'open') {
    body = <View className='muted vote__refused'>{PR.closedNoBallot}</View>
  } else {
    body = (
      <>
        <View className='vote__ask'>{PR.chooseOption}</View>
        <View className='vote__options'>
          {v.options.map((o) => (
            <Button
              key={o.id}
              className='vote__option'
              data-option={o.id}
              type='primary'
              fill='outline'
              block
              size='large'
              disabled={votes.busy === 'cast'}
              onClick={() => void cast(o.id, o.label)}
            >
              {o.label}
            </Button>
          ))}
        </View>
      </>
    )
  }
  return <View className='card vote__mine'>{body}</View>
})

/** The result: tally bars, turnout against quorum, passed or not, the 公示 period. */
function Result({ v }: { v: Vote }) {
  const r = v.result
  if (!r) return <View className='card muted vote__pending'>{PR.resultPending}</View>
  const max = Math.max(1, r.voted)
  return (
    <View className='card vote__result'>
      <View className='row'>
        <View className='section-title grow'>{PR.resultTitle}</View>
        <View className={`vote__verdict vote__verdict--${r.passed ? 'passed' : 'failed'}`}>{r.passed ? PR.passed : PR.notPassed}</View>
      </View>
      {r.tally.map((t) => (
        <View key={t.optionId} className='vote__tally' data-tally={t.optionId}>
          <View className={t.optionId === r.winningOptionId ? 'vote__tally-label vote__tally-label--win' : 'vote__tally-label'}>{PR.tally(t.label, t.count)}</View>
          <ProgressBar name='tally' share={t.count / max} tone={t.optionId === r.winningOptionId ? 'done' : 'muted'} label={PR.tally(t.label, t.count)} />
        </View>
      ))}
      <View className={r.quorumMet ? 'vote__quorum vote__quorum--met' : 'vote__quorum vote__quorum--missed'}>
        {(r.quorumMet ? PR.quorumMet : PR.quorumMissed)(r.voted, r.eligible, r.quorumPercent)}
      </View>
      {r.paperBallots > 0 && (
        <View className='muted' data-result='paper'>
          {PR.paperCount(r.paperBallots)}
        </View>
      )}
      {v.publicityEndsAt && (
        <View className='muted' data-result='publicity'>
          {PR.publicityUntil(formatTime(v.publicityEndsAt))}
        </View>
      )}
    </View>
  )
}

/** Staff: a paper ballot handed in by a household that cannot use a phone. */
const PaperBallot = observer(function PaperBallot({ v }: { v: Vote }) {
  const { votes, directory } = useStores()
  const buildings = (directory.directory?.buildings ?? []).filter((b) => v.scope.kind === 'community' || v.scope.buildingIds.includes(b.id))
  const [buildingId, setBuildingId] = useState<string>('')
  const [room, setRoom] = useState('')
  const [optionId, setOptionId] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const rooms = buildings.find((b) => b.id === buildingId)?.rooms ?? []
  // The roll says which doors have voted already (never how): marked on their chips.
  useEffect(() => {
    void votes.loadRoll(v.id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [v.id, v.voted])
  const roll = votes.rolls.get(v.id)
  const voted = new Set((roll?.rows ?? []).filter((r) => r.voted).map((r) => `${r.buildingId}:${r.room}`))
  const clear = (field: string) => setErrors(({ [field]: _gone, ...rest }) => rest)
  const submit = async () => {
    const building = buildings.find((b) => b.id === buildingId)
    const option = v.options.find((o) => o.id === optionId)
    if (building && room && option && note.trim() && !(await confirm(PR.paperConfirm(`${building.name}${room}`, option.label)))) return
    const outcome = await votes.enterPaper(v.id, { buildingId, room, optionId, note })
    if (outcome.ok) {
      setRoom('')
      setOptionId('')
      setNote('')
      setErrors({})
      toast(PR.paperDone, 'success')
      return
    }
    const fields = Object.keys(outcome.fields).length ? outcome.fields : { form: outcome.message }
    setErrors(fields)
    scrollToFirstError()
  }
  return (
    <View className='card vote__paper'>
      <View className='section-title'>{PR.staffPaper}</View>
      <View className='vote__paper-label'>{PR.paperBuilding}</View>
      <Chips
        name='paper-building'
        options={buildings.map((b) => ({ value: b.id, label: b.name }))}
        selected={[buildingId]}
        onTap={(id) => {
          setBuildingId(id)
          setRoom('')
          clear('buildingId')
        }}
      />
      <FieldError field='buildingId' message={errors.buildingId} />
      {buildingId && (
        <>
          <View className='vote__paper-label'>{PR.paperRoom}</View>
          <Chips
            name='paper-room'
            options={rooms.map((r) => ({ value: r, label: voted.has(`${buildingId}:${r}`) ? PR.roomVoted(r) : r }))}
            selected={[room]}
            onTap={(r) => {
              setRoom(r)
              clear('room')
            }}
          />
        </>
      )}
      <FieldError field='room' message={errors.room} />
      <View className='vote__paper-label'>{PR.paperOption}</View>
      <Chips
        name='paper-option'
        options={v.options.map((o) => ({ value: o.id, label: o.label }))}
        selected={[optionId]}
        onTap={(o) => {
          setOptionId(o)
          clear('optionId')
        }}
      />
      <FieldError field='optionId' message={errors.optionId} />
      <View className='vote__paper-label'>{PR.paperNote}</View>
      <Input
        className='cp-field cp-input vote__paper-note'
        value={note}
        placeholder={PR.paperNotePlaceholder}
        maxlength={60}
        onInput={(e) => {
          setNote(e.detail.value)
          clear('note')
        }}
      />
      <FieldError field='note' message={errors.note} />
      <FieldError field='form' message={errors.form ?? errors.voteId ?? errors.household} />
      <Button className='vote__paper-submit' type='primary' block size='large' loading={votes.busy === 'paper'} onClick={() => void submit()}>
        {PR.paperSubmit}
      </Button>
    </View>
  )
})

/** A vote: what it decides, who votes, the window, the rule in words, turnout, my household's ballot, the result. */
function VotePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { votes, session, ui } = useStores()
  const signedIn = session.status === 'signed_in'
  useDidShow(() => {
    if (id && signedIn) void votes.load(id)
  })
  // Opened by a link or reloaded before the session is back: read it once signed in.
  useEffect(() => {
    if (id && signedIn) void votes.load(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await votes.load(id)
    Taro.stopPullDownRefresh()
  })
  const v = votes.get(id)
  if (!v) {
    return (
      <Screen requireSignIn>
        <View {...KEYBOARD} className='card muted' onClick={() => void votes.load(id)}>
          {votes.errors.get(id) ?? PR.loading}
        </View>
      </Screen>
    )
  }
  const quorumReached = reachesPercent(v.voted, v.eligible, v.quorumPercent)
  const staff = session.hasRole('staff')
  const leader = session.hasRole('building_leader') && v.scope.kind === 'buildings' && v.scope.buildingIds.some((b) => session.user?.leadsBuildingIds.includes(b))
  const leaderOfAny = session.hasRole('building_leader') && (session.user?.leadsBuildingIds.length ?? 0) > 0 && v.scope.kind === 'community'
  const publish = async () => {
    if (!(await confirm(PR.publishConfirm))) return
    const outcome = await votes.publish(v.id)
    toast(outcome.ok ? PR.published : outcome.message, outcome.ok ? 'success' : 'none')
  }
  return (
    <Screen requireSignIn className='vote'>
      <View className='card'>
        <View className='row proposal__head'>
          <View className='proposal__title grow'>{v.title}</View>
          <View className={`pl-status vl-status--${v.status}`}>{PR.voteStatus[v.status]}</View>
        </View>
        {v.description && <View className='proposal__text'>{v.description}</View>}
        {v.proposal && (
          <View {...KEYBOARD} className='cp-link tap-target vote__about' onClick={() => go(ROUTES.proposal(v.proposal!.id))}>
            {PR.decidesProposal(v.proposal.title)}
          </View>
        )}
        {v.convention && (
          <View {...KEYBOARD} className='cp-link tap-target vote__about' onClick={() => go(ROUTES.convention(v.convention!.id))}>
            {PR.decidesConvention(v.convention.title, v.convention.version)}
          </View>
        )}
        <View className='vote__line'>{PR.scope(v.scopeLabel)}</View>
        <View className='vote__line'>{PR.closesAt(formatTime(v.closesAt, ui.now))}</View>
        <View className='vote__rule'>{PR.rule(v)}</View>
      </View>

      <View className='card vote__turnout'>
        <View className='proposal__count' data-turnout>
          {PR.turnout(v.voted, v.eligible)}
        </View>
        <ProgressBar name='turnout' share={v.voted / Math.max(1, v.eligible)} mark={v.quorumPercent / 100} tone={quorumReached ? 'done' : 'work'} label={PR.turnout(v.voted, v.eligible)} />
        <View className='muted'>{PR.quorumLine(v.quorumPercent, v.eligible)}</View>
        {v.status === 'open' && (
          <View className={`vote__quorum-now ${quorumReached ? 'vote__quorum-now--met' : ''}`} data-quorum={quorumReached ? 'reached' : 'short'}>
            {quorumReached ? PR.quorumReached : PR.quorumShort(Math.max(0, Math.ceil((v.quorumPercent * v.eligible) / 100) - v.voted))}
          </View>
        )}
      </View>

      <MyBallot v={v} />

      {(v.status !== 'open' || v.result) && <Result v={v} />}

      {staff && v.status === 'open' && <PaperBallot v={v} />}

      {(staff || leader || leaderOfAny) && (
        <View className='card vote__staff'>
          <Button className='vote__roll' block fill='outline' type='primary' onClick={() => go(ROUTES.voteRoll(v.id))}>
            {PR.staffRoll}
          </Button>
          {staff && v.status === 'closed' && (
            <Button className='vote__publish' block type='primary' loading={votes.busy === 'publish'} onClick={() => void publish()}>
              {PR.staffPublish}
            </Button>
          )}
        </View>
      )}
    </Screen>
  )
}

export default observer(VotePage)
