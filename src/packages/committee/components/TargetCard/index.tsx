import { Text, View } from '@tarojs/components';
import type { Dashboard } from '../../stores/dashboard';
import './index.scss';

type Target = Dashboard['targets'][number];

const number = (n: number) => n.toLocaleString('en-US');
const amount = (t: Target, n: number) => (t.unit === '%' ? `${Math.round(n * 10) / 10}%` : `${number(Math.round(n))} ${t.unit}`);

/**
 * One yearly target: the figure so far against the target of the scope shown (the school's, or a college's share of
 * it), a bar, a mark for what should be reached by the end of this month (pro rata), and ✓ once met. Test hooks:
 * `.target-card.target-<metric>[data-metric][data-actual][data-expected][data-scope]`, `.target-actual`,
 * `.target-percent`, `.target-met`, `.target-expected`, `.target-goal`, `.target-behind` / `.target-ahead`.
 */
export default function TargetCard({ target: t }: { target: Target }) {
  const percent = Math.max(0, Math.min(100, Math.round(t.ratio * 100)));
  const expectedPercent = t.value > 0 ? Math.max(0, Math.min(100, Math.round((t.expected / t.value) * 100))) : 0;
  const actual = t.unit === '%' ? `${Math.round(t.actual * 10) / 10}%` : number(t.actual);
  const goal = `${t.comparator === '>=' ? '≥' : '>'} ${amount(t, t.value)}`;
  const behind = !t.met && t.actual < t.expected;
  return (
    <View
      className={`target-card target-${t.metric} ${t.met ? 'target-card--met target-met' : ''}`}
      data-metric={t.metric}
      data-actual={t.actual}
      data-expected={t.expected}
      data-scope={t.scope}
    >
      <View className='target-card__head'>
        <Text className='target-card__label'>{t.label}</Text>
        {t.met ? <Text className='target-card__met'>✓ 已达标</Text> : null}
      </View>
      <View className='target-card__figure'>
        <Text className='target-card__actual target-actual'>{actual}</Text>
        {t.unit === '%' ? null : <Text className='target-card__unit'>{t.unit}</Text>}
        <Text className='target-card__percent target-percent'>{Math.round(t.ratio * 100)}%</Text>
      </View>
      <View className='target-card__track'>
        <View className='target-card__fill' style={{ width: `${percent}%` }} />
        {t.met ? null : <View className='target-card__expected-mark' style={{ left: `${expectedPercent}%` }} />}
      </View>
      <Text className='target-card__goal target-goal'>
        {t.scope === 'college_share' ? '本学院份额' : '全校目标'} {goal}
        {t.scope === 'college_share' && t.unit !== '%' ? `（全校 ${number(t.schoolValue)}）` : ''}
      </Text>
      {t.met ? null : (
        <Text className={`target-card__pace target-expected ${behind ? 'target-card__pace--behind target-behind' : 'target-ahead'}`}>
          {behind ? '落后进度' : '进度正常'}：本月底应达 {amount(t, t.expected)}
        </Text>
      )}
    </View>
  );
}
