import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { attendanceState, attendanceText, type AttendanceTimes } from '../../utils/checkin';
import './index.scss';

interface Props {
  attendance: AttendanceTimes | null;
  /** The event records check-out (hours): the hint says to show the code again when leaving. */
  checkout: boolean;
  onOpenPass: () => void;
  onScan: () => void;
}

/**
 * 活动签到 on the detail page of an event the student is confirmed for: the attendance on record (`.my-attendance`)
 * and the two ways in: 签到码 (show one's rotating code to an officer) and 扫码签到 (scan the code at the venue). Both
 * open the checkin subpackage, so neither the signer nor the QR generator weighs on the main package.
 */
export default function CheckinCard({ attendance, checkout, onOpenPass, onScan }: Props) {
  const state = attendanceState(attendance);
  const hint =
    state === 'out'
      ? '本次活动的签到、签退均已记录'
      : state === 'in'
        ? checkout
          ? '离场时请再次出示签到码（切换到“签退”），或扫描现场的签退码'
          : '已签到，祝活动愉快'
        : '到场后出示签到码给团干部扫码，或扫描现场大屏上的活动码';
  return (
    <View className='checkin-card'>
      <View className='checkin-card__head'>
        <Text className='checkin-card__title'>活动签到</Text>
        <Text className={`checkin-card__status my-attendance my-attendance--${state}`}>{attendanceText(attendance)}</Text>
      </View>
      <Text className='checkin-card__hint'>{hint}</Text>
      <View className='checkin-card__actions'>
        <Button className='checkin-card__button checkin-card__button--main checkin-pass-button' type='primary' onClick={onOpenPass}>
          签到码
        </Button>
        <Button className='checkin-card__button self-checkin-button' fill='outline' type='primary' onClick={onScan}>
          扫码签到
        </Button>
      </View>
    </View>
  );
}
