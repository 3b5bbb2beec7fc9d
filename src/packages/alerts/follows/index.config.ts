export default definePageConfig({
  navigationBarTitleText: '活动提醒',
  backgroundTextStyle: 'light',
});
