import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../types/actions';
import { LECTURER_LEVEL_LABELS, TALK_STATUS_LABELS } from '../../../../types/contest';
import ErrorState from '../../../components/ErrorState';
import ListSkeleton from '../../../components/ListSkeleton';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { call, messageOf } from '../../../services/api';
import FormField from '../components/FormField';
import MaterialPicker, { type MaterialSlot } from '../components/MaterialPicker';
import '../page.scss';

type Mine = ActionOutput<'getMyLecturerTalks'>;

/**
 * 我的宣讲 (lecturer team members): progress toward 3 talks on campus and 1 off campus this year, 登记宣讲 (day, place,
 * on or off campus, audience, topic, the photo as evidence), and the talks recorded with the committee's decision.
 */
export default function TalksPage() {
  const [mine, setMine] = useState<Mine | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [place, setPlace] = useState('');
  const [onCampus, setOnCampus] = useState(true);
  const [audience, setAudience] = useState('');
  const [topic, setTopic] = useState('');
  const [photo, setPhoto] = useState<MaterialSlot | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [toastNode, showToast] = usePageToast();

  async function load() {
    try {
      setMine(await call('getMyLecturerTalks', {}));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  useDidShow(() => void load());

  async function record() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setProblem('日期请写成 2026-03-05 这样');
    if (!photo) return setProblem('请上传宣讲现场照片');
    const n = Number(audience);
    if (!Number.isInteger(n) || n < 1) return setProblem('请填写听众人数');
    setBusy(true);
    try {
      await call('recordLecturerTalk', { date, place: place.trim(), onCampus, audience: n, topic: topic.trim(), photoFileId: photo.fileId });
      setProblem(null);
      setPlace('');
      setTopic('');
      setAudience('');
      setPhoto(null);
      showToast('已登记，等待校团委确认', 'success');
      await load();
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (error && !mine) body = <ErrorState className='contest-error' message={error} onRetry={() => void load()} />;
  else if (!mine) body = <ListSkeleton />;
  else if (!mine.lecturer)
    body = <Text className='contest-empty-note talks-not-member'>你不在 {mine.year} 年度青年讲师团名单中。加入讲师团后可在这里登记宣讲，如有疑问请联系校团委。</Text>;
  else {
    const p = mine.lecturer.progress;
    body = (
      <>
        <View className='contest-card lecturer-progress'>
          <View className='contest-card__head'>
            <Text className='contest-card__title'>
              {mine.year} 年{LECTURER_LEVEL_LABELS[mine.lecturer.level]}
            </Text>
            <Text className={`contest-chip contest-chip--${p.met ? 'win' : p.behind ? 'warn' : 'wait'}`}>{p.met ? '已完成' : p.behind ? '进度落后' : '进行中'}</Text>
          </View>
          <Text className='contest-card__line'>
            校内 {p.onCampus.done}/{p.onCampus.need} 场 · 校外 {p.offCampus.done}/{p.offCampus.need} 场（校团委确认后计入）{p.pending ? ` · ${p.pending} 场待确认` : ''}
          </Text>
        </View>
        <View className='contest-card talk-form'>
          <Text className='contest-card__title'>登记一场宣讲</Text>
          <FormField label='日期' hook='talk-date-input' value={date} placeholder='例如 2026-03-05' maxlength={10} onInput={setDate} />
          <FormField label='地点' hook='talk-place-input' value={place} placeholder='例如 图书馆报告厅' maxlength={60} onInput={setPlace} />
          <View className='talk-where'>
            {[true, false].map((v) => (
              <Text key={String(v)} className={`talk-where__chip ${onCampus === v ? 'talk-where__chip--on' : ''} talk-where-${v ? 'on' : 'off'}`} onClick={() => setOnCampus(v)}>
                {v ? '校内' : '校外'}
              </Text>
            ))}
          </View>
          <FormField label='听众人数' hook='talk-audience-input' value={audience} placeholder='约多少人' maxlength={6} onInput={setAudience} />
          <FormField label='题目' hook='talk-topic-input' value={topic} placeholder='宣讲题目' maxlength={60} onInput={setTopic} />
          <MaterialPicker kind='photo' value={photo} onChange={setPhoto} />
          {problem ? <Text className='contest-error talk-error'>{problem}</Text> : null}
          <Button className='contest-button contest-button--block talk-save' type='primary' block loading={busy} disabled={busy} onClick={() => void record()}>
            提交登记
          </Button>
        </View>
        <Text className='contest-section'>宣讲记录</Text>
        {mine.talks.length ? (
          mine.talks.map((t) => (
            <View key={t.id} className='contest-card talk-card'>
              <View className='contest-card__head'>
                <Text className='contest-card__kicker'>
                  {t.date} · {t.onCampus ? '校内' : '校外'} · {t.audience} 人
                </Text>
                <Text className={`contest-chip contest-chip--${t.status === 'confirmed' ? 'win' : t.status === 'pending' ? 'wait' : 'warn'}`}>{TALK_STATUS_LABELS[t.status]}</Text>
              </View>
              <Text className='contest-card__title'>{t.topic}</Text>
              <Text className='contest-card__line'>{t.place}</Text>
              {t.decisionReason ? <Text className='contest-card__line'>退回原因：{t.decisionReason}</Text> : null}
            </View>
          ))
        ) : (
          <Text className='contest-empty-note'>还没有登记宣讲。</Text>
        )}
      </>
    );
  }

  return (
    <View className='contest-page talks-page'>
      <PageHeader title='我的宣讲' />
      <PageHero badge='青年讲师团' title='我的宣讲' subtitle='校级讲师团成员每年校内至少 3 场、校外至少 1 场' />
      <View className='contest-page__body'>{body}</View>
      {toastNode}
    </View>
  );
}
