export default definePageConfig({
  navigationBarTitleText: '删除申请',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
