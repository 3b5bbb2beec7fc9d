import { Text, View } from '@tarojs/components';
import PageHero from '../../../shared/components/PageHero';
import { openMe } from '../../../utils/navigation';
import './index.scss';

/**
 * The mini program does not log in by QR code: it is the scanner (我的 → 扫码登录网页). The login page itself is H5
 * only (index.tsx); this stand-in keeps the route valid on weapp without shipping the QR generator.
 */
export default function WebLoginPage() {
  return (
    <View className='web-login login-page'>
      <PageHero badge='电脑端' title='扫码登录青年第二课堂' subtitle='请在电脑浏览器中打开网页版，再用本小程序扫码' tall />
      <View className='web-login__card'>
        <Text className='web-login__how'>在“我的”中点「扫码登录网页」，扫描电脑上的二维码并确认。</Text>
      </View>
      <Text className='web-login__back' onClick={openMe}>
        返回我的
      </Text>
    </View>
  );
}
