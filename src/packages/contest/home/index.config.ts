export default definePageConfig({
  navigationBarTitleText: '百生讲坛',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
