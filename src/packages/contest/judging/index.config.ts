export default definePageConfig({ navigationBarTitleText: '百生讲坛评审', enablePullDownRefresh: true, backgroundTextStyle: 'light' });
