export default definePageConfig({ navigationBarTitleText: '修订公约' })
