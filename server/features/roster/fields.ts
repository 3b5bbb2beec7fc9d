/**
 * One cell of a roster column → the value stored, or the reason it cannot be. Pure; the messages are the part of a
 * sentence after 「第 N 行：」.
 */
export type FieldResult<T> =
  | { ok: true; value: T; warning?: { missing: boolean; message: string } }
  | { ok: false; missing: boolean; message: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const okWithWarning = <T>(value: T, missing: boolean, message: string): FieldResult<T> => ({ ok: true, value, warning: { missing, message } });
const no = (message: string): FieldResult<never> => ({ ok: false, missing: false, message });
const blank = (message: string): FieldResult<never> => ({ ok: false, missing: true, message });

/** 6–20 digits or letters; full-width digits are folded, letters upper-cased (so B2024… and b2024… are one student). */
export function parseStudentNo(raw: string): FieldResult<string> {
  if (!raw) return blank('学号为空');
  const value = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!/^[0-9A-Z]{6,20}$/.test(value)) return no(`学号「${clip(raw)}」格式不对，应为 6–20 位数字或字母`);
  return ok(value);
}

/** 1–30 letters (any script), with the separators names use: 买买提·艾力, Anna Smith, O'Neil; no digits. */
export function parseName(raw: string): FieldResult<string> {
  if (!raw) return blank('姓名为空');
  const value = raw.replace(/\s+/g, ' ');
  if ([...value].length > 30) return no(`姓名「${clip(raw)}」超过 30 个字`);
  if (/\d/u.test(value.normalize('NFKC'))) return no(`姓名「${clip(raw)}」含有数字，请填写真实姓名`);
  if (!/^\p{L}[\p{L}\p{M}·•.'’ -]*$/u.test(value)) return no(`姓名「${clip(raw)}」含有符号，请填写真实姓名`);
  return ok(value);
}

/** Free text of at most 50 characters (学院, 班级, 团支部). */
export function parseText(label: string, raw: string): FieldResult<string> {
  if (!raw) return blank(`${label}为空`);
  if ([...raw].length > 50) return no(`${label}「${clip(raw)}」超过 50 个字`);
  return ok(raw);
}

/** 2024, 2024级, 2024 级, 24级 → 2024级. 届 (the year of graduating) is refused: it is not the grade. */
export function parseGrade(raw: string): FieldResult<string> {
  if (!raw) return blank('年级为空');
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d{4}|\d{2})(级|年级)?$/.exec(text);
  if (m) {
    const year = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    if (year >= 2000 && year <= 2099) return ok(`${year}级`);
  }
  return no(`年级「${clip(raw)}」无法识别，请填写入学年份，如 2024 或 2024级`);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '团员', '共青团员', '√', '✓', '✔']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '群众', '非团员', '不是', '×', '✗']);

/**
 * 是/否 and the usual variants. Blank means 否 with a warning: a roster from the academic system often leaves the
 * column empty for those who are not members, and refusing those rows would block the import of whole classes.
 */
export function parseLeagueMember(raw: string): FieldResult<boolean> {
  if (!raw) return okWithWarning(false, true, '是否团员为空，已按「否」导入');
  const key = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return no(`是否团员「${clip(raw)}」无法识别，请填写 是 或 否`);
}

/** Optional: an 11-digit mainland mobile number (spaces, dashes and +86 allowed); a bad one is dropped with a warning. */
export function parsePhone(raw: string): FieldResult<string | undefined> {
  if (!raw) return ok(undefined);
  const digits = raw.normalize('NFKC').replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return ok(digits);
  return okWithWarning(undefined, false, `手机号「${clip(raw)}」不是 11 位手机号，已忽略该手机号`);
}

/**
 * Optional: the ID number's last six characters, five digits and a digit or X. A short value is most often a number
 * cell that lost its leading zero, which the message says.
 */
export function parseSecondFactor(raw: string): FieldResult<string | undefined> {
  if (!raw) return ok(undefined);
  const value = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (/^\d{5}[\dX]$/.test(value)) return ok(value);
  const hint = /^\d{1,5}$/.test(value) ? '（若开头是 0，请把该列设为「文本」格式后重新填写）' : '';
  return no(`身份证后六位应为 6 位，前 5 位是数字、最后一位是数字或 X${hint}`);
}

/** What a message quotes of a cell: at most 20 characters. */
function clip(raw: string): string {
  const chars = [...raw];
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : raw;
}
