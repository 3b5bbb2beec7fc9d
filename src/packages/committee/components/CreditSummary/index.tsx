import { Text, View } from '@tarojs/components';
import { formatCredits, hoursText } from '../../../../utils/credits';
import { percent } from '../../logic/credit-input';
import type { OverviewTotals } from '../../stores/credits';
import './index.scss';

interface Props {
  totals: OverviewTotals;
  /** The overall graduation requirement, hundredths. */
  requirementOverall: number;
}

/** The whole view in four figures: students, average credits, how many meet the graduation requirement, hours. */
export default function CreditSummary({ totals, requirementOverall }: Props) {
  const share = percent(totals.metRequirement, totals.students);
  return (
    <View className='credit-summary credits-summary'>
      <View className='credit-summary__met'>
        <View className='credit-summary__met-head'>
          <Text className='credit-summary__key'>达到毕业要求</Text>
          <Text className='credit-summary__met-figure credits-met'>
            <Text className='credit-summary__big'>{totals.metRequirement}</Text> / {totals.students} 人 · {share}%
          </Text>
        </View>
        <View className='credit-summary__bar'>
          <View className='credit-summary__bar-fill' style={{ width: `${share}%` }} />
        </View>
        <Text className='credit-summary__note'>毕业要求：总分不少于 {formatCredits(requirementOverall)} 学分，且各模块达到最低要求</Text>
      </View>
      <View className='credit-summary__figures'>
        <View className='credit-summary__figure'>
          <Text className='credit-summary__value credits-average'>{formatCredits(totals.average)}</Text>
          <Text className='credit-summary__key'>人均学分</Text>
        </View>
        <View className='credit-summary__figure'>
          <Text className='credit-summary__value credits-with-credits'>{percent(totals.studentsWithCredits, totals.students)}%</Text>
          <Text className='credit-summary__key'>有学分的学生</Text>
        </View>
        <View className='credit-summary__figure'>
          <Text className='credit-summary__value credits-hours'>{hoursText(totals.hours).replace(' 小时', '')}</Text>
          <Text className='credit-summary__key'>志愿时长（小时）</Text>
        </View>
      </View>
    </View>
  );
}
