import { Text, View } from '@tarojs/components';
import type { DemoIdentityChipProps } from './props';
import './index.scss';

/**
 * H5 demo mode: who the tester is acting as ("演示身份：张三"); tapping leads to the switch on 我的.
 * The weapp build resolves this folder to index.weapp.tsx, which renders nothing.
 */
export default function DemoIdentityChip({ name, onClick, tone = 'light' }: DemoIdentityChipProps) {
  return (
    <View className={`demo-chip demo-chip--${tone} demo-identity`} onClick={onClick}>
      <Text className='demo-chip__dot' />
      <Text className='demo-chip__text'>演示身份：{name ?? '匿名访客'}</Text>
      <Text className='demo-chip__switch'>切换</Text>
    </View>
  );
}
