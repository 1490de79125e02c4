// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Proposal, RatingLevel } from '../../../types/domain'
import { PhotoGrid } from '../../components/photo-grid'
import { ProgressBar } from '../../components/progress-bar'
import { PROPOSAL_STATUS_LABEL } from '../../domain/consultation/proposals'
import { go, ROUTES, toast } from '../../navigation'
import { previewPhotos } from '../../platform/media'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { cosignRefusal } from '../../stores/proposals-store'
import { Screen } from '../../ui/screen'
import { PR } from '../texts-proposals'
import '../proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

const LEVELS: RatingLevel[] = ['satisfied', 'basically_satisfied', 'unsatisfied']

function Photos({ urls }: { urls: string[] }) {
  const shown = urls.filter(Boolean)
  return shown.length ? <PhotoGrid urls={shown} onPreview={(i) => previewPhotos(shown, i)} /> : null
}

/** 附议: the threshold bar, and the button or why my household cannot. */
const Threshold = observer(function Threshold({ p }: { p: Proposal }) {
  const { proposals, ui } = useStores()
  const missing = Math.max(0, p.threshold - p.cosigns)
  const refusal = cosignRefusal(p)
  const cosign = async () => {
    const outcome = await proposals.cosign(p.id)
    toast(outcome.ok ? PR.cosigned : outcome.message, outcome.ok ? 'success' : 'none')
  }
  return (
    <View className='card proposal__threshold'>
      <View className='proposal__count' data-threshold='count'>
        {PR.threshold(p.cosigns, p.threshold)}
        {p.status === 'collecting' && !p.lapsed ? `，${missing > 0 ? PR.stillNeeded(missing) : PR.reached}，${PR.deadline(formatTime(p.deadline, ui.now))}` : ''}
      </View>
      <ProgressBar name='threshold' share={p.cosigns / Math.max(1, p.threshold)} tone={missing === 0 ? 'done' : 'work'} label={PR.threshold(p.cosigns, p.threshold)} />
      {p.canCosign ? (
        <>
          <View className='muted'>{PR.cosignHint}</View>
          <Button className='proposal__cosign' type='primary' block size='large' loading={proposals.busy === 'cosign'} onClick={() => void cosign()}>
            {PR.cosign}
          </Button>
        </>
      ) : (
        refusal && <View className={`proposal__cosign-refusal${p.cosignedByMyHousehold ? ' proposal__cosign-refusal--done' : ''}`}>{refusal}</View>
      )}
    </View>
  )
})

/** 民事民评: who carries it out, how far, the updates; a done one is rated by households. */
const Evaluation = observer(function Evaluation({ p }: { p: Proposal }) {
  const { proposals, ui } = useStores()
  const e = p.evaluation
  if (!e) return null
  const rate = async (level: RatingLevel) => {
    const outcome = await proposals.rate(p.id, level)
    toast(outcome.ok ? PR.rated : outcome.message, outcome.ok ? 'success' : 'none')
  }
  return (
    <View className='card proposal__evaluation'>
      <View className='section-title'>{PR.evaluationTitle}</View>
      <View>{PR.responsible(e.responsible)}</View>
      <View className='proposal__percent'>{PR.percent(e.percent)}</View>
      <ProgressBar name='progress' share={e.percent / 100} tone={e.percent >= 100 ? 'done' : 'work'} label={PR.percent(e.percent)} />
      {[...e.updates].reverse().map((u) => (
        <View key={u.id} className='proposal__update' data-update={u.id}>
          <View className='muted'>
            {formatTime(u.at, ui.now)} · {u.byName} · {u.percent}%
          </View>
          <View className='proposal__text'>{u.text}</View>
          <Photos urls={u.photos.map((x) => x.url)} />
        </View>
      ))}
      {p.status === 'done' && (
        <View className='proposal__rate'>
          <View className='muted'>{PR.ratings(e.ratings)}</View>
          {e.ratings.mine && <View className='proposal__my-rating'>{PR.myRating(PR.ratingLabel[e.ratings.mine.level], e.ratings.mine.byName)}</View>}
          {p.canRate && (
            <>
              <View className='section-title'>{PR.rateTitle}</View>
              <View className='muted'>{PR.rateHint}</View>
              <View className='proposal__rate-buttons'>
                {LEVELS.map((level) => (
                  <Button key={level} className={`proposal__rate-btn proposal__rate-btn--${level}`} type='primary' fill='outline' disabled={proposals.busy === 'rate'} onClick={() => void rate(level)}>
                    {PR.ratingLabel[level]}
                  </Button>
                ))}
              </View>
            </>
          )}
        </View>
      )}
    </View>
  )
})

