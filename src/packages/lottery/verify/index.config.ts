export default definePageConfig({
  navigationBarTitleText: '抽签核对',
  backgroundTextStyle: 'light',
});
