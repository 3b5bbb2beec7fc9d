import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  onCreate: () => void;
  onJoin: () => void;
  onMyTeams: () => void;
}

/**
 * On a social-practice event (三下乡 / 返家乡): teams sign up as one unit. A leader creates the team, members join
 * with its code. Hooks: `.team-entry`, `.team-create`, `.team-join`, `.team-mine`.
 */
export default function TeamEntryCard({ onCreate, onJoin, onMyTeams }: Props) {
  return (
    <View className='team-entry'>
      <View className='team-entry__head'>
        <Text className='team-entry__title'>组队参加</Text>
        <Text className='team-entry__mine team-mine' onClick={onMyTeams}>
          我的团队 ›
        </Text>
      </View>
      <Text className='team-entry__text'>
        社会实践以团队为单位报名：队长创建团队并填写指导老师，队员凭 6 位入队码加入，人数达到要求后由队长整体报名。
      </Text>
      <View className='team-entry__actions'>
        <Button className='team-entry__button team-create' type='primary' onClick={onCreate}>
          创建团队
        </Button>
        <Button className='team-entry__button team-join' fill='outline' type='primary' onClick={onJoin}>
          凭入队码加入
        </Button>
      </View>
    </View>
  );
}
