export default definePageConfig({
  navigationBarTitleText: '活动码',
  // 转发 to the branch group (useShareAppMessage).
  enableShareAppMessage: true,
  navigationBarBackgroundColor: '#b02a20',
  backgroundColor: '#b02a20',
});
