export default definePageConfig({ navigationBarTitleText: '百生讲坛报名' });
