// Tab pages live in the main package; every other page is in a per-feature subpackage.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/tasks/index', 'pages/messages/index', 'pages/me/index'],
  subPackages: [
    { root: 'auth', pages: ['sign-in/index'] },
    { root: 'reports', pages: ['new/index', 'detail/index', 'rate/index'] },
    { root: 'staff', pages: ['workspace/index', 'handle/index', 'dashboard/index', 'assisted/index', 'moderation/index', 'audit/index'] },
    { root: 'notices', pages: ['detail/index', 'publish/index', 'receipts/index'] },
    { root: 'messages', pages: ['thread/index'] },
    { root: 'onboarding', pages: ['community/index', 'household/index', 'invite/index', 'my-data/index', 'privacy/index'] },
    // Conventions and consultation (issue 11): 公约, 议题, 表决, 村务公开.
    { root: 'consult', pages: ['index/index', 'convention/index', 'convention-diff/index', 'convention-sheet/index', 'convention-edit/index', 'disclosure/index', 'disclosure-publish/index', 'proposal/index', 'proposal-new/index', 'proposal-staff/index', 'discussion/index', 'vote/index', 'vote-new/index', 'vote-roll/index'] },
    // Service booking (issue 12): the catalogue, a service's calendar, booking, 我的预约; staff's desk.
    { root: 'booking', pages: ['services/index', 'service/index', 'book/index', 'detail/index', 'mine/index', 'desk/index', 'day/index', 'pending/index', 'service-edit/index', 'on-behalf/index', 'tags/index'] },
    { root: 'admin', pages: ['claims/index', 'invites/index', 'people/index', 'join-code/index', 'structure/index'] },
  ],
  // The sign-in subpackage holds the memory build's demo backend (config/weapp-async-chunks.ts, ADR 33):
  // fetched once the home page shows, so its first call or the sign-in page need not wait for it.
  preloadRule: { 'pages/home/index': { network: 'all', packages: ['auth'] } },
  tabBar: {
    // weapp draws its own (src/custom-tab-bar): WeChat's native bar keeps 10 px labels and 50 px
    // tabs in elder mode. The list stays complete (WeChat requires it; it names the tab pages).
    // H5 keeps Taro's bar (app.css sizes it for elder mode): Taro's H5 router draws no tab bar at
    // all when `custom` is set (@tarojs/router initTabbar).
    custom: process.env.TARO_ENV === 'weapp',
    color: '#5b6470',
    selectedColor: '#c2410c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/tasks/index', text: '办事', iconPath: 'assets/tab/tasks.png', selectedIconPath: 'assets/tab/tasks-on.png' },
      { pagePath: 'pages/messages/index', text: '消息', iconPath: 'assets/tab/messages.png', selectedIconPath: 'assets/tab/messages-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c2410c',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'white',
    // Explicit so Taro's H5 router draws the bar too (with a back button on inner pages).
    navigationStyle: 'default',
    backgroundColor: '#f5f5f4',
  },
  // Every location API the app calls must be declared (WeChat privacy rules): chooseLocation only
  // (src/platform/location.ts; test/unit/platform/privacy-config.test.ts holds the list to the code).
  // Before a privacy API runs the first time, the app shows its own dialog (src/platform/privacy.ts).
  requiredPrivateInfos: ['chooseLocation'],
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
