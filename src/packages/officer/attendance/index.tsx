import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { CORRECTION_LABELS } from '../../../../types/checkin';
import type { AttendanceRow } from '../../../../types/models';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { formatTimeRange } from '../../../utils/time';
import { openMe, routeParam } from '../../../utils/navigation';
import AttendanceRowItem from '../components/AttendanceRowItem';
import AttendanceTabs from '../components/AttendanceTabs';
import CheckinRefusal from '../components/CheckinRefusal';
import CorrectionSheet from '../components/CorrectionSheet';
import MembersSkeleton from '../components/MembersSkeleton';
import StaffSection from '../components/StaffSection';
import { clockSeconds } from '../checkin-time';
import { openCheckinTool, openLeave } from '../routes';
import { rowsOfTab, searchRows, tabCounts, useAttendanceStore, walkInsPresent, type AttendanceTab } from '../stores/attendance';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/** The live list follows the scans at the door. */
const REFRESH_MS = 5000;

/**
 * 到场名单 (officer subpackage): who came, who did not, and walk-ins, with times and hours; refreshed every 5 s
 * while shown. Tap a member to correct by hand (with a reason, audited); export the list as xlsx; assign 签到员.
 */
export default function AttendancePage() {
  const router = useRouter();
  const eventId = routeParam(router.params.eventId).trim();
  const [tab, setTab] = useState<AttendanceTab>('in');
  const [picked, setPicked] = useState<AttendanceRow | null>(null);
  const [visible, setVisible] = useState(true);
  const [query, setQuery] = useState('');
  const [toastNode, showToast] = usePageToast();
  const a = useAttendanceStore();
  const { load, correct, exportXlsx, setStaff } = useAttendanceStore.getState();

  useDidShow(() => {
    setVisible(true);
    if (eventId) void load(eventId, { silent: useAttendanceStore.getState().eventId === eventId });
  });
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (!visible || !eventId) return undefined;
    const timer = setInterval(() => void useAttendanceStore.getState().load(eventId, { silent: true }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [visible, eventId]);

  usePullDownRefresh(async () => {
    if (eventId) await load(eventId, { silent: true });
    Taro.stopPullDownRefresh();
  });

  const current = a.eventId === eventId;
  const rows = current ? a.rows : [];
  const counts = useMemo(() => tabCounts(rows), [rows]);
  const searching = query.trim() !== '';
  const shown = useMemo(() => (searching ? searchRows(rows, query) : rowsOfTab(rows, tab)), [rows, tab, query, searching]);
  const walkInsHere = useMemo(() => walkInsPresent(rows), [rows]);
  const event = current ? a.event : null;
  const walkIns = Boolean(event?.allowWalkIns) || counts.walkin > 0;
  // The picked row as it is now (the list refreshes underneath the sheet).
  const pickedNow = picked ? rows.find((r) => r.studentNo === picked.studentNo) ?? picked : null;

  async function submitCorrection(op: Parameters<typeof correct>[0]['op'], reason: string): Promise<string | null> {
    if (!pickedNow) return null;
    const outcome = await correct({ studentNo: pickedNow.studentNo, op, reason });
    if (!outcome.ok) return outcome.message;
    setPicked(null);
    showToast(`已${CORRECTION_LABELS[op]}：${outcome.value.name}`, 'success');
    return null;
  }

  async function exportList() {
    const outcome = await exportXlsx();
    if (outcome.ok) showToast(`已导出 ${outcome.value.rowCount} 人`, 'success');
    else showToast(outcome.message, 'fail');
  }

  async function changeStaff(account: string, assigned: boolean): Promise<string | null> {
    const outcome = await setStaff(account, assigned);
    if (!outcome.ok) return outcome.message;
    showToast(assigned ? '已指派签到员' : '已取消指派', 'success');
    return null;
  }

  if (!eventId) {
    return (
      <View className='attendance-page'>
        <PageHeader title='到场名单' />
        <EmptyState className='attendance-no-event' icon='list' title='请先选择活动' description='从“我的 → 签到管理”进入' actionText='返回我的' onAction={openMe} />
      </View>
    );
  }

  let body;
  if (!current || (a.loading && !a.loaded)) body = <MembersSkeleton />;
  else if (a.errorCode === 'FORBIDDEN') body = <CheckinRefusal message={a.error ?? '你没有权限进行此操作'} onBack={openMe} />;
  else if (a.error) body = <ErrorState className='attendance-error' message={a.error} onRetry={() => void load(eventId)} />;
  else
    body = (
      <>
        <View className='attendance-page__tools'>
          <Button className='attendance-page__tool attendance-export' type='primary' loading={a.exporting} onClick={() => void exportList()}>
            导出 Excel
          </Button>
          <Button className='attendance-page__tool attendance-page__tool--outline attendance-open-scan' type='primary' fill='outline' onClick={() => openCheckinTool('scan', eventId)}>
            扫码签到
          </Button>
          <Button className='attendance-page__tool attendance-page__tool--outline attendance-open-code' type='primary' fill='outline' onClick={() => openCheckinTool('eventCode', eventId)}>
            活动码
          </Button>
          <Button className='attendance-page__tool attendance-page__tool--outline attendance-open-leave' type='primary' fill='outline' onClick={() => openLeave(eventId)}>
            请假审批
          </Button>
        </View>
        <View className='attendance-page__search'>
          <Input
            className='attendance-page__search-input attendance-search'
            value={query}
            maxlength={20}
            placeholder='搜索姓名或学号（如学号后四位）'
            placeholderClass='attendance-page__search-placeholder'
            confirmType='search'
            onInput={(e) => setQuery(e.detail.value)}
          />
          {searching ? (
            <Text className='attendance-page__search-clear attendance-search-clear' onClick={() => setQuery('')}>
              清除
            </Text>
          ) : null}
        </View>
        {a.paging ? (
          // Tabs and search work on the rows read so far: said, so a 未找到 while the list comes is not taken as final.
          <Text className='attendance-page__paging attendance-paging'>{`名单加载中：已读取 ${rows.length} 人，其余稍候自动显示`}</Text>
        ) : null}
        {searching ? (
          <Text className='attendance-page__search-summary attendance-search-summary'>
            {shown.length ? `找到 ${shown.length} 人（已到与未到一起列出）` : `没有找到“${query.trim()}”`}
          </Text>
        ) : (
          <AttendanceTabs value={tab} counts={counts} walkIns={walkIns} onChange={setTab} />
        )}
        <View className='attendance-page__list attendance-list'>
          {shown.length ? (
            shown.map((r) => (
              <AttendanceRowItem key={r.studentNo} row={r} hours={Boolean(event?.checkoutRequired)} minStayRatio={event?.minStayRatio ?? 0} onPick={setPicked} />
            ))
          ) : searching ? null : (
            <Text className='attendance-page__none attendance-empty-tab'>
              {tab === 'in' ? '还没有人签到' : tab === 'absent' ? '报名的同学都已到场' : '没有现场报名的同学'}
            </Text>
          )}
        </View>
        <Text className='attendance-page__tip'>点击同学可补签到、补签退或撤销，须填写原因并记入审计日志</Text>
        <StaffSection staff={a.staff} busy={a.staffBusy} onChange={changeStaff} />
      </>
    );

  const c = current ? a.counts : null;
  return (
    <View className='attendance-page'>
      <PageHeader title='到场名单' />
      <PageHero badge='到场名单' title={event?.title ?? '到场名单'} subtitle={event ? `${formatTimeRange(event.startAt, event.endAt)} · ${event.location}` : '正在读取…'}>
        {c ? (
          <View className='attendance-page__figures'>
            {/* Walk-ins are counted in 已到 but never in 报名: said beside the figure, so 已到 may exceed 报名 and still read right. */}
            <Text className='attendance-page__count attendance-counts'>
              已到 <Text className='attendance-page__num'>{c.checkedIn}</Text>
              {/* Walk-ins are counted from the rows: said only once every page is read. */}
              {walkInsHere && !a.paging ? <Text className='attendance-page__walkins attendance-walkins'>{`（含现场 ${walkInsHere}）`}</Text> : null} / 报名 {c.registered}
              {event?.checkoutRequired ? ` · 已签退 ${c.checkedOut}` : ''}
            </Text>
            {a.updatedAt ? <Text className='attendance-page__updated attendance-updated'>{clockSeconds(a.updatedAt)} 更新 · 每 5 秒刷新</Text> : null}
          </View>
        ) : null}
      </PageHero>
      {body}
      <CorrectionSheet row={pickedNow} busy={a.correcting} onSubmit={submitCorrection} onClose={() => setPicked(null)} />
      {toastNode}
    </View>
  );
}
