import { Text, View } from '@tarojs/components';
import type { CreditModuleView } from '../../../../../types/models';
import { formatCredits } from '../../../../utils/credits';
import { moduleColor } from '../../logic/module-colors';
import './index.scss';
import { tallyOf } from '../../../../../core/tally';

interface Props {
  modules: readonly CreditModuleView[];
  /** Hundredths per module id, summed over the view. */
  byModule: Record<string, number>;
  students: number;
}

/**
 * Credits per module as horizontal bars (pure CSS, no chart library): the longest bar is the module with the most
 * credits; beside it the sum and the average per student.
 */
export default function ModuleBars({ modules, byModule, students }: Props) {
  const max = Math.max(1, ...modules.map((m) => tallyOf(byModule, m.id)));
  // Per student, in hundredths; a module few have earned reads "<0.01", not a misleading 0.
  const perStudent = (sum: number) => {
    if (students <= 0 || sum === 0) return '0';
    const avg = Math.round(sum / students);
    return avg === 0 ? '<0.01' : formatCredits(avg);
  };
  return (
    <View className='module-bars credits-modules'>
      <Text className='module-bars__title'>各模块学分</Text>
      {modules.map((m, i) => {
        const sum = tallyOf(byModule, m.id);
        const width = sum > 0 ? Math.max(2, Math.round((sum / max) * 100)) : 0;
        return (
          <View key={m.id} className='module-bars__row module-bar' data-module={m.id}>
            <View className='module-bars__head'>
              <Text className='module-bars__name module-bar-name'>{m.name}</Text>
              <Text className='module-bars__figure module-bar-total'>
                {formatCredits(sum)} 学分
                <Text className='module-bars__avg'> · 人均 {perStudent(sum)}</Text>
              </Text>
            </View>
            <View className='module-bars__track'>
              <View className='module-bars__fill' style={{ width: `${width}%`, backgroundColor: moduleColor(i) }} />
            </View>
          </View>
        );
      })}
    </View>
  );
}