/** A proposal: its text, the threshold and 附议, staff's answer, minutes, the vote, the evaluation, the discussion. */
function ProposalPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { proposals, session, ui } = useStores()
  const signedIn = session.status === 'signed_in'
  useDidShow(() => {
    if (id && signedIn) void proposals.load(id)
  })
  // Opened by a link or reloaded before the session is back: read it once signed in.
  useEffect(() => {
    if (id && signedIn) void proposals.load(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await proposals.load(id)
    Taro.stopPullDownRefresh()
  })
  const p = proposals.get(id)
  if (!p) {
    return (
      <Screen requireSignIn>
        <View {...KEYBOARD} className='card muted' onClick={() => void proposals.load(id)}>
          {proposals.errors.get(id) ?? PR.notFound}
        </View>
      </Screen>
    )
  }
  const now = ui.now
  const staff = session.hasRole('staff')
  const open = p.status === 'collecting' || p.status === 'agenda'
  return (
    <Screen requireSignIn className='proposal'>
      <View className='card'>
        <View className='row proposal__head'>
          <View className='proposal__title grow'>{p.title}</View>
          <View className={`pl-status pl-status--${p.status}`}>{p.lapsed ? PR.lapsed : PROPOSAL_STATUS_LABEL[p.status]}</View>
        </View>
        <View className='muted'>
          {PR.by(p.authorName, p.authorBuildingName)} · {formatTime(p.createdAt, now)}
        </View>
        <View className='proposal__text'>{p.body}</View>
        <Photos urls={p.photos.map((x) => x.url)} />
        {p.article && (
          <View className='proposal__article'>
            <View className='proposal__label'>
              {PR.article}：{PR.articleOf(p.article.conventionTitle, p.article.number)}
            </View>
            <View className='proposal__label'>{PR.proposedText}</View>
            <View className='proposal__quote'>{p.article.proposedText}</View>
            <View {...KEYBOARD} className='cp-link tap-target' onClick={() => go(ROUTES.convention(p.article!.conventionId))}>
              {PR.articleOf(p.article.conventionTitle, p.article.number)}
            </View>
          </View>
        )}
      </View>

      <Threshold p={p} />

      <View className='card proposal__answer'>
        <View className='section-title'>{PR.answerTitle}</View>
        {p.answer ? (
          <>
            <View className={`proposal__answer-kind proposal__answer-kind--${p.answer.kind}`}>{PR.answerKind[p.answer.kind]}</View>
            {p.answer.reason && <View className='proposal__text'>{p.answer.reason}</View>}
            {p.answer.mergedInto && (
              <View {...KEYBOARD} className='cp-link tap-target' onClick={() => go(ROUTES.proposal(p.answer!.mergedInto!.id))}>
                {PR.mergedInto(p.answer.mergedInto.title)}
              </View>
            )}
            <View className='muted'>{PR.answeredBy(p.answer.byName, formatTime(p.answer.at, now))}</View>
          </>
        ) : (
          <View className='muted'>{PR.noAnswer}</View>
        )}
      </View>

      {p.minutes.length > 0 && (
        <View className='card proposal__minutes'>
          <View className='section-title'>{PR.minutesTitle}</View>
          {p.minutes.map((m) => (
            <View key={m.id} className='proposal__minute' data-minutes={m.id}>
              <View className='muted'>
                {formatTime(m.at, now)} · {m.byName}
              </View>
              <View className='proposal__text'>{m.text}</View>
              <Photos urls={m.photos.map((x) => x.url)} />
            </View>
          ))}
        </View>
      )}

      {p.voteId && (
        <View {...KEYBOARD} className='card cp-link tap-target proposal__vote' onClick={() => go(ROUTES.vote(p.voteId!))}>
          {PR.voteLink}
        </View>
      )}

      <Evaluation p={p} />

      <View {...KEYBOARD} className='card cp-link tap-target proposal__discuss' onClick={() => go(ROUTES.discussion({ kind: 'proposal', id: p.id }, p.title))}>
        {PR.discuss(p.contributions)}
      </View>

      {staff && (
        <View className='card proposal__staff'>
          <View className='section-title'>{PR.staffTitle}</View>
          {open && (
            <Button className='proposal__staff-btn' data-action='answer' block fill='outline' type='primary' onClick={() => go(ROUTES.proposalStaff(p.id, 'answer'))}>
              {PR.staffAnswer}
            </Button>
          )}
          {p.status === 'agenda' && !p.voteId && (
            <Button className='proposal__staff-btn' data-action='vote' block type='primary' onClick={() => go(ROUTES.newVote({ proposalId: p.id }))}>
              {PR.staffOpenVote}
            </Button>
          )}
          <Button className='proposal__staff-btn' data-action='minutes' block fill='outline' type='primary' onClick={() => go(ROUTES.proposalStaff(p.id, 'minutes'))}>
            {PR.staffMinutes}
          </Button>
          {p.status === 'adopted' && (
            <Button className='proposal__staff-btn' data-action='progress' block fill='outline' type='primary' onClick={() => go(ROUTES.proposalStaff(p.id, 'progress'))}>
              {PR.staffProgress}
            </Button>
          )}
        </View>
      )}
    </Screen>
  )
}

export default observer(ProposalPage)
