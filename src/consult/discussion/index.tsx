// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Contribution, DiscussionSubject, Stance } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { parseSubject, STANCE_LABEL } from '../../domain/consultation/deliberation'
import type { FieldErrors } from '../../domain/validation'
import { toast } from '../../navigation'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { PR } from '../texts-proposals'
import '../proposals.css'

const STANCES: Stance[] = ['for', 'against', 'neutral']
/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

/** The hide form of one row: held by the page, so the list measures the row again as it opens, errs or closes. */
interface HideForm {
  id: string
  reason: string
  error?: string
}

/** One contribution: author, official mark, stance, text (or why it was hidden), reply and hide. */
const ContributionRow = observer(function ContributionRow({
  c,
  reply,
  onReply,
  hide,
  onHide,
}: {
  c: Contribution
  reply: boolean
  onReply: (c: Contribution) => void
  /** The hide form, when it is open on this row. */
  hide: HideForm | null
  onHide: (form: HideForm | null) => void
}) {
  const { discussion, session, ui } = useStores()
  const staff = session.hasRole('staff')
  const confirmHide = async () => {
    if (!hide) return
    const outcome = await discussion.hide(c.id, hide.reason)
    if (outcome.ok) {
      onHide(null)
      toast(PR.hiddenDone, 'success')
    } else onHide({ ...hide, error: outcome.fields.reason ?? outcome.message })
  }
  return (
    <View className={`card dc-row${reply ? ' dc-row--reply' : ''}${c.official ? ' dc-row--official' : ''}`} data-contribution={c.id}>
      <View className='row dc-row__head'>
        <View className='dc-row__author grow'>
          {c.authorName}
          {c.official && <View className='dc-official'>{PR.official}</View>}
        </View>
        {c.stance && <View className={`dc-stance dc-stance--${c.stance}`}>{STANCE_LABEL[c.stance]}</View>}
      </View>
      {c.hidden ? (
        <>
          <View className='dc-row__hidden'>{PR.hiddenBy(c.hidden.reason)}</View>
          {staff && c.body && <View className='dc-row__body dc-row__body--hidden'>{c.body}</View>}
        </>
      ) : (
        <View className='dc-row__body'>{c.body}</View>
      )}
      <View className='row dc-row__foot'>
        <View className='muted grow'>{formatTime(c.createdAt, ui.now)}</View>
        {!c.hidden && (
          <View className='cp-action tap-target dc-row__reply' aria-role='button' {...KEYBOARD} onClick={() => onReply(c)}>
            {PR.reply}
          </View>
        )}
        {staff && !c.hidden && !hide && (
          <View className='cp-action tap-target dc-row__hide' aria-role='button' {...KEYBOARD} onClick={() => onHide({ id: c.id, reason: '' })}>
            {PR.hide}
          </View>
        )}
      </View>
      {hide && (
        <View className='dc-hide'>
          <View className='dc-hide__label'>{PR.hideReason}</View>
          <TextArea className='cp-field dc-hide__reason' value={hide.reason} placeholder={PR.hidePlaceholder} maxLength={-1} autoSize onChange={(v) => onHide({ id: c.id, reason: v })} />
          <FieldError field='reason' message={hide.error} />
          <View className='row dc-hide__buttons'>
            <Button className='dc-hide__cancel' fill='outline' onClick={() => onHide(null)}>
              {PR.cancel}
            </Button>
            <Button className='dc-hide__confirm' type='danger' loading={discussion.hiding === c.id} onClick={() => void confirmHide()}>
              {PR.confirmHide}
            </Button>
          </View>
        </View>
      )}
    </View>
  )
})

