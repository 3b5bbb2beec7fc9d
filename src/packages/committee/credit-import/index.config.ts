export default definePageConfig({
  navigationBarTitleText: '批量记学分',
  backgroundTextStyle: 'light',
});
