import { Clock, Edit, Home, Location, Tips } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import type { EventSummary } from '../../../types/models';
import type { FactRow } from '../../utils/kind-facts';
import { formatDateTime, formatTimeRange, formatWindow } from '../../utils/time';
import './index.scss';
import { COLORS } from '../../styles/colors';

interface Props {
  event: EventSummary;
  /** Rows the event's kind adds (kindFactRows): speaker, roles, team size, level, audience... */
  extra?: FactRow[];
}

/** The facts of an event as labelled rows: when, sign-up window, cancel deadline, where, who organises. */
export default function EventFacts({ event, extra = [] }: Props) {
  const rows = [
    { key: 'time', Icon: Clock, label: '活动时间', value: formatTimeRange(event.startAt, event.endAt) },
    { key: 'signup-window', Icon: Edit, label: '报名时间', value: formatWindow(event.signupStartAt, event.signupEndAt) },
    { key: 'cancel-deadline', Icon: Tips, label: '取消截止', value: formatDateTime(event.cancelDeadlineAt) },
    { key: 'place', Icon: Location, label: '活动地点', value: event.location },
    { key: 'organizer', Icon: Home, label: '组织单位', value: event.organizer },
    ...extra.map((row) => ({ ...row, Icon: Tips })),
  ];
  return (
    <View className='event-facts'>
      {rows.map(({ key, Icon, label, value }) => (
        <View key={key} className={`event-facts__row event-${key}`}>
          <Icon className='event-facts__icon' size={15} color={COLORS.brand} />
          <Text className='event-facts__label'>{label}</Text>
          <Text className='event-facts__value'>{value}</Text>
        </View>
      ))}
    </View>
  );
}
