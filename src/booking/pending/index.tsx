// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { BookingStep } from '../../domain/booking/lifecycle'
import { useStores } from '../../stores/context'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { BookingCard, StaffScreen, useSignedInLoad } from '../staff-parts'
import { ST } from '../staff-texts'
import { EmptyState } from '../../components/empty-state'
import '../staff.css'

const STEPS: BookingStep[] = ['confirm', 'reject']

const Head = observer(function Head() {
  const { bookingDesk: desk } = useStores()
  return (
    <View className='sb-pending__head'>
      {desk.pendingError && (
        <View className='card field-error' onClick={() => void desk.refreshPending()}>
          {desk.pendingError}
          {ST.retry}
        </View>
      )}
      {desk.pendingLoaded && desk.pendingItems.length === 0 && !desk.pendingLoading && <EmptyState title={ST.pendingEmpty} />}
    </View>
  )
})

const Footer = observer(function Footer() {
  const { bookingDesk: desk } = useStores()
  if (desk.pendingLoading) return <View className='muted sb-more'>{ST.loading}</View>
  if (desk.pendingHasMore) {
    return (
      <View className='muted sb-more tap-target' aria-role='button' onClick={() => void desk.loadMorePending()}>
        {desk.pendingLoadingMore ? ST.loading : ST.loadMore}
      </View>
    )
  }
  if (desk.pendingLoaded && desk.pendingItems.length > 0) return <View className='muted sb-more'>{ST.noMore}</View>
  return null
})

/** Bookings waiting for staff, soonest first: 确认, or 拒绝 with a reason the resident is told. */
function PendingPage() {
  const { bookingDesk: desk } = useStores()
  useSignedInLoad(() => void desk.refreshPending())
  const more = () => {
    if (desk.pendingHasMore) void desk.loadMorePending()
  }
  useReachBottom(more)
  const entries: PageEntry[] = [{ key: 'head', render: () => <Head /> }]
  for (const b of desk.pendingItems) {
    entries.push({
      key: b.id,
      render: () => (
        <View className='card sb-pending__row'>
          <BookingCard booking={b} showWhen steps={STEPS} />
        </View>
      ),
    })
  }
  return (
    <StaffScreen className='sb-pending page--list'>
      <VirtualPage entries={entries} footer={<Footer />} estimatedHeight={320} onEndReached={more} onRefresh={() => desk.refreshPending()} />
    </StaffScreen>
  )
}

export default observer(PendingPage)
