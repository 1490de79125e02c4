export default definePageConfig({ navigationBarTitleText: '代约' })
