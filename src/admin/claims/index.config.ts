export default definePageConfig({
  navigationBarTitleText: '住户认证审核',
})
