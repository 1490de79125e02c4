export default definePageConfig({
  navigationBarTitleText: '承诺情况',
  enablePullDownRefresh: true,
})
