import { Picker, Text, View } from '@tarojs/components';
import type { WallTime } from '../../logic/event-form';
import './index.scss';

interface Props {
  label: string;
  /** Test hook: `.<hook>` on the row, `.<hook>-date` / `.<hook>-time` on the two pickers. */
  hook: string;
  value: WallTime;
  error?: string;
  /** Only a day (报告截止). */
  dateOnly?: boolean;
  onChange: (value: WallTime) => void;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function dayText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  // The weekday of a calendar date does not depend on the time zone: read it in UTC.
  return `${m}月${d}日 周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/** A campus date and time, each with the platform's picker (Taro Picker: WeChat's native one, Taro's sheet on H5). */
export default function TimeField({ label, hook, value, error, dateOnly, onChange }: Props) {
  return (
    <View className={`time-field ${hook} ${error ? 'time-field--error field-error-on' : ''}`}>
      <View className='time-field__row'>
        <Text className='time-field__label'>{label}</Text>
        <Picker mode='date' value={value.date} start='2020-01-01' end='2100-12-31' onChange={(e) => onChange({ ...value, date: String(e.detail.value) })}>
          <View className={`time-field__value ${hook}-date`} data-value={value.date}>
            <Text>{dayText(value.date)}</Text>
          </View>
        </Picker>
        {dateOnly ? null : (
          <Picker mode='time' value={value.time} onChange={(e) => onChange({ ...value, time: String(e.detail.value) })}>
            <View className={`time-field__value time-field__value--time ${hook}-time`} data-value={value.time}>
              <Text>{value.time}</Text>
            </View>
          </Picker>
        )}
      </View>
      {error ? <Text className='time-field__error field-error'>{error}</Text> : null}
    </View>
  );
}
