import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { campusTime, formatTimeRange } from '../../../utils/time';
import { openEvent, routeParam } from '../../../utils/navigation';
import AttendancePill from '../components/AttendancePill';
import MemberQr from '../components/MemberQr';
import PurposeToggle from '../components/PurposeToggle';
import { useMemberCode } from '../hooks/use-member-code';
import { vibrateFor } from '../services/feedback';
import { brightenForCode, restoreScreen } from '../services/screen';
import { usePassStore } from '../stores/pass';
import '../page.scss';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/** The status (checked in yet?) is asked for this often while the code is shown. */
const STATUS_POLL_MS = 10_000;

/**
 * 签到码 (反扫): the student shows this QR code and a branch officer scans it. The code is signed on this phone every 30
 * seconds with the key that came with the pass, so it works with no network once the pass is stored, and a
 * screenshot is useless a minute later. The status under the code follows the server (polled while shown).
 */
export default function CheckinPassPage() {
  const eventId = routeParam(useRouter().params.eventId);
  const { phase, pass, event, attendance, purpose, offline, syncedAt, error, issuing, lastChange } = usePassStore();
  const { open, refresh, reissue, setPurpose, leave } = usePassStore.getState();
  const [visible, setVisible] = useState(true);
  const [confirmReissue, setConfirmReissue] = useState(false);
  const [toastNode, showToast] = usePageToast();
  const { code, secondsLeft, error: codeError } = useMemberCode(phase === 'ready' ? pass : null, purpose, visible);

  useDidShow(() => {
    setVisible(true);
    void brightenForCode();
    const s = usePassStore.getState();
    if (s.eventId !== eventId || s.phase === 'idle') void open(eventId);
    else void refresh();
  });
  useDidHide(() => {
    setVisible(false);
    void restoreScreen();
  });
  useUnload(() => {
    void restoreScreen();
    leave();
  });

  // The status, every 10 s while shown; the next request waits for the previous answer.
  useEffect(() => {
    if (!visible || phase !== 'ready') return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const loop = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(() => void loop(), STATUS_POLL_MS);
    };
    timer = setTimeout(() => void loop(), STATUS_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [visible, phase, refresh]);

  // The officer scanned: say so on this phone too.
  useEffect(() => {
    if (!lastChange) return;
    vibrateFor(true);
    showToast(`${lastChange.kind === 'in' ? '签到成功' : '签退成功'} ${campusTime(lastChange.at).format('HH:mm')}`, 'success');
  }, [lastChange, showToast]);

  async function doReissue() {
    const result = await reissue();
    setConfirmReissue(false);
    showToast(result.ok ? '已重新领取，旧的签到码已作废' : result.message, result.ok ? 'success' : 'fail');
  }

  const holder = pass?.holder ?? null;
  const checkout = !!event?.checkout;
  const subtitle = event ? `${formatTimeRange(event.startAt, event.endAt)} · ${event.location}` : '向团干部出示，扫码签到';

  if (!eventId || phase === 'unavailable' || (phase === 'failed' && !pass)) {
    return (
      <View className='checkin-page pass-page'>
        <PageHeader title='签到码' />
        <PageHero badge='签到码' title={event?.title ?? '活动签到'} subtitle={subtitle} tall />
        <View className='checkin-sheet pass-unavailable'>
          <Text className='checkin-sheet__message pass-error'>{eventId ? error : '没有指定活动，请从活动详情页打开签到码'}</Text>
          <View className='checkin-sheet__actions'>
            {phase === 'failed' ? (
              <Button className='checkin-sheet__action retry-button' type='primary' onClick={() => void open(eventId)}>
                重试
              </Button>
            ) : null}
            {eventId ? (
              <Button className='checkin-sheet__action back-button' fill='outline' type='primary' onClick={() => openEvent(eventId)}>
                查看活动
              </Button>
            ) : null}
          </View>
        </View>
        {toastNode}
      </View>
    );
  }

  const progress = Math.round((secondsLeft / 30) * 100);

  return (
    <View className='checkin-page pass-page'>
      <PageHeader title='签到码' />
      <PageHero badge='签到码' title={event?.title ?? '活动签到'} subtitle={subtitle} tall />

      <View className='checkin-sheet pass-card'>
        <View className='pass-card__holder'>
          <Text className='pass-card__name pass-holder-name'>{holder?.name ?? (pass ? `学号 ${pass.studentNo}` : ' ')}</Text>
          {holder ? <Text className='pass-card__class pass-holder-class'>{`${holder.className} · ${holder.studentNo}`}</Text> : null}
        </View>

        {checkout && phase === 'ready' ? <PurposeToggle value={purpose} onChange={setPurpose} /> : null}

        <MemberQr
          text={code?.text ?? null}
          window={code?.window ?? null}
          purpose={purpose}
          dimmed={!!codeError}
          placeholder={phase === 'loading' ? '正在领取签到码…' : '正在生成签到码…'}
        >
          {codeError ? (
            <View className='pass-card__overlay'>
              <Text className='pass-card__overlay-text'>{codeError}</Text>
            </View>
          ) : null}
        </MemberQr>

        {code ? (
          <View className='pass-countdown'>
            <View className='pass-countdown__track'>
              <View className='pass-countdown__bar' style={{ width: `${progress}%` }} />
            </View>
            <Text className='pass-countdown__text pass-refresh-in'>{`${checkout ? (purpose === 'in' ? '签到码' : '签退码') + ' · ' : ''}${secondsLeft} 秒后自动更新`}</Text>
          </View>
        ) : null}

        <View className='pass-card__status'>
          <AttendancePill attendance={attendance} stale={syncedAt === null || offline} />
          {offline ? <Text className='pass-card__offline pass-offline'>离线 · 签到码仍可使用</Text> : null}
        </View>
      </View>

      <View className='checkin-notes pass-notes'>
        <Text className='checkin-notes__item'>{`· 请向团干部出示此码，由对方扫码${checkout ? '签到、离场时签退' : '签到'}。`}</Text>
        <Text className='checkin-notes__item'>· 签到码每 30 秒自动更新，截图或转发给他人都无法使用。</Text>
        <Text className='checkin-notes__item'>· 签到码已保存在本机，现场没有网络也能出示。</Text>
      </View>

      <View className='pass-reissue'>
        <Text className='pass-reissue__hint'>换了手机，或团干部提示“码已作废”？</Text>
        <Text className='pass-reissue__action pass-reissue-button' onClick={() => setConfirmReissue(true)}>
          {issuing ? '正在领取…' : '重新领取'}
        </Text>
      </View>

      <ConfirmDialog
        visible={confirmReissue}
        title='重新领取签到码？'
        message='重新领取后，之前领取的签到码（包括其他手机上的）将立即作废。只在换了手机、或团干部提示“码已作废”时使用。'
        confirmText='重新领取'
        cancelText='取消'
        onConfirm={doReissue}
        onCancel={() => setConfirmReissue(false)}
      />
      {toastNode}
    </View>
  );
}
