export default definePageConfig({
  navigationBarTitleText: '诉求详情',
  enablePullDownRefresh: true,
  // The timeline is a hand-written native component on weapp; H5 draws the React equivalent.
  ...(process.env.TARO_ENV === 'weapp'
    ? { usingComponents: { 'status-timeline': '../../components/native/status-timeline/index' } }
    : {}),
})
