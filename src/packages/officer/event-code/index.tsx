import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import EmptyState from '../../../components/EmptyState';
import { openMe, routeParam } from '../../../utils/navigation';
import CheckinRefusal from '../components/CheckinRefusal';
import EventQr from '../components/EventQr';
import PurposeSwitch from '../components/PurposeSwitch';
import { keepScreenOn } from '../feedback';
import { useEventCodeStore } from '../stores/event-code';
import { useCheckinEventsStore } from '../stores/checkin-events';
import './index.scss';
import PageHeader from '../../../components/PageHeader';
import { copyText } from '../../../shared/services/clipboard';
import { eventCodeSharePath, eventCodeShareUrl } from './share';
import PrivacySheet from '../../../components/PrivacySheet';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * 活动码 (正扫, officer subpackage): a full-screen event QR that students scan with the mini program to check
 * themselves in, for lectures with hundreds of people. It rotates: a new code is fetched when the server says
 * (refreshAfterMs), so a photo sent to a friend is stale within a minute. Works on a projector (H5, with a 全屏
 * button) or the officer's phone held up at the door (weapp keeps the screen on).
 */
export default function EventCodePage() {
  const router = useRouter();
  const eventId = routeParam(router.params.eventId).trim();
  const [visible, setVisible] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  const s = useEventCodeStore();
  const title = useCheckinEventsStore((x) => x.events.find((e) => e.id === eventId)?.title ?? null);

  // 转发 to the branch group (weapp ··· menu): the card opens this page for this event; only officers of the event's
  // branch are let in (the server checks), and the path carries the event id alone.
  useShareAppMessage(() => ({ title: `活动码：${title ?? '活动签到'}`, path: eventCodeSharePath(eventId) }));
  const [copied, setCopied] = useState<boolean | null>(null);

  useDidShow(() => {
    setVisible(true);
    if (eventId) void useEventCodeStore.getState().load(eventId);
    // The title comes from the events list (opened straight from a link on a projector: fetch it).
    const events = useCheckinEventsStore.getState();
    if (!events.loaded && !events.loading) void events.load({ silent: true });
    keepScreenOn(true);
  });
  useDidHide(() => {
    setVisible(false);
    keepScreenOn(false);
  });

  // The next code when the server says; a failed request retries sooner (the store sets refreshAfterMs).
  useEffect(() => {
    if (!visible || !eventId || s.loading) return undefined;
    const timer = setTimeout(() => void useEventCodeStore.getState().load(eventId), Math.max(1000, s.refreshAfterMs));
    return () => clearTimeout(timer);
  }, [visible, eventId, s.code, s.error, s.loading, s.refreshAfterMs]);

  useEffect(() => {
    if (!visible) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible]);

  if (!eventId) {
    return (
      <View className='event-code-page'>
        <PageHeader title='活动码' />
        <EmptyState className='event-code-no-event' icon='list' title='请先选择活动' actionText='返回我的' onAction={openMe} />
      </View>
    );
  }
  if (s.errorCode === 'FORBIDDEN') {
    return (
      <View className='event-code-page event-code-page--plain'>
        <PageHeader title='活动码' />
        <CheckinRefusal message={s.error ?? '你没有权限进行此操作'} onBack={openMe} />
      </View>
    );
  }

  const current = s.eventId === eventId;
  const code = current ? s.code : null;
  const expired = code !== null && s.expiresAt !== null && Date.parse(s.expiresAt) <= now;
  const left = s.expiresAt ? Math.max(0, Math.ceil((Date.parse(s.expiresAt) - now) / 1000)) : null;
  const counts = current ? s.counts : null;
  const purpose = s.purpose;

  let status: string;
  if (!code) status = s.error ? s.error : '正在生成活动码…';
  else if (expired) status = s.error ? `活动码已过期：${s.error}` : '正在更新活动码…';
  else status = `活动码每 30 秒自动更新${left !== null ? ` · 本码 ${left} 秒后失效` : ''}`;

  function fullscreen() {
    const el = document.documentElement as HTMLElement & { webkitRequestFullscreen?: () => void };
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (el.requestFullscreen) void el.requestFullscreen();
    else el.webkitRequestFullscreen?.();
  }

  return (
    <View className={`event-code-page event-code-page--${purpose}`}>
      <PageHeader title='活动码' />
      <View className='event-code-page__top'>
        <Text className='event-code-page__badge'>{purpose === 'in' ? '扫码签到' : '扫码签退'}</Text>
        <View className='event-code-page__tools'>
          <Text
            className='event-code-page__fullscreen event-code-copy-link'
            onClick={() => void copyText(eventCodeShareUrl(eventId)).then((r) => setCopied(r.ok))}
          >
            {copied === null ? '复制链接' : copied ? '链接已复制' : '复制失败'}
          </Text>
          {IS_H5 ? (
            <Text className='event-code-page__fullscreen event-code-fullscreen' onClick={fullscreen}>
              全屏
            </Text>
          ) : null}
        </View>
      </View>
      <Text className='event-code-page__title event-code-title'>{title ?? '活动签到'}</Text>
      <Text className='event-code-page__how event-code-how'>打开微信小程序「青年第二课堂」，点“扫码签到”，扫描本页的二维码</Text>

      <View className='event-code-page__card'>
        <EventQr code={code} dimmed={expired} />
      </View>
      <Text className={`event-code-page__status event-code-status ${s.error ? 'event-code-error' : ''}`}>{status}</Text>

      <View className='event-code-page__bottom'>
        <Text className='event-code-page__count event-code-count'>
          已到 <Text className='event-code-page__num'>{counts ? counts.checkedIn : '–'}</Text> / 报名 {counts ? counts.registered : '–'}
          {purpose === 'out' && counts ? ` · 已签退 ${counts.checkedOut}` : ''}
        </Text>
        <PurposeSwitch value={purpose} onChange={(p) => void useEventCodeStore.getState().load(eventId, p)} />
      </View>
      <PrivacySheet />
    </View>
  );
}
