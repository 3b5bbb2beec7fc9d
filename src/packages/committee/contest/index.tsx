import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { DEFAULT_CONTEST_CREDITS, DEFAULT_SHEET } from '../../../../core';
import { CONTEST_TRACKS, CONTEST_TRACK_LABELS, ROUND_LEVEL_LABELS, ROUND_STATUS_LABELS, type ContestTrack, type RoundLevel } from '../../../../types/contest';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { useUserStore } from '../../../stores/user';
import { formatDateTime } from '../../../utils/time';
import BranchPicker from '../../../shared/components/BranchPicker';
import ChoiceChips from '../components/ChoiceChips';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import FormField from '../components/FormField';
import FormSection from '../components/FormSection';
import SwitchRow from '../components/SwitchRow';
import TimeField from '../components/TimeField';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import { fromInstant, toInstant, type WallTime } from '../logic/event-form';
import { openCommitteeTool } from '../services/routes';
import { useContestRoundsStore, type RoundView } from '../stores/contest-rounds';
import './index.scss';

const LEVELS: Array<{ value: RoundLevel; label: string }> = [
  { value: 'college', label: '院赛（学院组织）' },
  { value: 'school', label: '校赛（校团委组织）' },
];
const TRACK_OPTIONS = CONTEST_TRACKS.map((t) => ({ value: t, label: CONTEST_TRACK_LABELS[t] }));
const credit = (h: number) => `${h / 100}`;

function RoundRow({ round }: { round: RoundView }) {
  const c = round.counts;
  return (
    <View className={`contest-round-row contest-round-row--${round.status}`} onClick={() => openCommitteeTool('contest-round', { id: round.id })}>
      <View className='contest-round-row__head'>
        <Text className='contest-round-row__kicker'>
          {ROUND_LEVEL_LABELS[round.level]}
          {round.college ? ` · ${round.college}` : ''} · {round.tracks.map((t) => CONTEST_TRACK_LABELS[t]).join('、')}
        </Text>
        <Text className={`contest-round-row__status contest-round-row__status--${round.status}`}>{ROUND_STATUS_LABELS[round.status]}</Text>
      </View>
      <Text className='contest-round-row__title'>{round.title}</Text>
      <Text className='contest-round-row__line'>
        报名截止 {formatDateTime(round.deadlineAt)} · 作品 {c.entries} 件{c.withdrawn ? `（撤回 ${c.withdrawn}）` : ''} · 评委 {round.judges.length} 位
        {round.status === 'judging' ? ` · 评分 ${c.scoresIn}/${c.scoresNeeded}` : ''}
      </Text>
    </View>
  );
}

/**
 * 百生讲坛比赛 (the committee; a college officer their college's 院赛): the year's rounds and a new round — level and
 * college, tracks, deadline, the conflict rule; the scoring sheet and the credits start from the plan's defaults
 * (思想政治与道德修养: entering, advancing, awards).
 */
