import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  title: string;
  description: string;
  value: boolean;
  /** Test hook, e.g. share-option-timeline; `--on` is added while checked. */
  hook: string;
  onChange: (value: boolean) => void;
}

/** One yes/no option of a share, as a row with a switch drawn in CSS (tap anywhere on the row). */
export default function OptionRow({ title, description, value, hook, onChange }: Props) {
  return (
    <View className={`option-row ${hook} ${value ? `option-row--on ${hook}--on` : ''}`} onClick={() => onChange(!value)}>
      <View className='option-row__text'>
        <Text className='option-row__title'>{title}</Text>
        <Text className='option-row__description'>{description}</Text>
      </View>
      <View className='option-row__switch'>
        <View className='option-row__knob' />
      </View>
    </View>
  );
}
