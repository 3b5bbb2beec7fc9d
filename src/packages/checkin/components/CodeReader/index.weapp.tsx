import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CodeReaderProps } from './props';
import { ensurePrivacyAgreed } from '../../../../services/privacy';
import './index.scss';

function cancelled(error: unknown): boolean {
  const msg = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof msg === 'string' && /cancel/i.test(msg);
}

/**
 * weapp: WeChat's own scanner (camera only: a photo from the album could be an old picture of the code). The H5
 * build resolves this folder to index.tsx (a camera reader in the page).
 */
export default function CodeReader({ onCode, disabled, onUnavailable }: CodeReaderProps) {
  async function scan() {
    if (disabled) return;
    if (!(await ensurePrivacyAgreed('scanCode'))) {
      onUnavailable('你未同意隐私保护指引，无法使用摄像头扫码；可在下方输入签到码');
      return;
    }
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      onCode(typeof res.result === 'string' ? res.result : '');
    } catch (error) {
      if (!cancelled(error)) onUnavailable('未能打开扫码，请重试，或在下方输入签到码');
    }
  }

  return (
    <View className={`code-reader ${disabled ? 'code-reader--busy' : ''}`}>
      <View className='code-reader__pad scan-start' onClick={() => void scan()}>
        <View className='code-reader__frame'>
          <View className='code-reader__corner code-reader__corner--tl' />
          <View className='code-reader__corner code-reader__corner--tr' />
          <View className='code-reader__corner code-reader__corner--bl' />
          <View className='code-reader__corner code-reader__corner--br' />
          <View className='code-reader__line' />
        </View>
        <Text className='code-reader__label'>{disabled ? '正在签到…' : '扫一扫'}</Text>
      </View>
    </View>
  );
}
