export default definePageConfig({ navigationBarTitleText: '青年讲师团' });
