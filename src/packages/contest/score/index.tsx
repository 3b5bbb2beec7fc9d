import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { CONTEST_TRACK_LABELS, MATERIAL_LABELS } from '../../../../types/contest';
import ConfirmDialog from '../../../components/ConfirmDialog';
import ErrorState from '../../../components/ErrorState';
import ListSkeleton from '../../../components/ListSkeleton';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import { call, messageOf } from '../../../services/api';
import { useContestStore, type JudgingEntry } from '../stores/contest';
import '../page.scss';

const points = (hundredths: number) => (hundredths / 100).toFixed(2);

/** Marks as typed, checked against the sheet: each 0 to its max in steps of 0.5 (the server checks again). */
function marksProblem(sheet: JudgingEntry['round']['sheet'], typed: Record<string, string>): string | null {
  for (const c of sheet) {
    const raw = (typed[c.id] ?? '').trim();
    if (!raw) return `请为“${c.name}”打分（0–${c.max} 分）`;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > c.max) return `“${c.name}”的分数应在 0–${c.max} 分之间`;
    if (Math.round(n * 2) !== n * 2) return `“${c.name}”请按 0.5 分一档打`;
  }
  return null;
}

function weighted(sheet: JudgingEntry['round']['sheet'], typed: Record<string, string>): number | null {
  if (marksProblem(sheet, typed)) return null;
  return sheet.reduce((s, c) => s + (c.weight * Number(typed[c.id])) / c.max, 0);
}

/**
 * 评分 (judges): the entry (topic, outline, team, materials to open), the sheet with each criterion's weight and
 * maximum, the weighted total as it is typed; submitted once. Other judges' totals appear only after my own.
 */
export default function ScorePage() {
  const { params } = useRouter();
  const entryId = params.entryId ?? '';
  const [data, setData] = useState<JudgingEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const busy = useContestStore((s) => s.busy);
  const [toastNode, showToast] = usePageToast();

  async function load() {
    setError(null);
    try {
      setData(await call('getJudgingEntry', { entryId }));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  useEffect(() => void load(), [entryId]);

  async function open(fileId: string) {
    try {
      const link = await call('getContestMaterialLink', { entryId, fileId });
      if (process.env.TARO_ENV === 'h5') window.open(link.url, '_blank');
      else {
        const { tempFilePath } = await Taro.downloadFile({ url: link.url });
        await Taro.openDocument({ filePath: tempFilePath, showMenu: true });
      }
    } catch (e) {
      showToast(messageOf(e), 'fail');
    }
  }

  async function submit() {
    setConfirming(false);
    if (!data) return;
    const marks = Object.fromEntries(data.round.sheet.map((c) => [c.id, Number(typed[c.id])]));
    const outcome = await useContestStore.getState().score({ entryId, marks, comment: comment.trim() || undefined });
    if (!outcome.ok) {
      setProblem(outcome.message);
      return;
    }
    showToast('评分已提交', 'success');
    setData({ ...data, myScore: outcome.value.score, others: outcome.value.others });
  }

  if (error) return <View className='contest-page score-page'><PageHeader title='评分' /><ErrorState className='contest-error' message={error} onRetry={() => void load()} /></View>;
  if (!data) return <View className='contest-page score-page'><PageHeader title='评分' /><ListSkeleton /></View>;

  const { entry, round, myScore, others } = data;
  const total = weighted(round.sheet, typed);
  return (
    <View className='contest-page score-page'>
      <PageHeader title='评分' />
      <View className='contest-card score-entry'>
        <Text className='contest-card__kicker'>
          {round.title} · {CONTEST_TRACK_LABELS[entry.track]}
        </Text>
        <Text className='contest-card__title'>{entry.topic}</Text>
        <Text className='contest-card__line'>
          {entry.entrant.kind === 'branch' ? `${entry.entrant.branch}${entry.teamName ? ` · ${entry.teamName}` : ''}` : entry.entrant.name} · {entry.college}
          {entry.mentor ? ` · 指导老师 ${entry.mentor}` : ''}
        </Text>
        <Text className='score-entry__outline'>{entry.outline}</Text>
        {entry.materials.map((m) => (
          <View key={m.fileId} className={`score-material score-material-${m.kind}`} onClick={() => void open(m.fileId)}>
            <Text className='score-material__text'>
              查看{MATERIAL_LABELS[m.kind]}：{m.name}
            </Text>
            <Text className='contest-card__go'>打开 ›</Text>
          </View>
        ))}
      </View>
      <View className='contest-card score-sheet'>
        <Text className='contest-card__title'>{myScore ? '我的评分（已提交）' : '评分表'}</Text>
        {round.sheet.map((c) => (
          <View key={c.id} className={`score-row score-row-${c.id}`}>
            <View className='score-row__text'>
              <Text className='score-row__name'>{c.name}</Text>
              <Text className='score-row__note'>
                权重 {c.weight}% · 满分 {c.max} 分
              </Text>
            </View>
            {myScore ? (
              <Text className='score-row__value'>{myScore.marks[c.id]} 分</Text>
            ) : (
              <Input
                className={`score-row__input score-input-${c.id}`}
                type='digit'
                value={typed[c.id] ?? ''}
                placeholder={`0–${c.max}`}
                onInput={(e) => setTyped({ ...typed, [c.id]: e.detail.value })}
              />
            )}
          </View>
        ))}
        <View className='score-total'>
          <Text className='score-total__label'>加权总分（满分 100）</Text>
          <Text className='score-total__value score-total-value'>{myScore ? points(myScore.total) : total === null ? '—' : total.toFixed(2)}</Text>
        </View>
        {myScore ? (
          <>
            {myScore.comment ? <Text className='contest-card__line'>评语：{myScore.comment}</Text> : null}
            <Text className='contest-card__line score-others'>
              {others && others.length ? `其他评委：${others.map(points).join('、')} 分` : '其他评委尚未提交'}
            </Text>
          </>
        ) : (
          <>
            <Textarea className='score-comment score-comment-input' value={comment} maxlength={300} placeholder='评语（选填，参赛者看不到）' autoHeight onInput={(e) => setComment(e.detail.value)} />
            {problem ? <Text className='contest-error score-error'>{problem}</Text> : null}
            <Button
              className='contest-button contest-button--block score-submit'
              type='primary'
              block
              loading={busy}
              disabled={busy}
              onClick={() => {
                const p = marksProblem(round.sheet, typed);
                setProblem(p);
                if (!p) setConfirming(true);
              }}
            >
              提交评分
            </Button>
            <Text className='contest-card__line contest-card__line--quiet'>提交后不能修改；提交后可看到其他评委的总分</Text>
          </>
        )}
      </View>
      <ConfirmDialog
        visible={confirming}
        title='提交评分？'
        message={total === null ? '' : `加权总分 ${total.toFixed(2)} 分。提交后不能修改。`}
        confirmText='提交'
        onConfirm={submit}
        onCancel={() => setConfirming(false)}
      />
      {toastNode}
    </View>
  );
}
