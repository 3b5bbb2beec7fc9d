import type { ActionInput, ActionOutput } from '../../../../types/actions';

/**
 * 缺席限制报名 as the committee types it (numbers as text), checked here with the server's bounds so that a mistake is
 * shown under its field before anything is sent. Pure, so the checks are tested without a page.
 */
export type BlockRuleView = ActionOutput<'getSignupBlockRule'>;
export type BlockRuleInput = ActionInput<'updateSignupBlockRule'>;

export interface BlockRuleDraft {
  enabled: boolean;
  marksPerTerm: string;
  blockDays: string;
}

export type BlockRuleField = 'marksPerTerm' | 'blockDays';
export type BlockRuleErrors = Partial<Record<BlockRuleField | 'form', string>>;

export const MARKS_BOUNDS = { min: 1, max: 20 } as const;
export const DAYS_BOUNDS = { min: 1, max: 90 } as const;

export function toBlockDraft(rule: BlockRuleView): BlockRuleDraft {
  return { enabled: rule.enabled, marksPerTerm: String(rule.marksPerTerm), blockDays: String(rule.blockDays) };
}

/** Digits typed on a Chinese keyboard may come full-width (３); they count as the same number. */
function wholeNumber(text: string): number | null {
  const plain = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d{1,4}$/.test(plain) ? Number(plain) : null;
}

/** The rule to send, or the errors to show (each in the words of the field it is under). */
export function fromBlockDraft(d: BlockRuleDraft): { ok: true; input: BlockRuleInput } | { ok: false; errors: BlockRuleErrors } {
  const errors: BlockRuleErrors = {};
  const marks = wholeNumber(d.marksPerTerm);
  const days = wholeNumber(d.blockDays);
  if (marks === null || marks < MARKS_BOUNDS.min || marks > MARKS_BOUNDS.max) errors.marksPerTerm = `缺席次数请填 ${MARKS_BOUNDS.min}–${MARKS_BOUNDS.max} 的整数`;
  if (days === null || days < DAYS_BOUNDS.min || days > DAYS_BOUNDS.max) errors.blockDays = `限制天数请填 ${DAYS_BOUNDS.min}–${DAYS_BOUNDS.max} 的整数`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { enabled: d.enabled, marksPerTerm: marks!, blockDays: days! } };
}

/**
 * The server's refusal under the field it names: its own sentences end with the field (“…（marksPerTerm）”), the
 * schema's name it (“字段“blockDays”格式不正确：最多 90 天”); anything else goes under the card.
 */
export function blockRuleErrorOf(message: string): BlockRuleErrors {
  const field = (['marksPerTerm', 'blockDays'] as const).find((f) => message.includes(f));
  if (!field) return { form: message };
  const schema = /格式不正确：(.+)$/.exec(message);
  const words = schema ? schema[1] : message.replace(/[（(][A-Za-z.]+[）)]\s*$/, '');
  return { [field]: words };
}

/** What saving did, in one line: the rule now in force, and after turning it off the blocks that were lifted. */
export function savedNote(saved: ActionOutput<'updateSignupBlockRule'>): string {
  if (saved.enabled) return `已开启：每学期缺席 ${saved.marksPerTerm} 次，限制报名 ${saved.blockDays} 天`;
  return saved.lifted > 0 ? `已关闭，${saved.lifted} 位同学正在生效的报名限制已随之解除` : '已关闭，当时没有正在生效的报名限制';
}

/** Whether the draft differs from what the server holds (the save button says so). */
export function blockDraftChanged(d: BlockRuleDraft, rule: BlockRuleView): boolean {
  const now = toBlockDraft(rule);
  return d.enabled !== now.enabled || d.marksPerTerm.trim() !== now.marksPerTerm || d.blockDays.trim() !== now.blockDays;
}
