import { blockDraftChanged, blockRuleErrorOf, fromBlockDraft, savedNote, toBlockDraft } from '../../src/packages/committee/logic/block-rule-draft';
import { firstWrongField } from '../../src/packages/committee/logic/first-wrong-field';
import { newDraft, toFields } from '../../src/packages/committee/logic/event-form';
import { addRule, changeRule, lotteryFieldError, removeRule, ruleLabel, rulesProblem } from '../../src/packages/committee/logic/lottery-priority';
import { describePriority } from '../../core/lottery/priority';
import { TEST_MOMENT } from '../support/test-moment';

/** The committee's forms for fair seats (issue 16): 缺席限制报名 on 模块与毕业要求, and 抽签优先 in 发布活动. */
describe('缺席限制报名 as the committee types it', () => {
  const rule = { enabled: false, marksPerTerm: 3, blockDays: 7 };

  it('starts from the rule the server holds and sends whole numbers, full-width digits included', () => {
    const draft = toBlockDraft(rule);
    expect(draft).toEqual({ enabled: false, marksPerTerm: '3', blockDays: '7' });
    expect(fromBlockDraft({ enabled: true, marksPerTerm: ' ２ ', blockDays: '14' })).toEqual({ ok: true, input: { enabled: true, marksPerTerm: 2, blockDays: 14 } });
  });

  it.each([
    ['0', '7', 'marksPerTerm', '缺席次数请填 1–20 的整数'],
    ['21', '7', 'marksPerTerm', '缺席次数请填 1–20 的整数'],
    ['2.5', '7', 'marksPerTerm', '缺席次数请填 1–20 的整数'],
    ['3', '', 'blockDays', '限制天数请填 1–90 的整数'],
    ['3', '91', 'blockDays', '限制天数请填 1–90 的整数'],
  ])('refuses %p times / %p days under the field that is wrong, in Chinese', (marks, days, field, words) => {
    const checked = fromBlockDraft({ enabled: true, marksPerTerm: marks, blockDays: days });
    expect(checked).toEqual({ ok: false, errors: { [field]: words } });
  });

  it('puts the server’s refusal under the field it names, without the field’s code name', () => {
    expect(blockRuleErrorOf('每学期缺席次数应为 1–20 的整数（marksPerTerm）')).toEqual({ marksPerTerm: '每学期缺席次数应为 1–20 的整数' });
    expect(blockRuleErrorOf('字段“blockDays”格式不正确：最多 90 天')).toEqual({ blockDays: '最多 90 天' });
    expect(blockRuleErrorOf('没有权限')).toEqual({ form: '没有权限' });
  });

  it('says after saving what is now in force, and how many running blocks turning it off lifted', () => {
    expect(savedNote({ enabled: true, marksPerTerm: 2, blockDays: 5, lifted: 0 })).toBe('已开启：每学期缺席 2 次，限制报名 5 天');
    expect(savedNote({ enabled: false, marksPerTerm: 2, blockDays: 5, lifted: 4 })).toBe('已关闭，4 位同学正在生效的报名限制已随之解除');
    expect(savedNote({ enabled: false, marksPerTerm: 2, blockDays: 5, lifted: 0 })).toBe('已关闭，当时没有正在生效的报名限制');
  });

  it('knows whether the draft differs from the server’s rule', () => {
    expect(blockDraftChanged(toBlockDraft(rule), rule)).toBe(false);
    expect(blockDraftChanged({ ...toBlockDraft(rule), enabled: true }, rule)).toBe(true);
    expect(blockDraftChanged({ ...toBlockDraft(rule), blockDays: ' 7 ' }, rule)).toBe(false);
  });
});

describe('抽签优先 in 发布活动', () => {
  const modules = [{ id: 'ideology', name: '思想引领' }];
  const defaults = { module: 'ideology', college: '医学院' };

  it('adds a rule for the event’s own module and one for the host college, each ×2, at most three', () => {
    let rules = addRule([], 'new_to_module', defaults);
    rules = addRule(rules, 'college', defaults);
    expect(rules).toEqual([
      { kind: 'new_to_module', module: 'ideology', weight: 2 },
      { kind: 'college', college: '医学院', weight: 2 },
    ]);
    // A second rule of a kind already there starts empty (the organiser picks), and a fourth is not added.
    rules = addRule(rules, 'college', defaults);
    expect(rules[2]).toEqual({ kind: 'college', college: '', weight: 2 });
    expect(addRule(rules, 'new_to_module', defaults)).toHaveLength(3);
    expect(removeRule(rules, 0).map((r) => r.kind)).toEqual(['college', 'college']);
  });

  it('shows a rule in the very words the event page’s 抽签 card shows', () => {
    const rule = changeRule(addRule([], 'new_to_module', defaults), 0, { weight: 3 })[0];
    expect(ruleLabel(rule, modules)).toBe(`优先：${describePriority(rule, () => '思想引领')}`);
    expect(ruleLabel(rule, modules)).toBe('优先：思想引领模块尚无学分的同学中签机会 ×3');
    expect(ruleLabel({ kind: 'college', college: '', weight: 2 }, modules)).toBe('（请选择学院）');
  });

  it('refuses what the server would refuse, in its words without the field’s code name', () => {
    expect(rulesProblem([{ kind: 'college', college: '', weight: 2 }])).toBe('请为每条优先规则选好学院或模块');
    expect(rulesProblem([{ kind: 'college', college: '医学院', weight: 2 }, { kind: 'college', college: '医学院', weight: 3 }])).toBe('抽签优先规则重复了');
    expect(rulesProblem([{ kind: 'college', college: '医学院', weight: 2 }])).toBeNull();
  });

  it('keeps a lottery draft with a rule it cannot send from being sent, the error on the rules', () => {
    const draft = { ...newDraft(TEST_MOMENT.getTime()), lottery: true, lotteryPriority: [{ kind: 'college' as const, college: '', weight: 2 }] };
    const checked = toFields(draft);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.lotteryPriority).toBe('请为每条优先规则选好学院或模块');
    expect(firstWrongField({ lotteryPriority: 'x', minStayRatio: 'y' })).toBe('event-lottery-priority');
    // A first-come event sends no rules, whatever the draft still holds.
    const plain = toFields({ ...draft, lottery: false });
    expect(plain.ok && plain.fields.lotteryPriority).toEqual([]);
  });

  it('puts the server’s refusals of the lottery’s terms on the rules, in Chinese', () => {
    expect(lotteryFieldError('INVALID_INPUT', '抽签优先的倍数应为 2–5 的整数（lotteryPriority.weight）')).toEqual({ path: 'lotteryPriority', message: '抽签优先的倍数应为 2–5 的整数' });
    expect(lotteryFieldError('INVALID_INPUT', '字段“fields.lotteryPriority.0.weight”格式不正确：倍数最多为 5')).toEqual({ path: 'lotteryPriority', message: '倍数最多为 5' });
    expect(lotteryFieldError('INVALID_INPUT', '社会实践团队按团队报名，不能抽签（signupMode）')).toEqual({ path: 'signupMode', message: '社会实践团队按团队报名，不能抽签' });
    expect(lotteryFieldError('LOTTERY_TERMS_LOCKED', '活动发布后，报名方式和抽签优先规则不能再修改')?.path).toBe('lotteryPriority');
    expect(lotteryFieldError('INVALID_INPUT', '字段“fields.title”格式不正确：请填写标题')).toBeNull();
  });
});
