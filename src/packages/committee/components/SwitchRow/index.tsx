import { Text, View } from '@tarojs/components';
import ToggleSwitch from '../ToggleSwitch';
import './index.scss';

interface Props {
  label: string;
  hint?: string;
  hook: string;
  on: boolean;
  /** Shown but not changeable (the hint says why). */
  disabled?: boolean;
  onChange: (on: boolean) => void;
}

/** A yes/no setting with a line saying what it does. */
export default function SwitchRow({ label, hint, hook, on, disabled, onChange }: Props) {
  return (
    <View className='switch-row'>
      <View className='switch-row__text'>
        <Text className='switch-row__label'>{label}</Text>
        {hint ? <Text className='switch-row__hint'>{hint}</Text> : null}
      </View>
      <ToggleSwitch hook={hook} on={on} disabled={disabled} onChange={onChange} />
    </View>
  );
}
