export default definePageConfig({ navigationBarTitleText: '待确认的预约' })
