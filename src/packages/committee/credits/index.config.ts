export default definePageConfig({
  navigationBarTitleText: '学分统计',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
