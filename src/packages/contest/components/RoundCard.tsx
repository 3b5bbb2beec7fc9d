import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { CONTEST_TRACK_LABELS, ROUND_LEVEL_LABELS, ROUND_STATUS_LABELS } from '../../../../types/contest';
import { formatDateTime } from '../../../utils/time';
import type { HomeRound } from '../stores/contest';

interface Props {
  round: HomeRound;
  onEnter: (track: string) => void;
  onWatch: (eventId: string) => void;
}

const STATE_TEXT = { entered: '已报名', closed: '已截止', not_eligible: '不可报名' } as const;

/** A round within my reach: its tracks, each with whether I (or my branch) can enter now and why not. */
export default function RoundCard({ round, onEnter, onWatch }: Props) {
  return (
    <View className={`contest-card round-card round-card--${round.status}`}>
      <View className='contest-card__head'>
        <Text className='contest-card__kicker'>
          {round.year} · {ROUND_LEVEL_LABELS[round.level]}
          {round.college ? ` · ${round.college}` : ''}
        </Text>
        <Text className={`contest-chip contest-chip--${round.status === 'open' ? 'wait' : 'plain'}`}>{ROUND_STATUS_LABELS[round.status]}</Text>
      </View>
      <Text className='contest-card__title round-title'>{round.title}</Text>
      {round.description ? <Text className='contest-card__line'>{round.description}</Text> : null}
      <Text className='contest-card__line'>报名截止 {formatDateTime(round.deadlineAt)}</Text>
      <View className='round-card__tracks'>
        {round.tracksForMe.map((t) => (
          <View key={t.track} className={`round-track round-track-${t.track}`}>
            <View className='round-track__text'>
              <Text className='round-track__name'>{CONTEST_TRACK_LABELS[t.track]}</Text>
              {t.note && t.note !== STATE_TEXT[t.state as keyof typeof STATE_TEXT] ? <Text className='round-track__note'>{t.note}</Text> : null}
            </View>
            {t.state === 'can_enter' ? (
              <Button className='contest-button round-enter' size='small' type='primary' onClick={() => onEnter(t.track)}>
                报名
              </Button>
            ) : (
              <Text className={`round-track__state round-track__state--${t.state}`}>{STATE_TEXT[t.state]}</Text>
            )}
          </View>
        ))}
      </View>
      {round.event ? (
        <View className='round-card__event' onClick={() => onWatch(round.event!.id)}>
          <Text className='round-card__event-text'>现场观赛：{round.event.title}（{formatDateTime(round.event.startAt)}），报名参加可得学分 ›</Text>
        </View>
      ) : null}
    </View>
  );
}
