// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { BookingCard } from '../../components/booking-card'
import { go, ROUTES } from '../../navigation'
import { useStores } from '../../stores/context'
import { BookingPauseBanner } from '../../ui/booking-entries'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { BK } from '../texts'
import '../resident.css'

/** 我的预约: the coming ones first (with their codes), then the past, a page at a time. */
function MyBookingsPage() {
  const { myBookings, session } = useStores()
  const signedIn = session.status === 'signed_in'
  const refresh = async () => {
    if (signedIn) await Promise.all([myBookings.load(), myBookings.refreshPast()])
  }
  useDidShow(() => void refresh())
  useEffect(() => {
    void refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (signedIn) void myBookings.loadMorePast()
  })
  const open = (id: string) => go(ROUTES.booking(id))
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <>
          <BookingPauseBanner />
          <View className='row bk-mine__head'>
            <View className='section-title grow'>{BK.upcomingTitle}</View>
            <Button className='bk-mine__browse' type='primary' size='small' onClick={() => go(ROUTES.services())}>
              {BK.browse}
            </Button>
          </View>
          {myBookings.error && (
            <View className='card field-error tap-target' aria-role='button' onClick={() => void myBookings.load()}>
              {myBookings.error}
              {BK.retry}
            </View>
          )}
          {myBookings.loaded && myBookings.upcoming.length === 0 && <View className='card muted'>{BK.noUpcoming}</View>}
        </>
      ),
    },
    ...myBookings.upcoming.map((b) => ({ key: b.id, section: 'upcoming', render: () => <BookingCard booking={b} onOpen={open} /> })),
    { key: 'past-head', render: () => <View className='section-title bk-mine__past'>{BK.pastTitle}</View> },
    ...myBookings.past.map((b) => ({ key: `past:${b.id}`, section: 'past', render: () => <BookingCard booking={b} onOpen={open} past /> })),
  ]
  const footer = myBookings.pastLoading ? (
    <View className='muted bk-more'>{BK.loading}</View>
  ) : myBookings.hasMorePast ? (
    <View className='muted bk-more tap-target' aria-role='button' onClick={() => void myBookings.loadMorePast()}>
      {myBookings.pastLoadingMore ? BK.loading : BK.more}
    </View>
  ) : myBookings.pastLoaded ? (
    <View className='muted bk-more'>{myBookings.past.length ? BK.noMore : BK.noPast}</View>
  ) : null
  return (
    <Screen requireSignIn className='bk-mine page--list'>
      <VirtualPage entries={entries} footer={footer} estimatedHeight={200} onEndReached={() => void myBookings.loadMorePast()} onRefresh={refresh} />
    </Screen>
  )
}

export default observer(MyBookingsPage)
