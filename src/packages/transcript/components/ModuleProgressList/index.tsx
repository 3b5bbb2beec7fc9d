import { Text, View } from '@tarojs/components';
import type { ModuleProgressView } from '../../../../../types/models';
import { formatCredits, progressPercent } from '../../../../utils/credits';
import './index.scss';

interface Props {
  modules: ModuleProgressView[];
}

/**
 * Credits by module against the graduation requirement: have / need and a bar per module, ✓ once met. A module
 * without a requirement shows only what was earned.
 */
export default function ModuleProgressList({ modules }: Props) {
  return (
    <View className='module-list'>
      {modules.map((m) => (
        <View key={m.id} className={`module-row ${m.met ? 'module-row--met' : ''}`} data-module={m.id} data-met={m.met ? 'yes' : 'no'}>
          <View className='module-row__line'>
            <Text className='module-row__name module-name'>{m.name}</Text>
            <View className='module-row__figures'>
              <Text className='module-row__have module-have'>{formatCredits(m.have)}</Text>
              {m.need > 0 ? <Text className='module-row__need'>{`/ ${formatCredits(m.need)}`}</Text> : null}
              <Text className='module-row__unit'>学分</Text>
              {m.met ? <Text className='module-row__met module-met'>✓</Text> : null}
            </View>
          </View>
          {m.need > 0 ? (
            <View className='module-row__track'>
              <View className='module-row__bar' style={{ width: `${progressPercent(m.have, m.need)}%` }} />
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
