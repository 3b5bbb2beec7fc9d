export default definePageConfig({
  navigationBarTitleText: '活动预览',
  backgroundTextStyle: 'light',
});
