export default definePageConfig({
  navigationBarTitleText: '办理诉求',
  enablePullDownRefresh: true,
  // The timeline is a hand-written native component on weapp; H5 draws the React equivalent.
  ...(process.env.TARO_ENV === 'weapp'
    ? { usingComponents: { 'status-timeline': '../../components/native/status-timeline/index' } }
    : {}),
})
