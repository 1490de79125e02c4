export default definePageConfig({
  navigationBarTitleText: '修订对比',
  enablePullDownRefresh: true,
})
