export default definePageConfig({ navigationBarTitleText: '认证住户' })
