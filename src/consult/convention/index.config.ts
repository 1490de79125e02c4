export default definePageConfig({
  navigationBarTitleText: '公约',
  enablePullDownRefresh: true,
})
