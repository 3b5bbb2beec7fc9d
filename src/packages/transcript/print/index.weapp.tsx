import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import PageHero from '../../../shared/components/PageHero';
import { openTranscript } from '../../../utils/navigation';
import '../page.scss';
import './index.weapp.scss';

/**
 * 打印版成绩单 in the mini program: a phone cannot print an A4 sheet, so the page says where to do it — on a
 * computer, in the H5 site, logged in by scanning (电脑端扫码登录) — and the QR to forward stays on the share page.
 * The A4 layout (index.tsx) is built into H5 only.
 */
export default function PrintNotePage() {
  return (
    <View className='transcript-page print-note-page'>
      <PageHero badge='第二课堂成绩单' title='打印版成绩单' subtitle='A4 纸质成绩单请在电脑上打印' tall />
      <View className='transcript-hero-card print-note'>
        <Text className='print-note__step'>1. 在电脑浏览器打开“青年第二课堂”网页版，点“电脑端扫码登录”，用本小程序“我的 → 扫码登录网页”确认。</Text>
        <Text className='print-note__step'>2. 网页版进入“我的 → 第二课堂学分 → 生成可验证成绩单”，生成后点“打印版成绩单”。</Text>
        <Text className='print-note__step'>3. 打印或另存为 PDF。纸质成绩单上印有验证码和二维码，用人单位可据此核验。</Text>
        <Text className='print-note__tip'>只需要给用人单位看？在上一页点“转发给用人单位”，对方在微信中即可打开验证页面。</Text>
        <Button className='print-note__back back-button' type='primary' fill='outline' onClick={openTranscript}>
          返回我的成绩单
        </Button>
      </View>
    </View>
  );
}
