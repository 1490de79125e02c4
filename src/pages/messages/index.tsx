import { Empty } from '@nutui/nutui-react-taro'
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
import { useUnreadBadge } from '../../ui/tab-badge'
import { P } from '../texts'
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
  usePullDownRefresh(async () => {
    if (signedIn) await reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (signedIn) void notices.loadMore()
  })

  const now = ui.now // relative times move on while the page is open
  const user = session.user
  const isStaff = session.hasRole('staff')
  // A resident's own "ask the community" thread: always reachable, even before the first message.
  const myGeneral = user && !isStaff ? generalThreadId(user.id) : null
  // A report's thread nobody wrote in yet stays on the report's page, not in this list.
  const threads = messages.threads.filter((t) => t.id !== myGeneral && (t.lastMessagePreview || t.unread > 0))
  const general = myGeneral ? messages.thread(myGeneral) : undefined

  return (
    <Screen requireSignIn className='messages' signInHint={P.messagesSignIn}>
      {!notices.available && !messages.available && <Empty title={P.messagesEmptyTitle} description={P.messagesEmpty} />}

      {notices.available && (
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
          {notices.items.map((n) => (
            <NoticeRow key={n.id} notice={n} when={formatTime(n.publishedAt, now)} onOpen={(id) => go(ROUTES.noticeDetail(id))} />
          ))}
          {notices.loaded && notices.items.length === 0 && <View className='card muted'>{P.noticesEmpty}</View>}
          {notices.hasMore && (
            <View className='muted messages__more' onClick={() => void notices.loadMore()}>
              {P.loadMore}
            </View>
          )}
        </View>
      )}

      {messages.available && (
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
              when={general ? formatTime(general.lastMessageAt, now) : ''}
              onOpen={(id) => go(ROUTES.thread(id, P.askCommunity))}
            />
          )}
          {threads.map((t) => (
            <ThreadRow key={t.id} thread={t} when={formatTime(t.lastMessageAt, now)} onOpen={(id) => go(ROUTES.thread(id, t.title))} />
          ))}
          {messages.threadsLoaded && threads.length === 0 && !myGeneral && <View className='card muted'>{P.threadsEmpty}</View>}
        </View>
      )}
    </Screen>
  )
}

export default observer(MessagesPage)
