import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  onMyTeams: () => void;
}

/**
 * On a social-practice event (三下乡 / 返家乡): how teams sign up, as one unit. The two ways in (组队报名, 凭码入队)
 * are the page's bottom bar — the one action — so this card only explains, and leads to 我的团队. Hooks: `.team-entry`,
 * `.team-mine`.
 */
export default function TeamEntryCard({ onMyTeams }: Props) {
  return (
    <View className='team-entry'>
      <View className='team-entry__head'>
        <Text className='team-entry__title'>以团队报名</Text>
        <Text className='team-entry__mine team-mine' onClick={onMyTeams}>
          我的团队 ›
        </Text>
      </View>
      <Text className='team-entry__text'>
        本活动以团队为单位报名：队长点“组队报名”创建团队并填写指导老师，把 6 位入队码发给队员；队员点“凭码入队”加入。人数达到要求后，由队长在“我的团队”中整体报名。
      </Text>
    </View>
  );
}
