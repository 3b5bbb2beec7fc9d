import { Button } from '@nutui/nutui-react-taro';
import { Warning } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  /** The server's sentence, e.g. 你没有权限进行此操作. */
  message: string;
  onBack: () => void;
}

/** FORBIDDEN: someone without the 校团委 role opened a committee page (a shared link, an old bookmark). */
export default function CommitteeRefusal({ message, onBack }: Props) {
  return (
    <View className='committee-refusal committee-forbidden'>
      <View className='committee-refusal__art'>
        <Warning size={34} color='#d4382c' />
      </View>
      <Text className='committee-refusal__title'>仅限校团委使用</Text>
      <Text className='committee-refusal__message'>{message}</Text>
      <Text className='committee-refusal__note'>名单导入、角色管理和审计日志只对持有“校团委”角色的账号开放。如需开通，请联系校团委。</Text>
      <Button className='committee-refusal__back back-button' type='primary' fill='outline' size='small' onClick={onBack}>
        返回我的
      </Button>
    </View>
  );
}
