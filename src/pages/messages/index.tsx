import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { NoticeRow } from '../../components/notice-row'
import { ThreadRow } from '../../components/thread-row'
import { generalThreadId } from '../../domain/messages'
import { go, ROUTES } from '../../navigation'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { useUnreadBadge } from '../../ui/tab-badge'
import { P } from '../texts'
import { EmptyState } from '../../components/empty-state'
import './index.css'

/** 消息: community notices and building broadcasts, then message threads. Each shown when the backend offers it. */
function MessagesPage() {
  const { session, notices, messages, ui } = useStores()
  const signedIn = session.status === 'signed_in'
  useUnreadBadge()
  const reload = () => Promise.all([notices.refresh(), messages.loadThreads()])
  useDidShow(() => {
    if (signedIn) void reload()
  })
  // Signed in while this tab was already open (or the session was restored after it mounted).
  useEffect(() => {
    if (signedIn) void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  const refresh = async () => {
    if (signedIn) await reload()
  }
  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (signedIn) void notices.loadMore()
  })

  const user = session.user
  const isStaff = session.hasRole('staff')
  // A resident's own "ask the community" thread: always reachable, even before the first message.
  const myGeneral = user && !isStaff ? generalThreadId(user.id) : null
  // A report's thread nobody wrote in yet stays on the report's page, not in this list.
  const threads = messages.threads.filter((t) => t.id !== myGeneral && (t.lastMessagePreview || t.unread > 0))

  // One scrolling list: the conversations first (few, and each waits for an answer), then the
  // notices, read a page at a time as the list reaches its end.
  const entries: PageEntry[] = []
  if (!notices.available && !messages.available) {
    entries.push({ key: 'empty', render: () => <EmptyState title={P.messagesEmptyTitle} description={P.messagesEmpty} /> })
  }
  if (messages.available) {
    entries.push({ key: 'threads-head', render: () => <ThreadsHead myGeneral={myGeneral} empty={threads.length === 0} /> })
    for (const t of threads) {
      entries.push({ key: `thread:${t.id}`, section: 'threads', render: () => <ThreadRow thread={t} when={formatTime(t.lastMessageAt, ui.now)} onOpen={(id) => go(ROUTES.thread(id, t.title))} /> })
    }
  }
  if (notices.available) {
    entries.push({ key: 'notices-head', render: () => <NoticesHead /> })
    for (const n of notices.items) {
      entries.push({ key: `notice:${n.id}`, section: 'notices', render: () => <NoticeRow notice={n} when={formatTime(n.publishedAt, ui.now)} onOpen={(id) => go(ROUTES.noticeDetail(id))} /> })
    }
  }
  const footer = !notices.available ? undefined : notices.hasMore ? (
    <View className='muted messages__more' onClick={() => void notices.loadMore()}>
      {P.loadMore}
    </View>
  ) : notices.loaded && notices.items.length > 0 ? (
    <View className='muted messages__more'>{P.noMore}</View>
  ) : undefined

  return (
    <Screen requireSignIn className='messages page--list' signInHint={P.messagesSignIn}>
      <VirtualPage entries={entries} footer={footer} estimatedHeight={130} onEndReached={() => void (signedIn && notices.loadMore())} onRefresh={refresh} />
    </Screen>
  )
}

/** 留言: the title, what went wrong, and the resident's own thread with the community. */
const ThreadsHead = observer(function ThreadsHead({ myGeneral, empty }: { myGeneral: string | null; empty: boolean }) {
  const { messages, ui } = useStores()
  const general = myGeneral ? messages.thread(myGeneral) : undefined
  return (
    <View className='messages__section' data-section='threads'>
      <View className='section-title'>{P.threads}</View>
      {messages.error && (
        <View className='card field-error' onClick={() => void messages.loadThreads()}>
          {messages.error}
          {P.retry}
        </View>
      )}
      {myGeneral && (
        <ThreadRow
          thread={{ id: myGeneral, title: P.askCommunity, lastMessagePreview: general?.lastMessagePreview || P.askCommunityHint, unread: general?.unread ?? 0 }}
          when={general ? formatTime(general.lastMessageAt, ui.now) : ''}
          onOpen={(id) => go(ROUTES.thread(id, P.askCommunity))}
        />
      )}
      {messages.threadsLoaded && empty && !myGeneral && <View className='card muted'>{P.threadsEmpty}</View>}
    </View>
  )
})

/** 通知公告: the title with the unread count, what went wrong, or that there are none. */
const NoticesHead = observer(function NoticesHead() {
  const { notices } = useStores()
  return (
    <View className='messages__section' data-section='notices'>
      <View className='section-title row'>
        <View className='grow'>{P.notices}</View>
        {notices.unread > 0 && <View className='messages__count'>{P.unread(notices.unread)}</View>}
      </View>
      {notices.error && (
        <View className='card field-error' onClick={() => void notices.refresh()}>
          {notices.error}
          {P.retry}
        </View>
      )}
      {notices.loaded && notices.items.length === 0 && <View className='card muted'>{P.noticesEmpty}</View>}
    </View>
  )
})

export default observer(MessagesPage)
