import { Checked } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import type { DemoUser } from '../../../types/models';
import { demoUserHook, type DemoUserSwitchProps } from './props';
import './index.scss';
import { COLORS } from '../../styles/colors';

type Kind = DemoUser['kind'];

const GROUPS: Array<{ kind: Kind; title: string }> = [
  { kind: 'admin', title: '校团委' },
  { kind: 'officer', title: '团干部' },
  { kind: 'unbound', title: '新用户（未绑定）' },
  { kind: 'student', title: '学生' },
];

function avatarText(user: DemoUser): string {
  if (user.kind === 'admin') return '团';
  if (user.kind === 'unbound') return '新';
  return user.name.slice(-1);
}

interface ItemProps {
  hook: string;
  avatar: string;
  avatarTone: string;
  name: string;
  meta: string;
  active: boolean;
  onClick: () => void;
}

function Item({ hook, avatar, avatarTone, name, meta, active, onClick }: ItemProps) {
  return (
    <View className={`demo-switch__item ${hook} ${active ? 'demo-switch__item--active demo-user-active' : ''}`} onClick={onClick}>
      <View className={`demo-switch__avatar demo-switch__avatar--${avatarTone}`}>
        <Text>{avatar}</Text>
      </View>
      <View className='demo-switch__body'>
        <Text className='demo-switch__name'>{name}</Text>
        <Text className='demo-switch__meta'>{meta}</Text>
      </View>
      {active ? <Checked className='demo-switch__check' size={18} color={COLORS.brand} /> : <Text className='demo-switch__pick'>切换</Text>}
    </View>
  );
}

/**
 * H5 demo mode only: pick whom to act as (the committee, an officer, a new WeChat user, a student, or nobody).
 * The choice is sent as X-Demo-User on every request. The weapp build resolves this folder to index.weapp.tsx, which
 * renders nothing.
 */
export default function DemoUserSwitch({ users, current, onSelect }: DemoUserSwitchProps) {
  function renderGroup({ kind, title }: { kind: Kind; title: string }) {
    const members = users.filter((u) => u.kind === kind);
    if (members.length === 0) return null;
    return (
      <View key={kind} className={`demo-switch__group demo-switch__group--${kind}`}>
        <Text className='demo-switch__group-title'>
          {title}
          <Text className='demo-switch__group-count'> · {members.length}</Text>
        </Text>
        {members.map((u) => (
          <Item
            key={u.id}
            hook={demoUserHook(u.id)}
            avatar={avatarText(u)}
            avatarTone={u.kind}
            name={u.name}
            meta={u.description}
            active={u.id === current}
            onClick={() => onSelect(u.id)}
          />
        ))}
      </View>
    );
  }

  return (
    <View className='demo-switch demo-user-switch'>
      <View className='demo-switch__head'>
        <Text className='demo-switch__title'>演示模式：切换用户</Text>
        <Text className='demo-switch__hint'>仅本地演示环境可见</Text>
      </View>
      {GROUPS.filter((g) => g.kind !== 'student').map(renderGroup)}
      <View className='demo-switch__group demo-switch__group--anonymous'>
        <Text className='demo-switch__group-title'>访客（未登录微信）</Text>
        <Item
          hook='demo-user-none'
          avatar='?'
          avatarTone='anon'
          name='匿名访客'
          meta='没有微信身份：可浏览活动，不能绑定或报名'
          active={current === null}
          onClick={() => onSelect(null)}
        />
      </View>
      {GROUPS.filter((g) => g.kind === 'student').map(renderGroup)}
    </View>
  );
}
