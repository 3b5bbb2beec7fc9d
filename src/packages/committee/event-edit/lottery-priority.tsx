import { Text, View } from '@tarojs/components';
import ChoiceChips from '../components/ChoiceChips';
import {
  addRule,
  changeRule,
  MAX_PRIORITY_RULES,
  PRIORITY_WEIGHTS,
  removeRule,
  ruleLabel,
  type PriorityRule,
  type RuleDefaults,
} from '../logic/lottery-priority';
import './lottery-priority.scss';

interface Props {
  rules: readonly PriorityRule[];
  modules: ReadonlyArray<{ id: string; name: string }>;
  colleges: readonly string[];
  defaults: RuleDefaults;
  /** Published: the rules were committed with the seed and shown to everyone. */
  locked: boolean;
  error?: string;
  onChange: (rules: PriorityRule[]) => void;
}

const WEIGHT_OPTIONS = PRIORITY_WEIGHTS.map((w) => ({ value: String(w), label: `×${w}` }));
const KIND_TITLE: Record<PriorityRule['kind'], string> = { new_to_module: '该模块尚无学分的同学', college: '某学院的同学' };

/**
 * 抽签优先 (issue 16) under 抽签报名: up to three rules that give some applicants more chances (×2–×5), each shown as
 * the event page will show it. After publishing they are part of the commitment everyone can check, so read-only.
 */
export default function LotteryPriority({ rules, modules, colleges, defaults, locked, error, onChange }: Props) {
  if (locked) {
    return (
      <View className='lottery-priority lottery-priority--locked event-lottery-priority'>
        <Text className='lottery-priority__title'>抽签优先</Text>
        {rules.length ? (
          rules.map((r, i) => (
            <Text key={i} className='lottery-priority__label lottery-priority-label'>
              {ruleLabel(r, modules)}
            </Text>
          ))
        ) : (
          <Text className='lottery-priority__label lottery-priority-label'>未设优先：每位申请的同学中签机会相同</Text>
        )}
        <Text className='lottery-priority__note lottery-priority-locked'>
          发布时已和抽签承诺值一起公布，不能再修改：同学们据此核对抽签是否公平，改动会让核对失去意义。
        </Text>
      </View>
    );
  }

  const moduleOptions = modules.map((m) => ({ value: m.id, label: m.name }));
  const collegeOptions = colleges.map((c) => ({ value: c, label: c }));

  return (
    <View className={`lottery-priority event-lottery-priority ${error ? 'field-error-on' : ''}`}>
      <Text className='lottery-priority__title'>抽签优先（选填）</Text>
      <Text className='lottery-priority__note'>
        {`符合条件的同学中签机会是其他人的 N 倍（2–5 倍），最多 ${MAX_PRIORITY_RULES} 条；同时符合几条的按最高一条算。发布时随承诺值公布，发布后不能修改。`}
      </Text>
      {rules.map((r, i) => (
        <View key={i} className='lottery-priority__rule lottery-priority-rule' data-kind={r.kind}>
          <View className='lottery-priority__rule-head'>
            <Text className='lottery-priority__rule-title'>{KIND_TITLE[r.kind]}</Text>
            <Text className='lottery-priority__remove lottery-priority-remove' onClick={() => onChange(removeRule(rules, i))}>
              删除
            </Text>
          </View>
          {r.kind === 'new_to_module' ? (
            <ChoiceChips label='模块' hook={`priority-module-${i}`} options={moduleOptions} value={r.module} onChange={(m) => onChange(changeRule(rules, i, { module: m }))} />
          ) : (
            <ChoiceChips label='学院' hook={`priority-college-${i}`} options={collegeOptions} value={r.college} onChange={(c) => onChange(changeRule(rules, i, { college: c }))} />
          )}
          <ChoiceChips label='中签机会' hook={`priority-weight-${i}`} options={WEIGHT_OPTIONS} value={String(r.weight)} onChange={(w) => onChange(changeRule(rules, i, { weight: Number(w) }))} />
          <Text className='lottery-priority__preview'>活动页显示：</Text>
          <Text className='lottery-priority__label lottery-priority-label'>{ruleLabel(r, modules)}</Text>
        </View>
      ))}
      {error ? <Text className='lottery-priority__error field-error lottery-priority-error'>{error}</Text> : null}
      {rules.length < MAX_PRIORITY_RULES ? (
        <View className='lottery-priority__adds'>
          <Text className='lottery-priority__add lottery-priority-add-module' onClick={() => onChange(addRule(rules, 'new_to_module', defaults))}>
            ＋ 本模块尚无学分的同学
          </Text>
          <Text className='lottery-priority__add lottery-priority-add-college' onClick={() => onChange(addRule(rules, 'college', defaults))}>
            {defaults.college ? `＋ ${defaults.college}的同学` : '＋ 某学院的同学'}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