export default function ContestRoundsPage() {
  const forbidden = useContestRoundsStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const s = useContestRoundsStore();
  const { load, save } = useContestRoundsStore.getState();
  const roles = useUserStore((u) => u.roles);
  const committee = roles.some((g) => g.role === 'committee_admin');
  const ownCollege = roles.find((g) => g.role === 'college_officer')?.scope ?? '';
  const [toastNode, showToast] = usePageToast();
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [level, setLevel] = useState<RoundLevel>('college');
  const [college, setCollege] = useState('');
  const [tracks, setTracks] = useState<ContestTrack[]>([...CONTEST_TRACKS]);
  const [deadline, setDeadline] = useState<WallTime>(() => fromInstant(Date.now() + 14 * 86_400_000));
  const [conflictRule, setConflictRule] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  useDidShow(() => {
    if (access.state === 'allowed') void load({ silent: true });
  });
  useEffect(() => {
    if (access.state === 'allowed') void load();
  }, [access.state]);
  usePullDownRefresh(async () => {
    await load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  async function create() {
    const year = s.year ?? new Date().getFullYear();
    const outcome = await save({
      fields: {
        year,
        level,
        college: level === 'school' ? '' : committee ? college : ownCollege,
        title: title.trim(),
        description: description.trim() || undefined,
        tracks,
        entryMode: level === 'school' ? 'advanced' : 'open',
        deadlineAt: toInstant(deadline),
        sheet: DEFAULT_SHEET,
        conflictRule,
        judgesPerEntry: null,
        credits: DEFAULT_CONTEST_CREDITS,
        eventId: null,
      },
    });
    if (!outcome.ok) {
      setProblem(outcome.message);
      return;
    }
    setProblem(null);
    setCreating(false);
    setTitle('');
    showToast('已创建，接下来指定评委', 'success');
    openCommitteeTool('contest-round', { id: outcome.value.id });
  }

  const hero = <PageHero badge='百生讲坛' title='百生讲坛比赛' subtitle='赛制一年：院赛 → 校赛 → 省赛推荐；设置赛道、截止、评分表与评委，公布结果并晋级' />;

  function content() {
    let list;
    if (s.loading && !s.rounds.length) list = <CommitteeSkeleton />;
    else if (s.error && !s.rounds.length) list = <ErrorState className='contest-rounds-error' message={s.error} onRetry={() => void load()} />;
    else if (!s.rounds.length) list = <EmptyState className='contest-rounds-empty' icon='list' title='今年还没有比赛' description='先建各学院的院赛，院赛晋级的作品再参加校赛。' />;
    else list = s.rounds.map((r) => <RoundRow key={r.id} round={r} />);
    return (
      <>
        {hero}
        <View className='contest-rounds-page__bar'>
          <Text className='contest-rounds-page__year'>{s.year ?? ''} 年度</Text>
          <Button className='contest-round-new' size='small' type='primary' onClick={() => setCreating(!creating)}>
            {creating ? '收起' : '新建比赛'}
          </Button>
        </View>
        {creating ? (
          <FormSection title='新建比赛' note='评分表与学分先用默认值，报名截止前都可以修改' hook='contest-round-form'>
            <FormField label='比赛名称' hook='round-title-input' value={title} placeholder='例如：2026 百生讲坛 信息工程学院院赛' maxlength={40} onInput={setTitle} />
            <FormField label='说明' hook='round-description-input' value={description} placeholder='选填：赛程、要求、晋级名额' maxlength={500} onInput={setDescription} />
            {committee ? <ChoiceChips<RoundLevel> label='级别' hook='round-level' options={LEVELS} value={level} onChange={setLevel} /> : null}
            {level === 'college' && committee ? <BranchPicker mode='college' value={college} onChange={setCollege} hook='round-college' /> : null}
            {level === 'college' && !committee ? <Text className='contest-rounds-page__note'>学院：{ownCollege}</Text> : null}
            <ChoiceChips<ContestTrack>
              label='赛道'
              hook='round-tracks'
              options={TRACK_OPTIONS}
              value={tracks}
              hint='主讲人：学生个人；团支部、微团课：以团支部名义，填写队名与成员'
              onChange={(t) => setTracks(tracks.includes(t) ? tracks.filter((x) => x !== t) : [...tracks, t])}
            />
            <TimeField label='报名截止' hook='round-deadline' value={deadline} onChange={setDeadline} />
            <SwitchRow label='回避规则' hint='评委不评本学院的作品' hook='round-conflict' on={conflictRule} onChange={setConflictRule} />
            <View className='contest-rounds-page__defaults'>
              <Text className='contest-rounds-page__note'>
                评分表：{DEFAULT_SHEET.map((c) => `${c.name} ${c.weight}%`).join('、')}（每项满分 100，按权重折算为百分制）
              </Text>
              <Text className='contest-rounds-page__note'>
                学分（思想政治与道德修养）：参赛 {credit(DEFAULT_CONTEST_CREDITS.entered)}，晋级 {credit(DEFAULT_CONTEST_CREDITS.advanced)}，一/二/三等奖{' '}
                {DEFAULT_CONTEST_CREDITS.awards.map(credit).join(' / ')}
              </Text>
              {level === 'school' ? <Text className='contest-rounds-page__note'>校赛只接受在本年度院赛中晋级的作品。</Text> : null}
            </View>
            {problem ? <Text className='contest-rounds-page__error round-form-error'>{problem}</Text> : null}
            <Button className='contest-round-create' type='primary' block loading={s.busy} disabled={s.busy} onClick={() => void create()}>
              创建比赛
            </Button>
          </FormSection>
        ) : null}
        <View className='contest-rounds-page__list'>{list}</View>
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='contest-rounds-page' hero={hero} title='无权管理比赛' note='百生讲坛比赛由校团委和院团总支组织。'>
      {content}
    </CommitteeGate>
  );
}
