import { Checked } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import type { DemoUserSwitchProps } from './props';
import './index.scss';

/**
 * H5 demo mode only: pick which seeded student to act as. The choice is sent as X-Demo-User on every request.
 * The weapp build resolves this folder to index.weapp.tsx, which renders nothing.
 */
export default function DemoUserSwitch({ users, current, onSelect }: DemoUserSwitchProps) {
  return (
    <View className='demo-switch demo-user-switch'>
      <View className='demo-switch__head'>
        <Text className='demo-switch__title'>演示模式：切换用户</Text>
        <Text className='demo-switch__hint'>仅本地演示环境可见</Text>
      </View>
      <View
        className={`demo-switch__item demo-user-none ${current === null ? 'demo-switch__item--active demo-user-active' : ''}`}
        onClick={() => onSelect(null)}
      >
        <View className='demo-switch__avatar demo-switch__avatar--anon'>
          <Text>?</Text>
        </View>
        <View className='demo-switch__body'>
          <Text className='demo-switch__name'>匿名访客</Text>
          <Text className='demo-switch__meta'>未绑定学号，可浏览活动但不能报名</Text>
        </View>
        {current === null ? <Checked size={18} color='#d4382c' /> : <Text className='demo-switch__pick'>切换</Text>}
      </View>
      {users.map((u) => {
        const active = u.studentNo === current;
        return (
          <View
            key={u.studentNo}
            className={`demo-switch__item demo-user-${u.studentNo} ${active ? 'demo-switch__item--active demo-user-active' : ''}`}
            onClick={() => onSelect(u.studentNo)}
          >
            <View className='demo-switch__avatar'>
              <Text>{u.name.slice(-1)}</Text>
            </View>
            <View className='demo-switch__body'>
              <Text className='demo-switch__name'>
                {u.name}
                {u.isLeagueMember ? <Text className='demo-switch__badge'>团员</Text> : null}
              </Text>
              <Text className='demo-switch__meta'>
                {u.studentNo} · {u.className}
              </Text>
            </View>
            {active ? <Checked size={18} color='#d4382c' /> : <Text className='demo-switch__pick'>切换</Text>}
          </View>
        );
      })}
    </View>
  );
}
