import { applyZeroPadding, columnLetter, parseCellRef, plainNumber, unescapeOoxml } from '../../server/spreadsheets/cells';
import { headerKey } from '../../server/features/roster/headers';

describe('cell text', () => {
  it.each([
    ['2024010101', '2024010101'],
    ['2.0240101E9', '2024010100'],
    ['2.024010101E+9', '2024010101'],
    ['1.23456789012345E+14', '123456789012345'],
    ['2024.0', '2024'],
    ['2024.50', '2024.5'],
    ['1.5E-3', '0.0015'],
    ['-3', '-3'],
    ['007', '007'],
    ['1E+999', '1E+999'],
    ['abc', 'abc'],
  ])('writes the number %s as %s, by moving digits, never through floating point', (raw, text) => {
    expect(plainNumber(raw)).toBe(text);
  });

  it('pads with the zeros of a zeros-only number format and leaves other formats alone', () => {
    expect(applyZeroPadding('12345', '000000')).toBe('012345');
    expect(applyZeroPadding('1234567', '000000')).toBe('1234567');
    expect(applyZeroPadding('12345', '0.00')).toBe('12345');
    expect(applyZeroPadding('12.5', '000000')).toBe('12.5');
    expect(applyZeroPadding('12345', undefined)).toBe('12345');
  });

  it('turns _xHHHH_ escapes into the characters they stand for', () => {
    expect(unescapeOoxml('a_x000D__x000A_b_x005F_x')).toBe('a\r\nb_x');
  });

  it.each([
    ['A1', 0, 1],
    ['b12', 1, 12],
    ['Z3', 25, 3],
    ['AA10', 26, 10],
    ['XFD1048576', 16383, 1048576],
  ])('reads the cell reference %s', (ref, column, row) => {
    expect(parseCellRef(ref)).toEqual({ column, row });
  });

  it.each([['1A'], ['A'], ['ABCD1'], ['A1B'], [''], ['A12345678']])('refuses the cell reference "%s"', (ref) => {
    expect(parseCellRef(ref)).toBeNull();
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('header keys', () => {
  it('fold width, case, spaces, stars and bracketed notes', () => {
    expect(headerKey(' 学 号（必填）* ')).toBe('学号');
    expect(headerKey('Student_No')).toBe('studentno');
    expect(headerKey('身份证后６位')).toBe('身份证后6位');
    expect(headerKey('__proto__')).toBe('proto');
  });
});
