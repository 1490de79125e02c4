// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { ModerationItem } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { PhotoGrid } from '../../components/photo-grid'
import { actorOf } from '../../domain/actor'
import { heldForLabel } from '../../domain/moderation/held-for'
import { canModerate } from '../../domain/moderation/rules'
import { toast } from '../../navigation'
import { previewPhotos } from '../../platform/media'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { R } from '../review-texts'
import '../review.css'

/** The top of the queue: what it is, how many wait, what went wrong, or that nothing waits. */
const QueueHead = observer(function QueueHead() {
  const { moderation } = useStores()
  const n = moderation.heldCount
  const count = n === null ? String(moderation.items.length) : moderation.heldMore ? `${n}+` : String(n)
  return (
    <View className='review__head'>
      <View className='card muted review__intro'>{R.moderationIntro}</View>
      {moderation.error && (
        <View className='card field-error review__error tap-target' aria-role='alert' onClick={() => void moderation.refresh()}>
          {moderation.error}
          {R.retry}
        </View>
      )}
      {moderation.loaded && (
        <View className='section-title moderation__summary' data-count={count}>
          {R.heldCount(count)}
        </View>
      )}
      {moderation.loaded && moderation.items.length === 0 && !moderation.loading && <View className='card muted moderation__empty'>{R.moderationEmpty}</View>}
    </View>
  )
})

/** 不通过: common reasons to pick, the reason as typed, its error, confirm or cancel. */
const RejectPanel = observer(function RejectPanel({ item }: { item: ModerationItem }) {
  const { moderation } = useStores()
  const busy = moderation.busyId === item.id
  const reject = async () => {
    const outcome = await moderation.rejectOpen()
    if (outcome.ok) toast(R.rejected, 'success')
    else if (outcome.field !== 'reason') toast(outcome.message)
  }
  return (
    <View className='review__panel moderation__reason'>
      <View className='review__label'>{R.quickReasons}</View>
      <View className='review__quick'>
        {R.reasons.map((r) => (
          <View key={r} className='review__quick-item tap-target' aria-role='button' data-reason={r} onClick={() => moderation.addReason(r)}>
            {r}
          </View>
        ))}
      </View>
      <View className='review__label'>{R.rejectReason}</View>
      <TextArea
        className='review__textarea moderation__reason-field'
        value={moderation.reason}
        placeholder={R.reasonPlaceholder}
        maxLength={-1}
        autoSize
        onChange={moderation.setReason}
      />
      <FieldError field='reason' message={moderation.reasonError ?? undefined} />
      <View className='row review__buttons'>
        <Button className='moderation__confirm-reject grow' type='danger' size='large' loading={busy} disabled={busy} onClick={() => void reject()}>
          {R.confirmReject}
        </Button>
        <Button className='moderation__cancel grow' type='default' size='large' disabled={busy} onClick={moderation.closeReject}>
          {R.cancel}
        </Button>
      </View>
    </View>
  )
})

/** One held text: its kind, the text, who wrote it and when, why it was held; 通过 or 不通过. */
const HeldEntry = observer(function HeldEntry({ item }: { item: ModerationItem }) {
  const { moderation, ui } = useStores()
  const busy = moderation.busyId === item.id
  const rejecting = moderation.rejectingId === item.id
  const approve = async () => {
    const outcome = await moderation.approve(item.id)
    toast(outcome.ok ? R.approved : outcome.message, outcome.ok ? 'success' : 'none')
  }
  return (
    <View className='card moderation__row' data-item={item.id} data-kind={item.kind}>
      <View className='row'>
        <View className='review__badge moderation__kind'>{R.kind[item.kind]}</View>
        <View className='grow muted moderation__by'>{R.wroteAt(item.authorName || '已注销用户', formatTime(item.createdAt, ui.now))}</View>
      </View>
      {item.photo ? (
        // A held photo: the moderator looks at it (a signed URL; tap to see it whole).
        <View className='moderation__photo'>
          <PhotoGrid urls={[item.photo.url]} onPreview={() => previewPhotos([item.photo!.url], 0)} />
        </View>
      ) : (
        <View className='moderation__text'>{item.text}</View>
      )}
      <View className='moderation__why'>{R.heldFor(heldForLabel(item.heldFor))}</View>
      {moderation.rowErrors[item.id] && (
        <View className='field-error' data-field='item' aria-role='alert'>
          {moderation.rowErrors[item.id]}
        </View>
      )}
      {!rejecting && (
        <View className='row review__buttons'>
          <Button className='moderation__approve grow' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void approve()}>
            {R.approve}
          </Button>
          <Button className='moderation__reject grow' type='default' size='large' disabled={busy} onClick={() => moderation.openReject(item.id)}>
            {R.reject}
          </Button>
        </View>
      )}
      {rejecting && <RejectPanel item={item} />}
    </View>
  )
})

const QueueFooter = observer(function QueueFooter() {
  const { moderation } = useStores()
  if (moderation.loading && !moderation.loaded) return <View className='muted review__more'>{R.loading}</View>
  if (moderation.hasMore) {
    return (
      <View className='muted review__more tap-target' aria-role='button' onClick={() => void moderation.loadMore()}>
        {moderation.list.loadingMore ? R.loading : R.loadMore}
      </View>
    )
  }
  if (moderation.loaded && moderation.items.length > 0) return <View className='muted review__more'>{R.noMore}</View>
  return null
})

/** 内容审核: the community's held texts, oldest first, for staff and admins. */
function ModerationPage() {
  const { session, moderation } = useStores()
  const signedIn = session.status === 'signed_in'
  const allowed = session.user ? canModerate(actorOf(session.user)) : false
  useDidShow(() => {
    if (signedIn && allowed) void (moderation.loaded ? moderation.refresh() : moderation.load())
  })
  useEffect(() => {
    if (signedIn && allowed) void moderation.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed])
  usePullDownRefresh(async () => {
    if (allowed) await moderation.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void moderation.loadMore())

  if (signedIn && (!allowed || !moderation.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted review__denied'>{moderation.available ? R.moderationOnly : R.moderationUnavailable}</View>
      </Screen>
    )
  }
  const entries: PageEntry[] = [{ key: 'head', render: () => <QueueHead /> }]
  for (const item of moderation.items) entries.push({ key: item.id, render: () => <HeldEntry item={item} /> })
  return (
    <Screen requireSignIn className='moderation page--list'>
      <VirtualPage entries={entries} footer={<QueueFooter />} estimatedHeight={320} onEndReached={() => void moderation.loadMore()} onRefresh={moderation.refresh} />
    </Screen>
  )
}

export default observer(ModerationPage)