/** What to write and, for a resident's top-level word on a proposal or article, the stance. */
const ComposerBox = observer(function ComposerBox({ subject, replyTo, onCancelReply }: { subject: DiscussionSubject; replyTo: Contribution | null; onCancelReply: () => void }) {
  const { discussion, session } = useStores()
  const official = session.hasRole('staff')
  const [body, setBody] = useState('')
  const [stance, setStance] = useState<Stance | undefined>()
  const [errors, setErrors] = useState<FieldErrors>({})
  const wantsStance = !replyTo && subject.kind !== 'disclosure'
  const send = async () => {
    const parentId = replyTo ? replyTo.parentId ?? replyTo.id : undefined
    const outcome = await discussion.contribute({ body, ...(wantsStance && stance ? { stance } : {}), ...(parentId ? { parentId } : {}) }, official)
    if (outcome.ok) {
      setBody('')
      setStance(undefined)
      setErrors({})
      onCancelReply()
      toast(PR.sent, 'success')
    } else {
      setErrors(outcome.fields)
      if (!Object.keys(outcome.fields).length) toast(outcome.message)
    }
  }
  return (
    <View className='card dc-compose'>
      {replyTo && (
        <View className='row dc-compose__reply'>
          <View className='grow'>{PR.replyTo(replyTo.authorName)}</View>
          <View {...KEYBOARD} className='cp-action tap-target dc-compose__cancel' aria-role='button' onClick={onCancelReply}>
            {PR.cancelReply}
          </View>
        </View>
      )}
      {wantsStance && (
        <>
          <View className='dc-compose__label'>{PR.stanceLabel}</View>
          <Chips name='stance' options={STANCES.map((s) => ({ value: s, label: STANCE_LABEL[s] }))} selected={stance ? [stance] : []} onTap={(v) => setStance(v as Stance)} />
          <FieldError field='stance' message={errors.stance} />
        </>
      )}
      <TextArea
        className='cp-field dc-compose__input'
        value={body}
        placeholder={replyTo ? PR.replyPlaceholder : subject.kind === 'disclosure' ? PR.questionPlaceholder : PR.composePlaceholder}
        maxLength={-1}
        autoSize
        onChange={(v) => setBody(v)}
      />
      <FieldError field='body' message={errors.body ?? errors.parentId} />
      <Button className='dc-compose__send' type='primary' block loading={discussion.sending} onClick={() => void send()}>
        {PR.send}
      </Button>
    </View>
  )
})

/** A discussion: the stances, every contribution oldest first with replies under their parent, and a box to speak. */
function DiscussionPage() {
  const { params } = useRouter()
  const subject = parseSubject({
    kind: params.kind,
    id: params.id ? decodeURIComponent(params.id) : undefined,
    conventionId: params.conventionId ? decodeURIComponent(params.conventionId) : undefined,
    articleId: params.articleId ? decodeURIComponent(params.articleId) : undefined,
  })
  const title = params.title ? decodeURIComponent(params.title) : ''
  const { discussion, session } = useStores()
  const [replyTo, setReplyTo] = useState<Contribution | null>(null)
  const [hide, setHide] = useState<HideForm | null>(null)
  const signedIn = session.status === 'signed_in'
  useDidShow(() => {
    if (title) void Taro.setNavigationBarTitle({ title: `${PR.discussionTitle}：${title}`.slice(0, 20) }).catch(() => undefined)
    if (subject && signedIn) void discussion.open(subject)
  })
  // Opened by a link or reloaded before the session is back: read it once signed in.
  useEffect(() => {
    if (subject && signedIn) void discussion.open(subject)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, params.kind, params.id, params.conventionId, params.articleId])
  useReachBottom(() => void discussion.loadMore())

  if (!subject) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{PR.notFound}</View>
      </Screen>
    )
  }
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <View className='dc-head'>
          {title && <View className='section-title'>{title}</View>}
          {subject.kind !== 'disclosure' && (
            <View className='card dc-stances' data-stances>
              {PR.stances(discussion.stances)}
            </View>
          )}
          {discussion.error && (
            <View className='card field-error' onClick={() => void discussion.refresh()}>
              {discussion.error}
              {PR.retry}
            </View>
          )}
          {discussion.loaded && discussion.items.length === 0 && <View className='card muted dc-empty'>{subject.kind === 'disclosure' ? PR.questionsEmpty : PR.discussionEmpty}</View>}
        </View>
      ),
    },
    ...discussion.threaded.map(({ contribution, reply }) => ({
      key: contribution.id,
      render: () => (
        <ContributionRow
          c={contribution}
          reply={reply}
          onReply={setReplyTo}
          hide={hide?.id === contribution.id ? hide : null}
          onHide={setHide}
        />
      ),
    })),
  ]
  const footer = (
    <>
      {discussion.hasMore ? (
        <View {...KEYBOARD} className='muted cp-more' onClick={() => void discussion.loadMore()}>
          {discussion.loadingMore ? PR.loading : PR.loadMore}
        </View>
      ) : discussion.loading && !discussion.loaded ? (
        <View className='muted cp-more'>{PR.loading}</View>
      ) : null}
      <ComposerBox subject={subject} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
    </>
  )
  return (
    <Screen requireSignIn className='discussion page--list'>
      <VirtualPage entries={entries} footer={footer} estimatedHeight={200} onEndReached={() => void discussion.loadMore()} onRefresh={() => discussion.refresh()} />
    </Screen>
  )
}

export default observer(DiscussionPage)
