export default definePageConfig({
  navigationBarTitleText: '到场名单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
