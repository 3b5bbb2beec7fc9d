export default definePageConfig({
  navigationBarTitleText: '校团委工作台',
  backgroundTextStyle: 'light',
});
