import { Text, View } from '@tarojs/components';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../../../types/enums';
import { CATEGORY_COLORS } from '../../../../utils/categories';
import type { Dashboard } from '../../stores/dashboard';
import './index.scss';

type Month = Dashboard['months'][number];
export type MonthMeasure = 'attendances' | 'registrations';

interface Props {
  months: readonly Month[];
  measure: MonthMeasure;
  /** The month whose plan is listed under the chart (1–12). */
  selected: number;
  onSelect: (month: number) => void;
}

const total = (m: Month, measure: MonthMeasure) => CATEGORIES.reduce((s, c) => s + m[measure][c], 0);
const compact = (n: number) => (n >= 10000 ? `${Math.round(n / 1000) / 10}万` : String(n));

/**
 * Twelve columns, one per month, stacked by category (drawn with views: the same on weapp and H5, nothing to load);
 * under each a dot per plan item (filled: an event of that kind took place; hollow: not yet).
 */
export default function MonthChart({ months, measure, selected, onSelect }: Props) {
  const max = Math.max(1, ...months.map((m) => total(m, measure)));
  const current = months.find((m) => m.month === selected);
  return (
    <View className='month-chart'>
      <View className='month-chart__plot'>
        {months.map((m) => {
          const sum = total(m, measure);
          return (
            <View
              key={m.month}
              className={`month-chart__col month-col month-col-${m.month} ${m.month === selected ? 'month-chart__col--on' : ''}`}
              data-total={sum}
              onClick={() => onSelect(m.month)}
            >
              <Text className='month-chart__sum'>{sum ? compact(sum) : ''}</Text>
              <View className='month-chart__bar' style={{ height: `${Math.round((sum / max) * 100)}%` }}>
                {CATEGORIES.filter((c) => m[measure][c] > 0).map((c) => (
                  <View key={c} className='month-chart__seg' style={{ flexGrow: m[measure][c], backgroundColor: CATEGORY_COLORS[c].fg }} />
                ))}
              </View>
            </View>
          );
        })}
      </View>
      <View className='month-chart__axis'>
        {months.map((m) => (
          <View key={m.month} className='month-chart__tick' onClick={() => onSelect(m.month)}>
            <Text className={`month-chart__month ${m.month === selected ? 'month-chart__month--on' : ''}`}>{m.month}月</Text>
            <View className='month-chart__dots'>
              {m.plan.map((p, i) => (
                <View key={i} className={`month-chart__dot ${p.hasEvents ? 'month-chart__dot--done' : ''}`} />
              ))}
            </View>
          </View>
        ))}
      </View>
      <View className='month-chart__legend month-legend'>
        {CATEGORIES.map((c: Category) => (
          <View key={c} className='month-chart__key'>
            <View className='month-chart__swatch' style={{ backgroundColor: CATEGORY_COLORS[c].fg }} />
            <Text className='month-chart__key-text'>{CATEGORY_LABELS[c]}</Text>
          </View>
        ))}
        <View className='month-chart__key'>
          <View className='month-chart__dot month-chart__dot--done' />
          <Text className='month-chart__key-text'>计划事项已开展</Text>
        </View>
        <View className='month-chart__key'>
          <View className='month-chart__dot' />
          <Text className='month-chart__key-text'>尚未开展</Text>
        </View>
      </View>
      {current ? (
        <View className='month-chart__plan month-plan' data-month={current.month}>
          <Text className='month-chart__plan-title'>
            {current.month}月计划 · {current.events} 场活动 · {total(current, measure)} 人次
          </Text>
          {current.plan.length === 0 ? <Text className='month-chart__plan-none'>本月无计划事项</Text> : null}
          {current.plan.map((p, i) => (
            <View key={i} className={`month-chart__item plan-item ${p.hasEvents ? 'plan-item--done' : 'plan-item--todo'}`}>
              <Text className={`month-chart__mark ${p.hasEvents ? 'month-chart__mark--done' : ''}`}>{p.hasEvents ? '✓' : '○'}</Text>
              <Text className='month-chart__item-text'>{p.text}</Text>
              <Text className='month-chart__item-state'>{p.hasEvents ? '已开展' : '尚未开展'}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
