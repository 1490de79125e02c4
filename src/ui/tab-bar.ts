import { ROUTES } from '../navigation'

/** One tab of the bar: the same four, in the same order, as app.config.ts's tabBar.list. */
export interface TabItem {
  url: string
  text: string
  /** Icons copied to the build by app.config.ts's tabBar.list (root-relative on weapp). */
  icon: string
  iconOn: string
}

export const TAB_ITEMS: readonly TabItem[] = [
  { url: ROUTES.home, text: '首页', icon: '/assets/tab/home.png', iconOn: '/assets/tab/home-on.png' },
  { url: ROUTES.tasks, text: '办事', icon: '/assets/tab/tasks.png', iconOn: '/assets/tab/tasks-on.png' },
  { url: ROUTES.messages, text: '消息', icon: '/assets/tab/messages.png', iconOn: '/assets/tab/messages-on.png' },
  { url: ROUTES.me, text: '我的', icon: '/assets/tab/me.png', iconOn: '/assets/tab/me-on.png' },
]

/** The position of 消息 in the tab bar. */
export const MESSAGES_TAB = 2

/**
 * weapp draws the tab bar itself (src/custom-tab-bar: WeChat's native bar cannot grow for elder
 * mode); H5 keeps Taro's own bar, which the tab bar APIs (setTabBarBadge…) still drive.
 */
export const CUSTOM_TAB_BAR = process.env.TARO_ENV === 'weapp'

/** The tab a page route is ('/pages/me/index', 'pages/me/index?x=1'), or -1 for a page that is none. */
export function tabIndexOf(route: string | undefined | null): number {
  if (!route) return -1
  const path = `/${route.replace(/^\/+/, '').split('?')[0]}`
  return TAB_ITEMS.findIndex((tab) => tab.url === path)
}

/** What a badge shows for a count: nothing for 0, 99+ above 99. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : count > 0 ? String(count) : ''
}
