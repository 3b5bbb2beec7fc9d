import { View } from '@tarojs/components';
import './index.scss';

interface Props {
  on: boolean;
  /** Test hook; `<hook>--on` while on. */
  hook: string;
  disabled?: boolean;
  onChange: (on: boolean) => void;
}

/** An on/off switch drawn in CSS (the same on both platforms, nothing more to load). */
export default function ToggleSwitch({ on, hook, disabled, onChange }: Props) {
  return (
    <View
      className={`toggle-switch ${hook} ${on ? `toggle-switch--on ${hook}--on` : ''} ${disabled ? 'toggle-switch--disabled' : ''}`}
      onClick={() => !disabled && onChange(!on)}
    >
      <View className='toggle-switch__knob' />
    </View>
  );
}
