import { Text, View } from '@tarojs/components';
import type { CreditGroupView, CreditModuleView } from '../../../../../types/models';
import { formatCredits } from '../../../../utils/credits';
import { percent } from '../../logic/credit-input';
import { moduleColor } from '../../logic/module-colors';
import './index.scss';
import { tallyOf } from '../../../../../core/tally';

interface Props {
  group: CreditGroupView;
  rank: number;
  modules: readonly CreditModuleView[];
  /** Show the college under a branch's name (branches of several colleges in one list). */
  showCollege: boolean;
  /** Grouped by college: tapping opens its branches. */
  onOpen?: () => void;
}

/**
 * One college or branch: average credits per student, how many meet the graduation requirement, and what its
 * credits are made of (a stacked bar, one colour per module as on the module bars).
 */
export default function CreditGroupCard({ group, rank, modules, showCollege, onOpen }: Props) {
  const met = percent(group.metRequirement, group.students);
  const parts = modules.map((m, i) => ({ id: m.id, amount: tallyOf(group.byModule, m.id), color: moduleColor(i) })).filter((p) => p.amount > 0);
  const stacked = parts.reduce((s, p) => s + p.amount, 0);
  return (
    <View className={`credit-group-card credit-group ${onOpen ? 'credit-group-card--open' : ''}`} data-group={group.group} onClick={onOpen}>
      <View className='credit-group-card__head'>
        <Text className={`credit-group-card__rank ${rank <= 3 ? 'credit-group-card__rank--top' : ''}`}>{rank}</Text>
        <View className='credit-group-card__who'>
          <Text className='credit-group-card__name credit-group-name'>{group.group}</Text>
          <Text className='credit-group-card__meta'>
            {showCollege ? `${group.college} · ` : ''}
            {group.students} 人 · 志愿 {Math.round(group.hours * 10) / 10} 小时
          </Text>
        </View>
        <View className='credit-group-card__avg'>
          <Text className='credit-group-card__avg-value credit-group-average'>{formatCredits(group.average)}</Text>
          <Text className='credit-group-card__avg-key'>人均学分</Text>
        </View>
      </View>

      <View className='credit-group-card__stack'>
        {stacked > 0 ? (
          parts.map((p) => <View key={p.id} className='credit-group-card__part' style={{ width: `${(p.amount / stacked) * 100}%`, backgroundColor: p.color }} />)
        ) : (
          <View className='credit-group-card__part credit-group-card__part--none' />
        )}
      </View>

      <View className='credit-group-card__foot'>
        <Text className={`credit-group-card__met credit-group-met ${group.metRequirement > 0 ? '' : 'credit-group-card__met--none'}`}>
          达到毕业要求 {group.metRequirement} 人 · {met}%
        </Text>
        {onOpen ? <Text className='credit-group-card__open credit-group-open'>各团支部 ›</Text> : null}
      </View>
    </View>
  );
}
