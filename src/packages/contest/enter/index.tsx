import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { CONTEST_TRACK_LABELS, ROUND_LEVEL_LABELS, TRACK_ENTRANT, type ContestTrack } from '../../../../types/contest';
import ErrorState from '../../../components/ErrorState';
import ListSkeleton from '../../../components/ListSkeleton';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { useUserStore } from '../../../stores/user';
import { formatDateTime } from '../../../utils/time';
import FormField from '../components/FormField';
import MaterialPicker, { type MaterialSlot } from '../components/MaterialPicker';
import { useContestStore } from '../stores/contest';
import '../page.scss';

/** What the form checks before sending (the server checks again): the same limits as the contract. */
function formProblem(v: { topic: string; outline: string; teamName: string; members: string[] }, branch: boolean): string | null {
  if (v.topic.trim().length < 2) return '请填写题目（至少 2 个字）';
  if (v.outline.trim().length < 10) return '内容提纲至少 10 个字：写明讲什么、分几部分';
  if (branch && !v.teamName.trim()) return '请填写队名';
  if (branch && !v.members.length) return '请填写团队成员的学号（本团支部同学，1–10 人）';
  if (v.members.some((m) => !/^[0-9A-Za-z]{6,20}$/.test(m))) return '学号应为 6–20 位数字或字母，多个学号用空格或逗号隔开';
  return null;
}

/**
 * 报名 / 修改作品: topic, outline, mentor, a branch's team (队名 and members' 学号), the slides and the video. New:
 * ?roundId&track; editing: ?entryId. Saved, the page returns to 百生讲坛.
 */
export default function ContestEnterPage() {
  const { params } = useRouter();
  const { home, error, busy } = useContestStore();
  const store = useContestStore.getState();
  const me = useUserStore((s) => s.student);
  const [toastNode, showToast] = usePageToast();
  const editing = home?.entries.find((e) => e.id === params.entryId) ?? null;
  const round = home?.rounds.find((r) => r.id === (editing?.roundId ?? params.roundId)) ?? null;
  const track = (editing?.track ?? params.track) as ContestTrack | undefined;
  const branch = track ? TRACK_ENTRANT[track] === 'branch' : false;

  const [topic, setTopic] = useState('');
  const [outline, setOutline] = useState('');
  const [mentor, setMentor] = useState('');
  const [teamName, setTeamName] = useState('');
  const [members, setMembers] = useState('');
  const [slides, setSlides] = useState<MaterialSlot | null>(null);
  const [video, setVideo] = useState<MaterialSlot | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!useContestStore.getState().home) void store.loadHome();
  }, []);
  useEffect(() => {
    if (!editing) {
      if (branch && me && !members) setMembers(me.studentNo);
      return;
    }
    setTopic(editing.topic);
    setOutline(editing.outline);
    setMentor(editing.mentor);
    setTeamName(editing.teamName);
    setMembers(editing.members.map((m) => m.studentNo).join(' '));
    const of = (kind: 'slides' | 'video') => {
      const m = editing.materials.find((x) => x.kind === kind);
      return m ? { fileId: m.fileId, name: m.name, size: m.size } : null;
    };
    setSlides(of('slides'));
    setVideo(of('video'));
  }, [editing?.id, branch]);

  async function save() {
    const list = members.split(/[\s,，、]+/).filter(Boolean);
    const local = formProblem({ topic, outline, teamName, members: list }, branch);
    setProblem(local);
    if (local || !round || !track) return;
    const fields = {
      topic: topic.trim(),
      outline: outline.trim(),
      mentor: mentor.trim() || undefined,
      ...(branch ? { teamName: teamName.trim(), members: list } : {}),
      materials: [slides, video].filter((m): m is MaterialSlot => m !== null).map((m) => m.fileId),
    };
    const outcome = editing ? await store.update({ entryId: editing.id, ...fields }) : await store.submit({ roundId: round.id, track, ...fields });
    if (!outcome.ok) {
      setProblem(outcome.message);
      return;
    }
    showToast(editing ? '已保存修改' : '报名成功，截止前可以修改', 'success');
    setTimeout(() => void Taro.navigateBack(), 900);
  }

  let body;
  if (!home && error) body = <ErrorState className='contest-error' message={error} onRetry={() => void store.loadHome()} />;
  else if (!home) body = <ListSkeleton />;
  else if (!round || !track) body = <ErrorState className='contest-error' message='没有找到这轮比赛或作品，请返回百生讲坛重新选择' onRetry={() => void store.loadHome()} />;
  else
    body = (
      <View className='contest-card entry-form'>
        <Text className='contest-card__kicker'>
          {ROUND_LEVEL_LABELS[round.level]} · {CONTEST_TRACK_LABELS[track]}赛道 · 截止 {formatDateTime(round.deadlineAt)}
        </Text>
        <Text className='contest-card__title'>{round.title}</Text>
        <Text className='contest-card__line'>
          {branch ? `以${me?.branch ?? '本团支部'}的名义报名，填写队名与成员；每个团支部每个赛道一份作品。` : '个人报名，每人每轮一份作品。'}
        </Text>
        <FormField label='题目' hook='entry-topic-input' value={topic} placeholder='例如：青春向党 强国有我' maxlength={40} onInput={setTopic} />
        <FormField
          label='内容提纲'
          hook='entry-outline-input'
          value={outline}
          placeholder='讲什么、分几部分、用什么事例（10–2000 字）'
          maxlength={2000}
          multiline
          onInput={setOutline}
        />
        <FormField label='指导老师' hook='entry-mentor-input' value={mentor} placeholder='选填' maxlength={30} onInput={setMentor} />
        {branch ? (
          <>
            <FormField label='队名' hook='entry-team-input' value={teamName} placeholder='例如：星火宣讲队' maxlength={20} onInput={setTeamName} />
            <FormField
              label='成员学号'
              hook='entry-members-input'
              value={members}
              placeholder='本团支部同学的学号，空格隔开'
              maxlength={240}
              hint='1–10 人，须为本团支部同学'
              onInput={setMembers}
            />
          </>
        ) : null}
        <Text className='contest-form-section'>参赛材料（选填，截止前可上传或更换）</Text>
        <MaterialPicker kind='slides' value={slides} onChange={setSlides} />
        <MaterialPicker kind='video' value={video} onChange={setVideo} />
        {problem ? <Text className='contest-error entry-form-error'>{problem}</Text> : null}
        <Button className='contest-button contest-button--block entry-save' type='primary' block loading={busy} disabled={busy} onClick={() => void save()}>
          {editing ? '保存修改' : '提交报名'}
        </Button>
      </View>
    );

  return (
    <View className='contest-page contest-enter-page'>
      <PageHeader title={editing ? '修改作品' : '百生讲坛报名'} />
      <PageHero badge='百生讲坛' title={editing ? '修改作品' : '报名参赛'} subtitle='截止前可以修改、更换材料或撤回' />
      <View className='contest-page__body'>{body}</View>
      {toastNode}
    </View>
  );
}
