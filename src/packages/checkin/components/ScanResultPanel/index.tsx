import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { campusTime } from '../../../../utils/time';
import type { SelfCheckinOutcome } from '../../stores/self-checkin';
import './index.scss';

interface Props {
  outcome: SelfCheckinOutcome;
  onAgain: () => void;
  onOpenEvent?: (eventId: string) => void;
  /** weapp, location refused: open the settings to allow it. */
  onOpenSettings?: () => void;
}

/**
 * The result of a scan in large type: `.scan-result` (`--ok` green, `--already` blue, `--refused` red) with
 * `.scan-result-label` (签到成功, 已签到, 码已过期…) and `.scan-result-message`; `.scan-again` scans the next one.
 */
export default function ScanResultPanel({ outcome, onAgain, onOpenEvent, onOpenSettings }: Props) {
  const { tone, label, message, eventTitle, eventId, at, locationDenied } = outcome;
  const mark = tone === 'refused' ? '!' : '✓';
  return (
    <View className={`scan-result scan-result--${tone}`}>
      <View className='scan-result__mark'>
        <Text className='scan-result__mark-text'>{mark}</Text>
      </View>
      <Text className='scan-result__label scan-result-label'>{label}</Text>
      {at && tone !== 'refused' ? <Text className='scan-result__time scan-result-time'>{campusTime(at).format('M月D日 HH:mm')}</Text> : null}
      {eventTitle ? <Text className='scan-result__event scan-result-event'>{eventTitle}</Text> : null}
      {message ? <Text className='scan-result__message scan-result-message'>{message}</Text> : null}
      <View className='scan-result__actions'>
        {locationDenied && onOpenSettings ? (
          <Button className='scan-result__action scan-open-settings' fill='outline' type='primary' onClick={onOpenSettings}>
            去设置
          </Button>
        ) : eventId && onOpenEvent && tone !== 'refused' ? (
          <Button className='scan-result__action scan-open-event' fill='outline' type='primary' onClick={() => onOpenEvent(eventId)}>
            查看活动
          </Button>
        ) : null}
        <Button className='scan-result__action scan-again' type='primary' onClick={onAgain}>
          {tone === 'refused' ? '重新扫码' : '继续扫码'}
        </Button>
      </View>
    </View>
  );
}
