import { Button } from '@nutui/nutui-react-taro';
import { Warning } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  /** The server's sentence, e.g. 只能查看本团支部（或本学院）的成员. */
  message: string;
  onBack: () => void;
}

/** FORBIDDEN: a student, or an officer of another branch or college, asked for a member list. */
export default function MembersRefusal({ message, onBack }: Props) {
  return (
    <View className='members-refusal members-forbidden'>
      <View className='members-refusal__art'>
        <Warning size={34} color='#d4382c' />
      </View>
      <Text className='members-refusal__title'>无权查看该团支部成员</Text>
      <Text className='members-refusal__message'>{message}</Text>
      <Text className='members-refusal__note'>成员名单仅对本团支部的团干部、所在学院的院团总支和校团委开放。如需开通，请联系校团委。</Text>
      <Button className='members-refusal__back back-button' type='primary' fill='outline' size='small' onClick={onBack}>
        返回我的
      </Button>
    </View>
  );
}
