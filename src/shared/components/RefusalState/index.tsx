import { Button } from '@nutui/nutui-react-taro';
import { Warning } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { COLORS } from '../../../styles/colors';

interface Props {
  /** Test hook of the page's refusal state, e.g. members-forbidden. */
  hook: string;
  title: string;
  /** The server's sentence. */
  message: string;
  /** Who may use the page and how to get access. */
  note: string;
  onBack: () => void;
}

/** A FORBIDDEN answer shown as a page state: what was refused, why, who may, and a way back. */
export default function RefusalState({ hook, title, message, note, onBack }: Props) {
  return (
    <View className={`refusal-state ${hook}`}>
      <View className='refusal-state__art'>
        <Warning size={34} color={COLORS.brand} />
      </View>
      <Text className='refusal-state__title'>{title}</Text>
      <Text className='refusal-state__message'>{message}</Text>
      <Text className='refusal-state__note'>{note}</Text>
      <Button className='refusal-state__back back-button' type='primary' fill='outline' size='small' onClick={onBack}>
        返回我的
      </Button>
    </View>
  );
}
