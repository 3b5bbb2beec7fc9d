export default definePageConfig({
  navigationBarTitleText: '青年第二课堂',
  enablePullDownRefresh: true,
  // 转发 the catalogue on the kind tab shown (useShareAppMessage).
  enableShareAppMessage: true,
  backgroundTextStyle: 'light',
});
