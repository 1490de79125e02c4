export default definePageConfig({ navigationBarTitleText: '代报' })
