export default definePageConfig({
  navigationBarTitleText: '各户承诺情况',
  enablePullDownRefresh: true,
})
