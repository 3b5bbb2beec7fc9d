export default definePageConfig({
  navigationBarTitleText: '我的成绩单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
