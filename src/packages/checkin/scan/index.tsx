import { Text, View } from '@tarojs/components';
import { useUnload } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import PageHero from '../../../shared/components/PageHero';
import { openEvent } from '../../../utils/navigation';
import CodeReader from '../components/CodeReader';
import ScanResultPanel from '../components/ScanResultPanel';
import TypedCodeForm from '../components/TypedCodeForm';
import { vibrateFor } from '../services/feedback';
import { canOpenLocationSettings, openLocationSettings } from '../services/location';
import { useSelfCheckinStore } from '../stores/self-checkin';
import '../page.scss';
import './index.scss';
import PageHeader from '../../../components/PageHeader';
import PrivacySheet from '../../../components/PrivacySheet';

/**
 * 扫码签到 (正扫): for lectures with hundreds of people the officer shows a rotating event code (projector, phone) and
 * each student scans it here. weapp: WeChat's scanner; H5: the camera in the page, or the code typed. The result
 * comes back in large type with a vibration; the location is asked for only by events that need it.
 */
export default function SelfCheckinPage() {
  const { phase, outcome } = useSelfCheckinStore();
  const { submit, reset } = useSelfCheckinStore.getState();
  const [notice, setNotice] = useState<string | null>(null);
  const busy = phase === 'sending' || phase === 'locating';

  useEffect(() => {
    reset();
  }, [reset]);
  useUnload(reset);

  async function handle(text: string) {
    setNotice(null);
    const result = await submit(text);
    if (result) vibrateFor(result.tone !== 'refused');
  }

  return (
    <View className='checkin-page scan-page'>
      <PageHeader title='扫码签到' />
      <PageHero badge='扫码签到' title='扫描活动签到码' subtitle='扫描现场大屏或团干部手机上的活动码，完成签到或签退' tall />

      <View className='checkin-sheet scan-card'>
        {phase === 'done' && outcome ? (
          <ScanResultPanel
            outcome={outcome}
            onAgain={reset}
            onOpenEvent={openEvent}
            onOpenSettings={canOpenLocationSettings ? () => void openLocationSettings().then(reset) : undefined}
          />
        ) : (
          <>
            <CodeReader onCode={(text) => void handle(text)} disabled={busy} onUnavailable={setNotice} />
            {phase === 'locating' ? <Text className='scan-card__status scan-status'>正在确认你在活动现场…</Text> : null}
            {phase === 'sending' ? <Text className='scan-card__status scan-status'>正在签到…</Text> : null}
            {notice ? <Text className='scan-card__notice scan-notice'>{notice}</Text> : null}
            <TypedCodeForm busy={busy} onSubmit={(text) => void handle(text)} open={!!notice} />
          </>
        )}
      </View>

      <View className='checkin-notes scan-notes'>
        <Text className='checkin-notes__item'>· 活动码每 30 秒更新，请扫描现场实时展示的码，照片或截图无效。</Text>
        <Text className='checkin-notes__item'>· 部分活动只接受在活动地点附近签到，届时会请求获取你的位置。</Text>
        <Text className='checkin-notes__item'>· 现场没有信号？打开该活动的「签到码」，请团干部扫码签到。</Text>
      </View>
      <PrivacySheet />
    </View>
  );
}
