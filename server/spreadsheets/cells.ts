/** Turning raw cell text into the text an admin typed. Pure string work: never through floating point. */

/**
 * A number cell's raw value as plain digits: `2024010101` and `0123` stay as written, `2.0240101E9` becomes
 * `2024010100` (exactly the digits in the file, shifted), `2024.0` becomes `2024`. Anything else comes back unchanged.
 */
export function plainNumber(raw: string): string {
  // Digits alone are kept as written, leading zeros included (some writers store 0123 in a number cell).
  if (/^\d+$/.test(raw)) return raw;
  const m = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,3}))?$/.exec(raw);
  if (!m) return raw;
  const [, sign, int, frac = '', exp = '0'] = m;
  const e = Number(exp);
  if (e > 40 || e < -40) return raw;
  const digits = int + frac;
  const point = int.length + e;
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return sign === '-' && text !== '0' ? `-${text}` : text;
}

/**
 * Leading zeros that a number format shows: a student number 0123456 typed into a cell formatted `0000000` is stored
 * as 123456. Only formats made of zeros alone are applied; any other format leaves the value as stored.
 */
export function applyZeroPadding(value: string, formatCode: string | undefined): string {
  if (!formatCode || !/^0+$/.test(formatCode) || !/^\d+$/.test(value)) return value;
  return value.padStart(formatCode.length, '0');
}

/** OOXML escapes characters XML cannot carry as `_xHHHH_` (`_x000D_` is a carriage return, `_x005F_` an underscore). */
export function unescapeOoxml(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `B12` → column 1 (0-based), row 12; null when the reference is not a cell reference Excel could write. */
export function parseCellRef(ref: string): { column: number; row: number } | null {
  // By hand rather than by a regular expression: this runs for every cell of the sheet.
  let i = 0;
  let column = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower-case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  if (i === 0 || i > 3 || ref.length - i < 1 || ref.length - i > 7) return null;
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const digit = ref.charCodeAt(j) - 0x30;
    if (digit < 0 || digit > 9) return null;
    row = row * 10 + digit;
  }
  return { column: column - 1, row };
}

/** Column 0 → `A`, 27 → `AB`: how a problem names a column. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
