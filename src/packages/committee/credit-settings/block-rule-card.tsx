import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import ToggleSwitch from '../components/ToggleSwitch';
import {
  blockDraftChanged,
  blockRuleErrorOf,
  fromBlockDraft,
  savedNote,
  toBlockDraft,
  type BlockRuleDraft,
  type BlockRuleErrors,
} from '../logic/block-rule-draft';
import { useBlockRuleStore } from '../stores/block-rule';

/**
 * 缺席限制报名 (issue 16), beside 缺席扣分 on 模块与毕业要求: the committee's optional rule that N no-shows in a term
 * block new sign-ups for some days. It is its own setting with its own 保存 (the server keeps it apart from the credit
 * settings, and turning it off lifts the running blocks at once, which the card then reports).
 */
export default function BlockRuleCard({ onSaved }: { onSaved: (message: string) => void }) {
  const { rule, error, saving } = useBlockRuleStore();
  const [draft, setDraft] = useState<BlockRuleDraft | null>(null);
  const [errors, setErrors] = useState<BlockRuleErrors>({});
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (rule) setDraft(toBlockDraft(rule));
  }, [rule]);

  if (!draft) {
    return (
      <View className='settings-page__card settings-block-rule'>
        <Text className='settings-page__card-title'>缺席限制报名</Text>
        <Text className='settings-page__card-sub settings-page__card-sub--tight'>{error ? `读取失败：${error}` : '正在读取…'}</Text>
        {error ? (
          <Text className='settings-page__retry block-rule-retry' onClick={() => void useBlockRuleStore.getState().load()}>
            重试
          </Text>
        ) : null}
      </View>
    );
  }

  function edit(change: Partial<BlockRuleDraft>) {
    // From the latest draft, not this render's: a tap and a keystroke may both arrive before the next render (a slow
    // phone), and the second must not undo the first (the switch turned on, then the days typed).
    setDraft((latest) => ({ ...latest!, ...change }));
    setErrors({});
    setNote(null);
  }

  async function submit() {
    const checked = fromBlockDraft(draft!);
    if (!checked.ok) return setErrors(checked.errors);
    const outcome = await useBlockRuleStore.getState().save(checked.input);
    if (!outcome.ok) return setErrors(blockRuleErrorOf(outcome.message));
    const line = savedNote(outcome.value);
    setNote(line);
    onSaved(outcome.value.enabled ? '限制规则已保存' : '限制规则已关闭');
  }

  const marks = draft.marksPerTerm.trim() || 'N';
  const days = draft.blockDays.trim() || 'N';
  const changed = rule ? blockDraftChanged(draft, rule) : true;

  return (
    <View className='settings-page__card settings-block-rule' data-enabled={String(rule?.enabled ?? false)}>
      <View className='settings-page__switch-line'>
        <View className='settings-page__switch-text'>
          <Text className='settings-page__card-title'>缺席限制报名</Text>
          <Text className='settings-page__card-sub settings-page__card-sub--tight'>同一学期多次报名后不来、也没请假的，暂停报名一段时间（默认关闭）</Text>
        </View>
        <ToggleSwitch hook='block-rule-toggle' on={draft.enabled} onChange={(on) => edit({ enabled: on })} />
      </View>

      <View className='settings-page__block'>
        <View className='settings-page__line'>
          <Text className='settings-page__line-key'>每学期缺席</Text>
          <Input
            className='settings-page__line-input block-rule-marks'
            type='number'
            value={draft.marksPerTerm}
            maxlength={3}
            disabled={!draft.enabled}
            onInput={(e) => edit({ marksPerTerm: e.detail.value })}
          />
          <Text className='settings-page__min-unit'>次，限制报名</Text>
          <Input
            className='settings-page__line-input block-rule-days'
            type='number'
            value={draft.blockDays}
            maxlength={3}
            disabled={!draft.enabled}
            onInput={(e) => edit({ blockDays: e.detail.value })}
          />
          <Text className='settings-page__min-unit'>天</Text>
        </View>
        {errors.marksPerTerm ? <Text className='settings-page__field-error field-error block-rule-marks-error'>{errors.marksPerTerm}</Text> : null}
        {errors.blockDays ? <Text className='settings-page__field-error field-error block-rule-days-error'>{errors.blockDays}</Text> : null}

        <View className='settings-page__explain block-rule-explain'>
          <Text className='settings-page__explain-title'>{draft.enabled ? '开启后，同学们会遇到' : '开启后会怎样'}</Text>
          <Text className='settings-page__explain-line'>
            {`· 报名成功的活动，既没签到、也没在活动结束一天内请假，记缺席 1 次；同一学期累计 ${marks} 次，从最近一次记缺席起 ${days} 天内不能报名新活动。`}
          </Text>
          <Text className='settings-page__explain-line'>· 被限制的同学报名时会看到原因（哪几次缺席）和解除的日期时间；已经报上的活动不受影响。</Text>
          <Text className='settings-page__explain-line'>· 请假获批或主办方更正签到后，那次缺席不再计入，限制随之缩短或解除。</Text>
          <Text className='settings-page__explain-line'>· 与上面的“缺席扣分”各管各的：扣分照常按上面的设置扣学分，这里只管能不能报名。</Text>
          <Text className='settings-page__explain-line'>· 关闭后，所有正在生效的报名限制立即解除。</Text>
        </View>
      </View>

      {errors.form ? <Text className='settings-page__error block-rule-error'>{errors.form}</Text> : null}
      {note ? <Text className='settings-page__saved block-rule-saved'>{note}</Text> : null}
      <Button className='settings-page__block-save block-rule-save' type='primary' fill={changed ? 'solid' : 'outline'} loading={saving} disabled={saving} onClick={() => void submit()}>
        保存限制规则
      </Button>
    </View>
  );
}
