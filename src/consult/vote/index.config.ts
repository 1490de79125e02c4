export default definePageConfig({ navigationBarTitleText: '表决', enablePullDownRefresh: true })
