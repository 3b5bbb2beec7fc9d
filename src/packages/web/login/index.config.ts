export default definePageConfig({
  navigationBarTitleText: '电脑端扫码登录',
  backgroundTextStyle: 'light',
});
