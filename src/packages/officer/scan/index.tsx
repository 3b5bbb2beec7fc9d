import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import EmptyState from '../../../components/EmptyState';
import PageHero from '../../../shared/components/PageHero';
import { openMe, routeParam } from '../../../utils/navigation';
import CheckinRefusal from '../components/CheckinRefusal';
import CodeEntry from '../components/CodeEntry';
import OfflineStatus from '../components/OfflineStatus';
import PurposeSwitch from '../components/PurposeSwitch';
import ScanCamera from '../components/ScanCamera';
import ScanResultPanel from '../components/ScanResultPanel';
import UploadReportCard from '../components/UploadReportCard';
import { checkinWindowText } from '../checkin-time';
import { keepScreenOn, vibrateFor } from '../feedback';
import { openCheckinTool } from '../routes';
import { startAutoUpload, useScannerStore } from '../stores/scanner';
import './index.scss';
import PageHeader from '../../../components/PageHeader';
import PrivacySheet from '../../../components/PrivacySheet';

/**
 * 扫码签到 (反扫, officer subpackage): the officer scans students' member codes one after another. The camera scans
 * continuously (weapp: WeChat's scanCode camera; H5: html5-qrcode), or a code is typed; every result shows at once in
 * large type with a buzz and the running count. Works with no network: the store judges codes on the phone against
 * the list downloaded on opening, and uploads the scans when the network is back.
 */
export default function ScanPage() {
  const router = useRouter();
  const eventId = routeParam(router.params.eventId).trim();
  const [visible, setVisible] = useState(true);
  const s = useScannerStore();
  const { scan, setPurpose, flush, refreshPackage, dismissReport } = useScannerStore.getState();

  useDidShow(() => {
    setVisible(true);
    if (eventId) void useScannerStore.getState().open(eventId);
    // weapp: the screen stays on while scanning at the door.
    keepScreenOn(true);
  });
  useDidHide(() => {
    setVisible(false);
    keepScreenOn(false);
  });

  useEffect(() => (visible ? startAutoUpload() : undefined), [visible]);

  useEffect(() => {
    if (s.last) vibrateFor(s.last.status);
  }, [s.lastSeq]);

  if (!eventId) {
    return (
      <View className='scanner-page'>
        <PageHeader title='扫码签到' />
        <EmptyState className='scanner-no-event' icon='list' title='请先选择活动' description='从“我的 → 签到管理”进入要签到的活动' actionText='返回我的' onAction={openMe} />
      </View>
    );
  }

  const counts = s.counts;
  const event = s.event;
  const showOut = s.purpose === 'out' || event?.checkoutRequired;

  return (
    <View className='scanner-page'>
      <PageHeader title='扫码签到' />
      <PageHero badge='扫码签到' title={event?.title ?? '扫码签到'} subtitle={event ? checkinWindowText(event) : '正在读取活动…'}>
        <View className='scanner-page__figures'>
          <Text className='scanner-page__count scanner-count'>
            已到 <Text className='scanner-page__count-num'>{counts ? counts.checkedIn : '–'}</Text> / 报名 {counts ? counts.registered : '–'}
          </Text>
          <PurposeSwitch value={s.purpose} onChange={setPurpose} />
        </View>
        {showOut && counts ? <Text className='scanner-page__out scanner-count-out'>已签退 {counts.checkedOut} 人</Text> : null}
      </PageHero>

      {s.forbidden ? (
        <CheckinRefusal message={s.forbidden} onBack={openMe} />
      ) : (
        <>
          <ScanCamera active={visible} onCode={(code) => void scan(code, 'camera')} />
          <ScanResultPanel result={s.last} seq={s.lastSeq} purpose={s.purpose} />
          {s.report ? <UploadReportCard report={s.report} onClose={dismissReport} /> : null}
          <OfflineStatus
            pkg={s.pkg}
            pkgLoading={s.pkgLoading}
            pkgError={s.pkgError}
            offline={s.offline}
            pending={s.pending}
            uploading={s.uploading}
            uploadError={s.uploadError}
            onRefresh={() => void refreshPackage()}
            onUpload={() => void flush()}
          />
          <CodeEntry onSubmit={(code) => void scan(code, 'typed')} />
          <View className='scanner-page__links'>
            <Text className='scanner-page__link scanner-open-attendance' onClick={() => openCheckinTool('attendance', eventId)}>
              到场名单
            </Text>
            <Text className='scanner-page__link-dot'>·</Text>
            <Text className='scanner-page__link scanner-open-event-code' onClick={() => openCheckinTool('eventCode', eventId)}>
              活动码（学生自助扫码）
            </Text>
          </View>
        </>
      )}
      <PrivacySheet />
    </View>
  );
}
