export default definePageConfig({
  navigationBarTitleText: '打印版成绩单',
  backgroundTextStyle: 'light',
});
