import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import { useOrganizerScope } from '../hooks/use-organizer-scope';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import CreditGroupCard from '../components/CreditGroupCard';
import CreditSummary from '../components/CreditSummary';
import ModuleBars from '../components/ModuleBars';
import SegmentTabs from '../../../components/SegmentTabs';
import { overviewTotals, useCreditsStore, type GroupBy, type OverviewQuery } from '../stores/credits';
import './index.scss';
import { tallyOf } from '../../../../core/tally';

const GROUP_OPTIONS = [
  { value: 'college' as const, label: '按学院' },
  { value: 'branch' as const, label: '按团支部' },
];

/**
 * 学分统计 (committee subpackage; 院团总支 too, for their college only — the server enforces it): credits by college or
 * branch and by module, how many students meet the graduation requirement, and the export of every student's
 * credits as xlsx. The committee taps a college to see its branches.
 */
export default function CreditsPage() {
  const forbidden = useCreditsStore((s) => s.forbidden);
  const access = useCommitteeAccess('credits', forbidden);
  const scope = useOrganizerScope();
  const c = useCreditsStore();
  const { load, exportXlsx } = useCreditsStore.getState();
  const [toastNode, showToast] = usePageToast();

  const home: OverviewQuery = scope.committee ? { groupBy: 'college', college: null } : { groupBy: 'branch', college: scope.college };
  const query = c.query ?? home;

  useDidShow(() => {
    if (access.state !== 'allowed') return;
    const s = useCreditsStore.getState();
    void load(s.query ?? home, { silent: s.loaded });
  });
  // Opened directly: the roles arrive after the first show.
  useEffect(() => {
    if (access.state === 'allowed' && !useCreditsStore.getState().query) void load(home);
  }, [access.state, scope.committee, scope.college]);

  usePullDownRefresh(async () => {
    await load(query, { silent: true });
    Taro.stopPullDownRefresh();
  });

  const totals = useMemo(() => overviewTotals(c.groups), [c.groups]);
  const modules = useMemo(
    () => [...c.modules].filter((m) => m.active || tallyOf(totals.byModule, m.id) !== 0).sort((a, b) => a.order - b.order),
    [c.modules, totals],
  );
  const groups = useMemo(() => [...c.groups].sort((a, b) => b.average - a.average || a.group.localeCompare(b.group)), [c.groups]);

  async function exportList() {
    const outcome = await exportXlsx();
    if (outcome.ok) showToast(`已导出 ${outcome.value.rowCount} 名学生`, 'success');
    else showToast(outcome.message, 'fail');
  }

  const badge = scope.committee ? '校团委' : '院团总支';
  const where = query.college ?? (scope.committee ? '全校' : '本学院');
  const heroSubtitle = `${where} · ${query.groupBy === 'college' ? '按学院' : '按团支部'}统计，含各模块学分与毕业要求达标情况`;

  function content() {
    const ready = c.loaded && c.query !== null && !c.loading;
    const hasData = ready && !c.error && groups.length > 0;

    const tools = (
      <View className='credits-page__tools'>
        <SegmentTabs<GroupBy> hook='credits-group' value={query.groupBy} options={GROUP_OPTIONS} onChange={(groupBy) => void load({ ...query, groupBy })} />
        <View className='credits-page__tool-row'>
          {scope.committee && query.college ? (
            <View className='credits-page__scope credits-scope'>
              <Text className='credits-page__scope-name'>{query.college}</Text>
              <Text className='credits-page__scope-clear credits-scope-clear' onClick={() => void load({ groupBy: 'college', college: null })}>
                返回全校
              </Text>
            </View>
          ) : (
            <Text className='credits-page__scope-plain credits-scope'>{where}</Text>
          )}
          <Button className='credits-page__export credits-export' type='primary' size='small' loading={c.exporting} onClick={() => void exportList()}>
            导出 Excel
          </Button>
        </View>
      </View>
    );

    let body;
    if (!ready) body = <CommitteeSkeleton count={3} />;
    else if (c.error) body = <ErrorState className='credits-error' message={c.error} onRetry={() => void load(query)} />;
    else if (groups.length === 0)
      body = <EmptyState className='credits-empty' icon='list' title='暂无学生' description='导入名单后，这里会按学院和团支部统计学分' />;
    else
      body = (
        <>
          <ModuleBars modules={modules} byModule={totals.byModule} students={totals.students} />
          <Text className='credits-page__list-title'>
            {query.groupBy === 'college' ? '各学院' : '各团支部'}
            <Text className='credits-page__list-note'> · 按人均学分排序</Text>
          </Text>
          {groups.map((g, i) => (
            <CreditGroupCard
              key={`${g.college}:${g.group}`}
              group={g}
              rank={i + 1}
              modules={modules}
              showCollege={query.groupBy === 'branch' && !query.college}
              onOpen={query.groupBy === 'college' ? () => void load({ groupBy: 'branch', college: g.group }) : undefined}
            />
          ))}
          <Text className='credits-page__tip'>
            导出 Excel：{query.college ?? (scope.committee ? '全校' : '本学院')}每名学生一行，含各模块学分、总分、志愿时长、是否达到毕业要求
          </Text>
        </>
      );

    return (
      <>
        <PageHero badge={badge} title='学分统计' subtitle={heroSubtitle} tall={hasData} />
        {hasData ? <CreditSummary totals={totals} requirementOverall={c.requirementOverall} /> : null}
        {tools}
        {body}
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate
      access={access}
      page='credits-page'
      hero={<PageHero badge={badge} title='学分统计' subtitle='按学院、团支部和模块统计第二课堂学分' />}
      checking={<CommitteeSkeleton count={3} />}
      title='无权查看学分统计'
      note='学分统计对院团总支（本学院）和校团委（全校）开放。如需开通，请联系校团委。'
    >
      {content}
    </CommitteeGate>
  );
}
