export default definePageConfig({ navigationBarTitleText: '百生讲坛比赛', enablePullDownRefresh: true, backgroundTextStyle: 'light' });
