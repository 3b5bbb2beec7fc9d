export default definePageConfig({
  navigationBarTitleText: '创建团队',
});
