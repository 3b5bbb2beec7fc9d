import { Text, View } from '@tarojs/components';
import type { AttendanceRow } from '../../../../../types/models';
import { clock, hoursText } from '../../checkin-time';
import './index.scss';

interface Props {
  row: AttendanceRow;
  /** The event records hours (check-out required): show them, and whether they count. */
  hours: boolean;
  minStayRatio: number;
  onPick: (row: AttendanceRow) => void;
}

const STATE_LABELS: Record<AttendanceRow['state'], string> = { absent: '未到', in: '已签到', out: '已签退' };

/** One person on 到场名单: who, when they came and left (补签 when corrected by hand), and the hours. Tap to correct. */
export default function AttendanceRowItem({ row, hours, minStayRatio, onPick }: Props) {
  const times: string[] = [];
  if (row.checkedInAt) times.push(`签到 ${clock(row.checkedInAt)}${row.checkinMethod === 'manual' ? '（团干部补签）' : row.checkinMethod === 'event_code' ? '（扫活动码）' : ''}`);
  if (row.checkedOutAt) times.push(`签退 ${clock(row.checkedOutAt)}`);
  const cancelled = row.registration === 'cancelled';
  return (
    <View className={`attendance-row attendance-row--${row.state}`} data-student-no={row.studentNo} data-state={row.state} onClick={() => onPick(row)}>
      <View className={`attendance-row__avatar attendance-row__avatar--${row.state}`}>
        <Text>{row.name.slice(-1)}</Text>
      </View>
      <View className='attendance-row__body'>
        <View className='attendance-row__line'>
          <Text className='attendance-row__name attendance-name'>{row.name}</Text>
          {row.walkIn ? <Text className='attendance-row__tag attendance-walkin'>现场</Text> : null}
          {cancelled ? <Text className='attendance-row__tag attendance-row__tag--warn attendance-cancelled'>已取消报名</Text> : null}
        </View>
        <Text className='attendance-row__meta'>
          {row.studentNo} · {row.className}
        </Text>
        {times.length ? <Text className='attendance-row__times attendance-times'>{times.join(' · ')}</Text> : null}
      </View>
      <View className='attendance-row__side'>
        <Text className={`attendance-row__state attendance-row__state--${row.state} attendance-state`}>{STATE_LABELS[row.state]}</Text>
        {hours && row.state === 'out' ? (
          <Text className={`attendance-row__hours attendance-hours ${row.hoursCounted ? 'attendance-hours--counted' : 'attendance-hours--short'}`}>
            {hoursText(row.hours)} · {row.hoursCounted ? '计入' : `不足 ${Math.round(minStayRatio * 100)}%`}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
