import Taro, { useDidShow } from '@tarojs/taro'
import { autorun } from 'mobx'
import { useEffect } from 'react'
import { useStores } from '../stores/context'

/** The position of 消息 in app.config.ts's tab bar. */
const MESSAGES_TAB = 2

function showCount(count: number): void {
  // Only a tab page may set the badge on weapp; elsewhere the call fails and the next show fixes it.
  if (count > 0) void Taro.setTabBarBadge({ index: MESSAGES_TAB, text: count > 99 ? '99+' : String(count) }).catch(() => undefined)
  else void Taro.removeTabBarBadge({ index: MESSAGES_TAB }).catch(() => undefined)
}

/**
 * Unread notices + messages on the 消息 tab, for every tab page: counted again whenever the page is
 * shown, and redrawn when the count changes while it is on screen.
 */
export function useUnreadBadge(): void {
  const { session, notices, messages } = useStores()
  useDidShow(() => {
    if (session.status !== 'signed_in') return showCount(0)
    void Promise.all([notices.refreshUnread(), messages.refreshUnread()]).then(() => showCount(notices.unread + messages.unread))
  })
  useEffect(() => autorun(() => showCount(session.status === 'signed_in' ? notices.unread + messages.unread : 0)), [session, notices, messages])
}
