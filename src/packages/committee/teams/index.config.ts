export default definePageConfig({
  navigationBarTitleText: '实践团队审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
