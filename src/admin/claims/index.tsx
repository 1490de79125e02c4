// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { HouseholdClaim } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { actorOf } from '../../domain/actor'
import { reviewsClaims } from '../../domain/membership'
import { toast } from '../../navigation'
import { formatTime } from '../../platform/time'
import type { ReviewStatus } from '../../stores/claims-review-store'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { A } from '../texts'
import '../admin.css'
import './index.css'

/** The top of the list: what it is, whose buildings, the filter, how many wait, what went wrong. */
const ClaimsHead = observer(function ClaimsHead() {
  const { session, claimsReview: review, directory } = useStores()
  const staff = session.hasRole('staff')
  const leads = session.user?.leadsBuildingIds ?? []
  const names = (directory.directory?.buildings ?? []).filter((b) => leads.includes(b.id)).map((b) => b.name)
  const status = review.status
  const count = review.pendingCount === null ? '' : review.pendingMore ? `${review.pendingCount}+` : String(review.pendingCount)
  return (
    <View className='claims__head'>
      <View className='card muted admin__intro'>{A.claimsIntro}</View>
      {!staff && names.length > 0 && <View className='muted claims__scope'>{A.claimsLeaderScope(names.join('、'))}</View>}
      <Chips name='status' options={A.claimFilters} selected={[status]} onTap={(v) => void review.setStatus(v as ReviewStatus)} />
      {review.error && (
        <View className='card field-error admin__error tap-target' aria-role='alert' onClick={() => void review.refresh()}>
          {review.error}
          {A.retry}
        </View>
      )}
      {review.loaded && (
        <View className='section-title claims__summary' data-count={status === 'pending' ? count : undefined}>
          {status === 'pending' ? A.claimsCount.pending(count || '0') : A.claimsCount[status]}
        </View>
      )}
      {review.loaded && review.items.length === 0 && !review.loading && <View className='card muted claims__empty'>{A.claimsEmpty[status]}</View>}
    </View>
  )
})

/** One claim: who, which door, since when; 通过, or 驳回 with a reason they will read. */
const ClaimEntry = observer(function ClaimEntry({ claim }: { claim: HouseholdClaim }) {
  const { claimsReview: review, ui } = useStores()
  const busy = review.busyId === claim.id
  const pending = claim.status === 'pending'

  const approve = async () => {
    const outcome = await review.approve(claim.id)
    // A claim decided meanwhile leaves the list as it is read again: the toast says why.
    toast(outcome.ok ? A.approved(claim.name) : outcome.message, outcome.ok ? 'success' : 'none')
  }
  const rejecting = review.rejectingId === claim.id
  const reject = async () => {
    const outcome = await review.rejectOpen()
    if (outcome.ok) toast(A.rejected, 'success')
    else if (outcome.field !== 'reason') toast(outcome.message)
  }

  return (
    <View className='card claims__row' data-claim={claim.id} data-status={claim.status}>
      <View className='row'>
        <View className='grow claims__name'>{claim.name}</View>
        {!pending && <View className={`admin__badge admin__badge--${claim.status}`}>{A.claimStatus[claim.status]}</View>}
      </View>
      <View className='claims__door'>
        {claim.buildingName} {claim.room}
      </View>
      <View className='muted'>{claim.phoneMasked}</View>
      <View className='muted'>{A.claimedAt(formatTime(claim.createdAt, ui.now))}</View>
      {claim.decidedAt && claim.decidedByName && <View className='muted'>{A.decidedBy(claim.decidedByName, formatTime(claim.decidedAt, ui.now))}</View>}
      {claim.reason && <View className='claims__reason-text'>{A.reasonLabel(claim.reason)}</View>}
      {review.rowErrors[claim.id] && (
        <View className='field-error' data-field='claim' aria-role='alert'>
          {review.rowErrors[claim.id]}
        </View>
      )}
      {pending && !rejecting && (
        <View className='row admin__buttons'>
          <Button className='claims__approve grow' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void approve()}>
            {A.approve}
          </Button>
          <Button className='claims__reject grow' type='default' size='large' disabled={busy} onClick={() => review.openReject(claim.id)}>
            {A.reject}
          </Button>
        </View>
      )}
      {pending && rejecting && (
        <View className='admin__panel claims__reason'>
          <View className='admin__label'>{A.quickReasons}</View>
          <View className='admin__quick'>
            {A.reasons.map((r) => (
              <View key={r} className='admin__quick-item tap-target' aria-role='button' data-reason={r} onClick={() => review.addReason(r)}>
                {r}
              </View>
            ))}
          </View>
          <View className='admin__label'>{A.rejectReason}</View>
          <TextArea
            className='admin__textarea claims__reason-field'
            value={review.reason}
            placeholder={A.reasonPlaceholder}
            maxLength={-1}
            autoSize
            onChange={review.setReason}
          />
          <FieldError field='reason' message={review.reasonError ?? undefined} />
          <View className='row admin__buttons'>
            <Button className='claims__confirm-reject grow' type='danger' size='large' loading={busy} disabled={busy} onClick={() => void reject()}>
              {A.confirmReject}
            </Button>
            <Button
              className='claims__cancel grow'
              type='default'
              size='large'
              disabled={busy}
              onClick={review.closeReject}
            >
              {A.cancel}
            </Button>
          </View>
        </View>
      )}
    </View>
  )
})

const ClaimsFooter = observer(function ClaimsFooter() {
  const { claimsReview: review } = useStores()
  if (review.loading && !review.loaded) return <View className='muted admin__more'>{A.loading}</View>
  if (review.hasMore) {
    return (
      <View className='muted admin__more tap-target' aria-role='button' onClick={() => void review.loadMore()}>
        {review.list.loadingMore ? A.loading : A.loadMore}
      </View>
    )
  }
  if (review.loaded && review.items.length > 0) return <View className='muted admin__more'>{A.noMore}</View>
  return null
})

/** 住户认证审核: staff see the community's claims, a building leader their buildings', oldest first. */
function ClaimsPage() {
  const { session, claimsReview: review } = useStores()
  const signedIn = session.status === 'signed_in'
  const allowed = session.user ? reviewsClaims(actorOf(session.user)) : false
  useDidShow(() => {
    if (signedIn && allowed) void (review.loaded ? review.refresh() : review.load())
  })
  useEffect(() => {
    if (signedIn && allowed) void review.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed])
  usePullDownRefresh(async () => {
    if (allowed) await review.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void review.loadMore())

  if (signedIn && (!allowed || !review.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted admin__denied'>{review.available ? A.claimsOnly : A.notAvailable}</View>
      </Screen>
    )
  }
  const entries: PageEntry[] = [{ key: 'head', render: () => <ClaimsHead /> }]
  for (const c of review.items) entries.push({ key: c.id, render: () => <ClaimEntry claim={c} /> })
  return (
    <Screen requireSignIn className='claims page--list'>
      <VirtualPage entries={entries} footer={<ClaimsFooter />} estimatedHeight={300} onEndReached={() => void review.loadMore()} onRefresh={review.refresh} />
    </Screen>
  )
}

export default observer(ClaimsPage)
