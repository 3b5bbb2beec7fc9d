export default definePageConfig({
  navigationBarTitleText: '活动详情',
  enablePullDownRefresh: true,
  // 转发 from the ··· menu (useShareAppMessage): Taro adds onShareAppMessage to the page only when this is set.
  enableShareAppMessage: true,
  backgroundTextStyle: 'light',
});
