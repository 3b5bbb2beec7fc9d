export default definePageConfig({
  navigationBarTitleText: '年度目标看板',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
