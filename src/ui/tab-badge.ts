import Taro, { useDidShow } from '@tarojs/taro'
import { autorun } from 'mobx'
import { useEffect } from 'react'
import { useStores } from '../stores/context'
import type { RootStore } from '../stores/root-store'
import { badgeText, CUSTOM_TAB_BAR, MESSAGES_TAB, tabIndexOf } from './tab-bar'

/** Unread notices + messages of whoever is signed in (0 when nobody is): the 消息 tab's badge. */
export function unreadCount({ session, notices, messages }: Pick<RootStore, 'session' | 'notices' | 'messages'>): number {
  return session.status === 'signed_in' ? notices.unread + messages.unread : 0
}

function showCount(count: number): void {
  // The custom tab bar (weapp) reads the count from the stores itself; WeChat ignores these calls there.
  if (CUSTOM_TAB_BAR) return
  // Only a tab page may set the badge on weapp; elsewhere the call fails and the next show fixes it.
  if (count > 0) void Taro.setTabBarBadge({ index: MESSAGES_TAB, text: badgeText(count) }).catch(() => undefined)
  else void Taro.removeTabBarBadge({ index: MESSAGES_TAB }).catch(() => undefined)
}

/**
 * For every tab page: marks its tab as the one on screen (the custom tab bar highlights it), and
 * keeps the unread notices + messages on the 消息 tab, counted again whenever the page is shown and
 * redrawn when the count changes while it is on screen.
 */
export function useUnreadBadge(): void {
  const stores = useStores()
  const { session, notices, messages, ui } = stores
  useDidShow(() => {
    ui.setActiveTab(tabIndexOf(Taro.getCurrentInstance().router?.path))
    if (session.status !== 'signed_in') return showCount(0)
    void Promise.all([notices.refreshUnread(), messages.refreshUnread()]).then(() => showCount(unreadCount(stores)))
  })
  useEffect(() => autorun(() => showCount(unreadCount(stores))), [stores])
}
