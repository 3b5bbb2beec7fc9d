import { Text, View } from '@tarojs/components';
import type { Dashboard } from '../../stores/dashboard';
import './index.scss';

type Target = Dashboard['targets'][number];

const number = (n: number) => n.toLocaleString('en-US');

/** One yearly target: the figure so far against the plan's, a bar, and ✓ once met. */
export default function TargetCard({ target: t }: { target: Target }) {
  const percent = Math.max(0, Math.min(100, Math.round(t.ratio * 100)));
  const actual = t.unit === '%' ? `${Math.round(t.actual * 10) / 10}%` : number(t.actual);
  const goal = `${t.comparator === '>=' ? '≥' : '>'} ${t.unit === '%' ? `${t.value}%` : `${number(t.value)} ${t.unit}`}`;
  return (
    <View className={`target-card target-${t.metric} ${t.met ? 'target-card--met target-met' : ''}`} data-metric={t.metric} data-actual={t.actual}>
      <View className='target-card__head'>
        <Text className='target-card__label'>{t.label}</Text>
        {t.met ? <Text className='target-card__met'>✓ 已达标</Text> : null}
      </View>
      <View className='target-card__figure'>
        <Text className='target-card__actual target-actual'>{actual}</Text>
        {t.unit === '%' ? null : <Text className='target-card__unit'>{t.unit}</Text>}
      </View>
      <View className='target-card__track'>
        <View className='target-card__fill' style={{ width: `${percent}%` }} />
      </View>
      <View className='target-card__foot'>
        <Text className='target-card__goal'>目标 {goal}</Text>
        <Text className='target-card__percent target-percent'>{Math.round(t.ratio * 100)}%</Text>
      </View>
    </View>
  );
}
