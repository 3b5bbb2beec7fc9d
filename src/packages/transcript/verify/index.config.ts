export default definePageConfig({
  navigationBarTitleText: '成绩单验证',
  enableShareAppMessage: true,
  backgroundTextStyle: 'light',
});
