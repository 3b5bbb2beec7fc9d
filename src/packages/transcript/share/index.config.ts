export default definePageConfig({
  navigationBarTitleText: '生成可验证成绩单',
  enableShareAppMessage: true,
  backgroundTextStyle: 'light',
});
