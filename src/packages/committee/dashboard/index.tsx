import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { campusTime, formatDateTime, nowMs } from '../../../utils/time';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import ChoiceChips from '../components/ChoiceChips';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import GroupBars, { type GroupRow } from '../components/GroupBars';
import LecturerStanding from '../components/LecturerStanding';
import MonthChart, { type MonthMeasure } from '../components/MonthChart';
import SegmentTabs from '../../../components/SegmentTabs';
import TargetCard from '../components/TargetCard';
import { percent } from '../logic/credit-input';
import { useOrganizerScope } from '../hooks/use-organizer-scope';
import { openCommitteeTool } from '../services/routes';
import { useDashboardStore } from '../stores/dashboard';
import './index.scss';

const MEASURES = [
  { value: 'attendances' as const, label: '签到人次' },
  { value: 'registrations' as const, label: '报名人次' },
];
const ALL = '__all__';

/**
 * 年度目标看板 (committee; college officers see their college): the plan's four yearly targets, activity month by month
 * against the plan's schedule, each college's and branch's participation, and (whole school) who in the lecturer team
 * is behind. Laid out in columns on a computer (H5
 * after web login), stacked on a phone.
 */
export default function DashboardPage() {
  const forbidden = useDashboardStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const scope = useOrganizerScope();
  const s = useDashboardStore();
  const { load } = useDashboardStore.getState();
  const [measure, setMeasure] = useState<MonthMeasure>('attendances');
  const [month, setMonth] = useState(() => campusTime(nowMs()).month() + 1);
  const [allBranches, setAllBranches] = useState(false);

  useDidShow(() => {
    if (access.state === 'allowed') void load(useDashboardStore.getState().college, { silent: true });
  });
  useEffect(() => {
    if (access.state === 'allowed' && !useDashboardStore.getState().data) void load(null);
  }, [access.state]);
  usePullDownRefresh(async () => {
    await load(s.college, { silent: true });
    Taro.stopPullDownRefresh();
  });

  const badge = scope.committee ? '校团委' : '院团总支';
  function content() {
    const d = s.data;
    const where = s.college ?? (scope.college ?? '全校');
    const collegeRows: GroupRow[] = (d?.byCollege ?? []).map((c) => ({
      key: c.college,
      name: c.college,
      note: `${c.students} 人`,
      students: c.students,
      registrations: c.registrations,
      attendances: c.attendances,
      share: percent(c.practiceStudents, c.students),
    }));
    const branchRows: GroupRow[] = (d?.byBranch ?? []).map((b) => ({
      key: `${b.college}:${b.branch}`,
      name: b.branch,
      note: s.college || scope.college ? `${b.students} 人` : `${b.college} · ${b.students} 人`,
      students: b.students,
      registrations: b.registrations,
      attendances: b.attendances,
    }));

    return (
      <>
        <PageHero
          badge={badge}
          title={`${d?.year ?? campusTime(nowMs()).year()} 年度目标看板`}
          subtitle={d ? `${where} · ${d.students.toLocaleString('en-US')} 名学生 · ${formatDateTime(d.generatedAt)} 更新` : `${where} · 对照年度目标与月度计划`}
        />
        {scope.committee && s.colleges.length > 0 ? (
          <View className='dashboard-page__filter'>
            <ChoiceChips
              hook='dashboard-college'
              options={[{ value: ALL, label: '全校' }, ...s.colleges.map((c) => ({ value: c, label: c }))]}
              value={s.college ?? ALL}
              onChange={(c) => void load(c === ALL ? null : c)}
            />
          </View>
        ) : null}
        {!d ? (
          s.error ? <ErrorState className='dashboard-error' message={s.error} onRetry={() => void load(s.college)} /> : <CommitteeSkeleton count={4} />
        ) : (
          <View className='dashboard-page__body'>
            <View className='dashboard-page__targets-head'>
              <Text className='dashboard-page__section dashboard-targets-scope'>
                {d.targets[0]?.scope === 'college_share' ? `${where}的年度目标（按本学院 ${d.students.toLocaleString('en-US')} 名学生占全校的比例折算）` : '全校年度目标'}
              </Text>
              <View className='dashboard-page__legend dashboard-targets-legend'>
                <View className='dashboard-page__key'>
                  <View className='dashboard-page__swatch dashboard-page__swatch--bar' />
                  <Text className='dashboard-page__key-text'>已完成</Text>
                </View>
                <View className='dashboard-page__key'>
                  <View className='dashboard-page__swatch dashboard-page__swatch--mark' />
                  <Text className='dashboard-page__key-text'>本月底应完成（全年目标按月平均）</Text>
                </View>
              </View>
            </View>
            <View className='dashboard-page__targets dashboard-targets'>
              {d.targets.map((t) => (
                <TargetCard key={t.metric} target={t} />
              ))}
            </View>
            <View className='dashboard-page__columns'>
              <View className='dashboard-page__card dashboard-page__card--wide dashboard-months'>
                <View className='dashboard-page__card-head'>
                  <Text className='dashboard-page__card-title'>月度开展情况</Text>
                  <View className='dashboard-page__measure'>
                    <SegmentTabs<MonthMeasure> hook='dashboard-measure' value={measure} options={MEASURES} onChange={setMeasure} />
                  </View>
                </View>
                <MonthChart months={d.months} measure={measure} selected={month} onSelect={setMonth} />
              </View>
              <View className='dashboard-page__side'>
                {!scope.college && !s.college ? (
                  <GroupBars title='各学院' hook='dashboard-colleges' rows={collegeRows} onOpen={scope.committee ? (r) => void load(r.name) : undefined} />
                ) : null}
                <GroupBars
                  title='各团支部'
                  hook='dashboard-branches'
                  rows={branchRows}
                  limit={8}
                  expanded={allBranches}
                  onExpand={() => setAllBranches(!allBranches)}
                />
              </View>
            </View>
            {d.lecturers ? <LecturerStanding standing={d.lecturers} onOpen={() => openCommitteeTool('lecturers')} /> : null}
            <Text className='dashboard-page__tip'>
              应急救护：签到的培训人次；志愿服务：志愿服务活动的报名人次；主题教育：签到人次；社会实践：参加社会实践的学生占比。目标与月度计划可按新一年的计划修改。
            </Text>
          </View>
        )}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='dashboard-page' hero={<PageHero badge={badge} title='年度目标看板' subtitle='对照共青团工作计划的年度目标与月度安排' />} title='无权查看看板' note='年度目标看板对院团总支（本学院）和校团委开放。'>
      {content}
    </CommitteeGate>
  );
}
