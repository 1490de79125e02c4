import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { ReportRow } from '../../components/report-row'
import { isOverdue } from '../../domain/deadline'
import { go, ROUTES } from '../../navigation'
import { fromNow } from '../../platform/time'
import { useStores } from '../../stores/context'
import { MyBookingsCard, ServiceGrid } from '../../ui/booking-entries'
import { OutboxBanner } from '../../ui/outbox-banner'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { useUnreadBadge } from '../../ui/tab-badge'
import { QueuedReport } from './queued-report'
import { EmptyState } from '../../components/empty-state'
import './index.css'

function TasksPage() {
  const { session, myReports, outbox, services, myBookings, ui, capabilities } = useStores()
  const signedIn = session.status === 'signed_in'
  useUnreadBadge()

  useDidShow(() => {
    // Coming back to the list (from a detail, a rating, a new report) shows the latest state.
    if (!signedIn) return
    if (myReports.loaded) void myReports.refresh()
    else void myReports.load()
    void outbox.flush()
    void services.load()
    void myBookings.load()
  })
  // Signed in (or the session restored) while 办事 was already open: the services and bookings fill in.
  useEffect(() => {
    if (!signedIn) return
    void services.load()
    void myBookings.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  const refresh = async () => {
    if (signedIn) await Promise.all([myReports.refresh(), outbox.flush(), services.load(), myBookings.load()])
  }
  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (signedIn) void myReports.loadMore()
  })

  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <>
          <ServiceGrid />
          <MyBookingsCard />
          {capabilities.conventions && (
            <View className='card tasks__consult tap-target' aria-role='button' onClick={() => go(ROUTES.consult())}>
              <View className='tasks__consult-title'>议事厅</View>
              <View className='muted'>社区公约 · 居民议题 · 表决 · 村务公开</View>
            </View>
          )}
          <View className='row tasks__head'>
            <View className='section-title grow'>我的诉求</View>
            <Button type='primary' size='small' onClick={() => go(ROUTES.newReport)}>
              + 反映问题
            </Button>
          </View>
          <OutboxBanner />
          {myReports.error && (
            <View className='card tasks__error' onClick={() => void myReports.refresh()}>
              {myReports.error}（点此重试）
            </View>
          )}
          {myReports.loaded && myReports.items.length === 0 && outbox.items.length === 0 && (
            <EmptyState title='还没有反映过问题' description='遇到路灯不亮、楼道漏水等问题，点右上角告诉社区' />
          )}
        </>
      ),
    },
    // Reports kept on the phone come first: they wait for the network, or for the resident to fix them.
    ...outbox.items.map((item) => ({ key: `queued:${item.key}`, render: () => <QueuedReport item={item} /> })),
    ...myReports.items.map((r) => ({
      key: r.id,
      // Each row reads the clock itself: relative times move on while the page is open.
      render: () => <ReportRow report={r} when={fromNow(r.createdAt, ui.now)} overdue={isOverdue(r, ui.now)} onOpen={(id) => go(ROUTES.reportDetail(id))} />,
    })),
  ]
  const footer = myReports.loading ? (
    <View className='muted tasks__more'>正在加载…</View>
  ) : myReports.hasMore ? (
    <View className='muted tasks__more' onClick={() => void myReports.loadMore()}>
      {myReports.loadingMore ? '正在加载…' : '加载更多'}
    </View>
  ) : myReports.loaded && myReports.items.length > 0 ? (
    <View className='muted tasks__more'>没有更多了</View>
  ) : null
  return (
    <Screen requireSignIn className='tasks page--list'>
      <VirtualPage entries={entries} footer={footer} estimatedHeight={150} onEndReached={() => void myReports.loadMore()} onRefresh={refresh} />
    </Screen>
  )
}

export default observer(TasksPage)
