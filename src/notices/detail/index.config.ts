export default definePageConfig({
  navigationBarTitleText: '通知详情',
  // useShareAppMessage needs the page to declare it can be shared (WeChat's onShareAppMessage).
  enableShareAppMessage: true,
})
