import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { CONTEST_TRACK_LABELS, MATERIAL_LABELS, ROUND_LEVEL_LABELS, ROUND_STATUS_LABELS } from '../../../../types/contest';
import { formatDateTime } from '../../../utils/time';
import type { Entry } from '../stores/contest';

interface Props {
  entry: Entry;
  busy: boolean;
  onEdit: () => void;
  onWithdraw: () => void;
}

const points = (hundredths: number) => (hundredths / 100).toFixed(2);

/** One of my entries: the round and track, the topic, and — once published — where it stands (晋级校赛 …). */
export default function EntryCard({ entry, busy, onEdit, onWithdraw }: Props) {
  const r = entry.result;
  const withdrawn = entry.status === 'withdrawn';
  const tone = r ? (r.advanced || r.award ? 'win' : 'plain') : withdrawn ? 'off' : 'wait';
  const state = withdrawn ? '已撤回' : r ? '结果已公布' : entry.roundStatus === 'open' ? '已报名' : ROUND_STATUS_LABELS[entry.roundStatus];
  return (
    <View className={`contest-card entry-card entry-card--${tone}`}>
      <View className='contest-card__head'>
        <Text className='contest-card__kicker'>
          {ROUND_LEVEL_LABELS[entry.roundLevel]} · {CONTEST_TRACK_LABELS[entry.track]}赛道
        </Text>
        <Text className={`contest-chip contest-chip--${tone} entry-state`}>{state}</Text>
      </View>
      <Text className='contest-card__title entry-topic'>{entry.topic}</Text>
      <Text className='contest-card__line'>{entry.roundTitle}</Text>
      {entry.entrant.kind === 'branch' ? (
        <Text className='contest-card__line'>
          {entry.entrant.branch}
          {entry.teamName ? ` · ${entry.teamName}` : ''} · {entry.members.map((m) => m.name).join('、')}
        </Text>
      ) : null}
      {entry.materials.length ? (
        <Text className='contest-card__line'>材料：{entry.materials.map((m) => `${MATERIAL_LABELS[m.kind]}「${m.name}」`).join('，')}</Text>
      ) : entry.editable ? (
        <Text className='contest-card__line contest-card__line--quiet'>还没有上传课件或视频（选填，截止前可在“修改”中上传）</Text>
      ) : null}
      {r ? (
        <View className='entry-result'>
          <Text className={`entry-result__label ${r.advanced ? 'entry-result__label--advanced' : ''} entry-result-label`}>{r.label}</Text>
          <Text className='entry-result__rank'>
            第 {r.rank} 名 / 共 {r.of} 件 · 得分 {points(r.score)}（{r.judges} 位评委平均）
          </Text>
        </View>
      ) : !withdrawn && entry.roundStatus === 'open' ? (
        <Text className='contest-card__line'>截止前可修改或撤回 · 截止 {formatDateTime(entry.deadlineAt)}</Text>
      ) : !withdrawn ? (
        <Text className='contest-card__line'>评审中，结果公布后在这里显示名次与是否晋级</Text>
      ) : null}
      {entry.editable ? (
        <View className='contest-card__actions'>
          <Button className='contest-button entry-edit' size='small' fill='outline' type='primary' disabled={busy} onClick={onEdit}>
            修改
          </Button>
          <Button className='contest-button entry-withdraw' size='small' fill='none' disabled={busy} onClick={onWithdraw}>
            撤回
          </Button>
        </View>
      ) : null}
    </View>
  );
}
