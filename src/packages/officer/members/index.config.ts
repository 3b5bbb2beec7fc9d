export default definePageConfig({
  navigationBarTitleText: '团支部成员',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
