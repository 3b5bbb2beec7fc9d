export default definePageConfig({
  navigationBarTitleText: '青年第二课堂',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
