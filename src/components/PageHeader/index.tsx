import { ArrowLeft, Home } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COLORS } from '../../styles/colors';
import { goBackOrHome } from '../../utils/navigation';
import type { PageHeaderProps } from './props';
import './index.scss';

/**
 * H5's stand-in for WeChat's navigation bar on an inner page: 返回 and the page's title, sticky at the top in the
 * bar's red. Opened from a link (nothing to go back to), the button reads 首页 and opens the catalogue. Tab pages have
 * the tab bar instead; the weapp build draws nothing (index.weapp.tsx).
 */
export default function PageHeader({ title }: PageHeaderProps) {
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <View className='page-header'>
      <View className='page-header__back page-back' aria-label={canGoBack ? '返回' : '首页'} onClick={goBackOrHome}>
        {canGoBack ? <ArrowLeft size={18} color={COLORS.white} /> : <Home size={18} color={COLORS.white} />}
        <Text className='page-header__back-text'>{canGoBack ? '返回' : '首页'}</Text>
      </View>
      <Text className='page-header__title page-title'>{title}</Text>
      <View className='page-header__spacer' />
    </View>
  );
}
