import { Camera, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ScanCameraProps } from './props';
import { ensurePrivacyAgreed } from '../../../../services/privacy';
import { privacyRefusalText } from '../../../../stores/privacy';
import './index.scss';

function cancelled(error: unknown): boolean {
  const msg = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof msg === 'string' && /cancel/i.test(msg);
}

/**
 * weapp: WeChat's camera in scanCode mode scans continuously in the page (no screen to close between students).
 * If the camera is refused (permission) the officer can still scan with WeChat's scanner, one code at a time.
 */
export default function ScanCamera({ onCode, active }: ScanCameraProps) {
  const [failed, setFailed] = useState(false);
  // The camera is a privacy component: asked for (PrivacySheet) before it is put on the page; refused, the officer
  // types codes instead and the page stays usable.
  const [agreed, setAgreed] = useState<boolean | null>(null);
  useEffect(() => {
    if (!active || agreed !== null) return;
    let live = true;
    void ensurePrivacyAgreed('camera').then((ok) => live && setAgreed(ok));
    return () => {
      live = false;
    };
  }, [active, agreed]);

  async function scanOnce() {
    if (!(await ensurePrivacyAgreed('scanCode'))) {
      setAgreed(false);
      return;
    }
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (typeof res.result === 'string') onCode(res.result);
    } catch (error) {
      if (!cancelled(error)) console.warn('[scan] scanCode failed', error);
    }
  }

  return (
    <View className={`scan-camera ${failed ? 'scan-camera--failed' : 'scan-camera--on'}`}>
      {active && !failed && agreed ? (
        <Camera
          className='scan-camera__view'
          mode='scanCode'
          devicePosition='back'
          flash='off'
          onScanCode={(e) => onCode(e.detail.result)}
          onError={() => setFailed(true)}
        />
      ) : (
        <View className='scan-camera__overlay scanner-camera-status'>
          <Text className='scan-camera__text'>{agreed === false ? privacyRefusalText('camera') : failed ? '无法使用摄像头：请在右上角“设置”中允许使用摄像头' : active ? '正在打开摄像头…' : '摄像头已暂停'}</Text>
        </View>
      )}
      <View className='scan-camera__single scanner-camera-fallback' onClick={() => void scanOnce()}>
        <Text>单次扫码</Text>
      </View>
    </View>
  );
}
