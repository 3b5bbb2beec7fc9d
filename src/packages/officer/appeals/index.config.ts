export default definePageConfig({
  navigationBarTitleText: '学分申诉',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
