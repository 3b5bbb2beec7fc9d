import { Text } from '@tarojs/components';
import { attendanceState, attendanceText, type AttendanceTimes } from '../../../../utils/checkin';
import './index.scss';

interface Props {
  attendance: AttendanceTimes | null;
  /** The status is not confirmed yet (first answer pending) or may be old (offline). */
  stale?: boolean;
}

/** The attendance on record: `.checkin-status` (`未签到`, `已签到 14:02`, `已签退 16:30`), `.checkin-status--none/in/out`. */
export default function AttendancePill({ attendance, stale = false }: Props) {
  const state = attendanceState(attendance);
  return (
    <Text className={`attendance-pill checkin-status checkin-status--${state} ${stale ? 'attendance-pill--stale' : ''}`}>
      {attendanceText(attendance)}
    </Text>
  );
}
