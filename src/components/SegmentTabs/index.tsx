import { Text, View } from '@tarojs/components';
import './index.scss';

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
  /** A number beside the label (how many are in that tab); `due` draws it as a red badge. */
  count?: number;
  due?: boolean;
}

interface Props<T extends string> {
  /**
   * How it looks: `segment`, a grey rail with the chosen one raised in white (filters, lists by state); `underline`,
   * plain labels on a white bar with a short red line under the chosen one (the catalogue's categories); `pill`, a
   * rounded rail whose chosen one fills red (签到 / 签退 on the student's pass); `switch`, a rounded rail with a white
   * knob (签到 / 签退 on the officer's scanner; `onBrand` on a red band).
   */
  look?: 'segment' | 'underline' | 'pill' | 'switch';
  onBrand?: boolean;
  /** Test hooks: each option gets `<hook>-<value>`, the chosen one `<hook>--active` (or `activeHook`). */
  hook: string;
  activeHook?: string;
  /** Test hook on each count. */
  countHook?: string;
  /** Extra classes on the rail (its place on the page, a container's test hook). */
  className?: string;
  value: T;
  options: ReadonlyArray<SegmentOption<T>>;
  /** Called on every tap, the chosen option's too (a list may reload on it). */
  onChange: (value: T) => void;
}

/**
 * One control for choosing among a few options shown side by side: drawn with plain views (NutUI Tabs measure their
 * titles with SelectorQuery, which the weapp test simulator does not provide, and a few fixed labels need no
 * scrolling).
 */
export default function SegmentTabs<T extends string>({ look = 'segment', onBrand = false, hook, activeHook, countHook, className = '', value, options, onChange }: Props<T>) {
  return (
    <View className={`segment-tabs segment-tabs--${look} ${onBrand ? 'segment-tabs--on-brand' : ''} ${className}`}>
      {options.map((o) => {
        const active = o.value === value;
        return (
          <View
            key={o.value}
            className={`segment-tabs__item ${hook}-${o.value} ${active ? `segment-tabs__item--active ${activeHook ?? `${hook}--active`}` : ''}`}
            onClick={() => onChange(o.value)}
          >
            <Text className='segment-tabs__label'>{o.label}</Text>
            {o.count !== undefined ? (
              <Text className={`segment-tabs__count ${o.due ? 'segment-tabs__count--due' : ''} ${countHook ?? ''}`}>{o.count}</Text>
            ) : null}
            {look === 'underline' && active ? <View className='segment-tabs__line' /> : null}
          </View>
        );
      })}
    </View>
  );
}
