export default definePageConfig({ navigationBarTitleText: '住户类别' })
