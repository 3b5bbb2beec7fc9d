export default definePageConfig({
  navigationBarTitleText: '模块与毕业要求',
  backgroundTextStyle: 'light',
});
