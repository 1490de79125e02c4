export default definePageConfig({ navigationBarTitleText: '留言', enablePullDownRefresh: true })
