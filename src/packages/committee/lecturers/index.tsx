import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ActionOutput } from '../../../../types/actions';
import { LECTURER_LEVEL_LABELS, type LecturerLevel } from '../../../../types/contest';
import ConfirmDialog from '../../../components/ConfirmDialog';
import ErrorState from '../../../components/ErrorState';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { call, codeOf, messageOf } from '../../../services/api';
import ChoiceChips from '../components/ChoiceChips';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import FormField from '../components/FormField';
import FormSection from '../components/FormSection';
import ReasonDialog from '../components/ReasonDialog';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import './index.scss';

type Team = ActionOutput<'listLecturers'>;
type Talk = ActionOutput<'listLecturerTalks'>['talks'][number];
const LEVELS: Array<{ value: LecturerLevel; label: string }> = [
  { value: 'school', label: LECTURER_LEVEL_LABELS.school },
  { value: 'college', label: LECTURER_LEVEL_LABELS.college },
];

/**
 * 青年讲师团 (committee): this year's members with their progress toward 3 talks on campus and 1 off campus (those
 * behind first), adding a member by 学号, and the talks waiting to be confirmed (确认, or 退回 with a reason).
 */
export default function LecturersPage() {
  const [forbidden, setForbidden] = useState<string | null>(null);
  const access = useCommitteeAccess('committee', forbidden);
  const [team, setTeam] = useState<Team | null>(null);
  const [pending, setPending] = useState<Talk[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [account, setAccount] = useState('');
  const [level, setLevel] = useState<LecturerLevel>('school');
  const [college, setCollege] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Talk | null>(null);
  const [returning, setReturning] = useState<Talk | null>(null);
  const [toastNode, showToast] = usePageToast();

  async function load() {
    try {
      const [t, p] = await Promise.all([call('listLecturers', {}), call('listLecturerTalks', { status: 'pending' })]);
      setTeam(t);
      setPending(p.talks);
      setError(null);
    } catch (e) {
      if (codeOf(e) === 'FORBIDDEN') setForbidden(messageOf(e));
      setError(messageOf(e));
    }
  }
  useDidShow(() => {
    if (access.state === 'allowed') void load();
  });
  useEffect(() => {
    if (access.state === 'allowed') void load();
  }, [access.state]);

  async function add() {
    try {
      await call('saveLecturer', { year: team?.year ?? new Date().getFullYear(), account: account.trim(), level, college: level === 'college' ? college.trim() : '', active: true });
      setAccount('');
      setProblem(null);
      showToast('已加入讲师团', 'success');
      await load();
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  async function decide(talk: Talk, confirm: boolean, reason?: string): Promise<string | null> {
    try {
      await call('decideLecturerTalk', { talkId: talk.id, confirm, reason });
      showToast(confirm ? '已确认，计入进度' : '已退回', 'success');
      await load();
      return null;
    } catch (e) {
      showToast(messageOf(e), 'fail');
      return messageOf(e);
    }
  }

  async function photo(talk: Talk) {
    try {
      const link = await call('getLecturerTalkPhoto', { talkId: talk.id });
      if (process.env.TARO_ENV === 'h5') window.open(link.url, '_blank');
    } catch (e) {
      showToast(messageOf(e), 'fail');
    }
  }

  const hero = <PageHero badge='青年讲师团' title='青年讲师团' subtitle='校级成员每年校内宣讲至少 3 场、校外至少 1 场；确认后的宣讲计入进度' />;

  function content() {
    if (!team) return <>{hero}{error ? <ErrorState className='lecturers-error' message={error} onRetry={() => void load()} /> : <CommitteeSkeleton />}</>;
    return (
      <>
        {hero}
        <FormSection title={`${team.year} 年度成员`} note={team.behind ? `${team.behind} 人进度落后（按月折算的应完成场数）` : '暂无进度落后的成员'} hook='lecturer-list'>
          {team.lecturers.map((l) => (
            <View key={l.account} className={`lecturer-row ${l.progress.behind ? 'lecturer-row--behind' : ''}`}>
              <View className='lecturer-row__text'>
                <Text className='lecturer-row__name'>{l.name}</Text>
                <Text className='lecturer-row__note'>
                  {LECTURER_LEVEL_LABELS[l.level]}
                  {l.college ? ` · ${l.college}` : ''}
                  {l.active ? '' : ' · 已移出'}
                </Text>
              </View>
              <Text className='lecturer-row__progress'>
                校内 {l.progress.onCampus.done}/{l.progress.onCampus.need} · 校外 {l.progress.offCampus.done}/{l.progress.offCampus.need}
                {l.progress.met ? ' · 已完成' : l.progress.behind ? ' · 落后' : ''}
              </Text>
            </View>
          ))}
          {!team.lecturers.length ? <Text className='lecturers-page__note'>还没有成员</Text> : null}
        </FormSection>
        <FormSection title='添加成员' note='学生按学号（须已绑定）；老师按账号' hook='lecturer-add'>
          <FormField label='学号' hook='lecturer-account-input' value={account} placeholder='例如 2023011103' maxlength={64} onInput={setAccount} />
          <ChoiceChips<LecturerLevel> label='级别' hook='lecturer-level' options={LEVELS} value={level} onChange={setLevel} />
          {level === 'college' ? <FormField label='学院' hook='lecturer-college-input' value={college} placeholder='所属学院' maxlength={64} onInput={setCollege} /> : null}
          {problem ? <Text className='lecturers-page__error'>{problem}</Text> : null}
          <Button className='lecturer-add' type='primary' fill='outline' onClick={() => void add()}>
            加入讲师团
          </Button>
        </FormSection>
        <FormSection title={`待确认的宣讲（${pending.length}）`} hook='talks-pending'>
          {pending.map((t) => (
            <View key={t.id} className='pending-talk'>
              <Text className='pending-talk__topic'>{t.topic}</Text>
              <Text className='pending-talk__note'>
                {t.lecturer.name} · {t.date} · {t.onCampus ? '校内' : '校外'} · {t.place} · {t.audience} 人
              </Text>
              <View className='pending-talk__actions'>
                {t.photo ? (
                  <Button className='talk-photo' size='small' fill='none' onClick={() => void photo(t)}>
                    查看照片
                  </Button>
                ) : null}
                <Button className='talk-return' size='small' fill='outline' onClick={() => setReturning(t)}>
                  退回
                </Button>
                <Button className='talk-confirm' size='small' type='primary' onClick={() => setConfirming(t)}>
                  确认
                </Button>
              </View>
            </View>
          ))}
          {!pending.length ? <Text className='lecturers-page__note'>没有待确认的宣讲</Text> : null}
        </FormSection>
        <ConfirmDialog
          visible={confirming !== null}
          title='确认这场宣讲？'
          message={confirming ? `${confirming.lecturer.name}：${confirming.topic}（${confirming.onCampus ? '校内' : '校外'}），确认后计入进度。` : ''}
          confirmText='确认'
          onConfirm={async () => {
            const t = confirming;
            setConfirming(null);
            if (t) await decide(t, true);
          }}
          onCancel={() => setConfirming(null)}
        />
        <ReasonDialog
          visible={returning !== null}
          title='退回宣讲记录'
          message='请写明原因，成员可以重新登记。'
          placeholder='例如：照片看不出宣讲现场'
          confirmText='退回'
          onConfirm={async (reason) => (returning ? decide(returning, false, reason) : null)}
          onClose={() => setReturning(null)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='lecturers-page' hero={hero}>
      {content}
    </CommitteeGate>
  );
}
