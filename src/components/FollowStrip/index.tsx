import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  /** The kind's name as the tab shows it (志愿服务). */
  label: string;
  followed: boolean;
  alertsLeft: number;
  busy: boolean;
  onFollow: () => void;
  onManage: () => void;
}

/**
 * Under a kind tab of the catalogue: 关注 this kind (WeChat asks for one alert inside the tap), or, once followed, the
 * alerts left and 管理 (the follows page). Hooks: `.follow-strip`, `.follow-strip--on`, `.follow-strip-follow`,
 * `.follow-strip-manage`.
 */
export default function FollowStrip({ label, followed, alertsLeft, busy, onFollow, onManage }: Props) {
  if (followed) {
    return (
      <View className='follow-strip follow-strip--on' onClick={onManage}>
        <Text className='follow-strip__text'>{`已关注${label} · 剩余提醒 ${alertsLeft} 次`}</Text>
        <Text className='follow-strip__manage follow-strip-manage'>管理 ›</Text>
      </View>
    );
  }
  return (
    // The whole strip is the tap target (the pill alone would be under 44 px).
    <View className='follow-strip' onClick={busy ? undefined : onFollow}>
      <Text className='follow-strip__text'>{`${label}有新活动开放报名时提醒我`}</Text>
      <Text className={`follow-strip__button follow-strip-follow${busy ? ' follow-strip__button--busy' : ''}`}>关注</Text>
    </View>
  );
}
