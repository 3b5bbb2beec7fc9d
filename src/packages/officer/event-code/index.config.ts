export default definePageConfig({
  navigationBarTitleText: '活动码',
  navigationBarBackgroundColor: '#b02a20',
  backgroundColor: '#b02a20',
});
