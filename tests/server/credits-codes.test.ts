import { groupShareCode, maskStudentNo, newShareCode, normaliseShareCode, shareCodeHash, shareIdOf } from '../../server/features/credits/share-code';
import { parseAwardAmount } from '../../server/features/credits/award-file';
import { appealTarget, attendanceTarget, eventLengthHours, ruleText } from '../../server/features/credits/settle-attendance';
import { NOW, makeEvent } from '../support/factories';

/** The small rules under the credit actions: verification codes, amounts typed in a file, what a rule reads as. */
describe('verification codes', () => {
  it('are 16 characters of Crockford base32 (no I, L, O, U), from 80 random bits, grouped by four', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newShareCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const seen = new Set([...codes].join(''));
    expect(seen.size).toBe(32); // every symbol turns up
    expect(newShareCode(() => Buffer.alloc(10, 0))).toBe('0000000000000000');
    expect(newShareCode(() => Buffer.alloc(10, 0xff))).toBe('ZZZZZZZZZZZZZZZZ');
    expect(groupShareCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
  });

  it('read what people type: case, dashes and spaces do not matter, O is 0, I and L are 1; anything else is no code', () => {
    expect(normaliseShareCode(' abcd-efgh jkmn–pqrs ')).toBe('ABCDEFGHJKMNPQRS');
    expect(normaliseShareCode('O0IL-0000-0000-0000')).toBe('0011000000000000');
    expect(normaliseShareCode('ＡＢＣＤ-ＥＦＧＨ-ＪＫＭＮ-ＰＱＲＳ')).toBe('ABCDEFGHJKMNPQRS'); // full-width, from a Chinese IME
    expect(normaliseShareCode('ABCD-EFGH-JKMN-PQRU')).toBeNull(); // U is not a symbol
    expect(normaliseShareCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normaliseShareCode('ABCD-EFGH-JKMN-PQRS0')).toBeNull();
    expect(normaliseShareCode('ABCD-EFGH-JKMN-PQR!')).toBeNull();
  });

  it('are kept only as a hash, whose first 12 hex are the public share id', () => {
    const hash = shareCodeHash('ABCDEFGHJKMNPQRS');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shareIdOf(hash)).toBe(hash.slice(0, 12));
  });

  it('mask the student number but its first four and last two characters', () => {
    expect(maskStudentNo('2023010203')).toBe('2023****03');
    expect(maskStudentNo('20240001')).toBe('2024**01');
    expect(maskStudentNo('123456')).toBe('****56');
  });
});

describe('amounts in a bulk award file', () => {
  it('take positive numbers with at most two decimals, as hundredths', () => {
    expect(['2', '2.5', '0.25', '１.５', ' 3 ', '0.30000000000000004'].map(parseAwardAmount)).toEqual([200, 250, 25, 150, 300, 30]);
  });

  it('refuse zero, negatives, a third decimal, and anything not a plain number', () => {
    for (const bad of ['0', '0.00', '-1', '1.234', '0.001', '1e2', '2学分', '', '.5', 'abc']) expect(parseAwardAmount(bad)).toBeNull();
  });
});

describe('what attendance and appeals are worth', () => {
  const volunteer = makeEvent({
    id: 'v',
    category: 'volunteer',
    creditRule: { base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 300 }, assessmentBonus: null },
  });

  it('reads rules as people say them', () => {
    expect(ruleText({ kind: 'fixed', module: 'ideology', amount: 200 })).toBe('按次 2 学分');
    expect(ruleText({ kind: 'per_hour', module: 'service', perHour: 50, cap: 300 })).toBe('按时长 0.5 学分/小时（上限 3）');
    expect(ruleText({ kind: 'none' })).toBe('不计学分');
  });

  it('pays per counted hour once checked out, and nothing for a stay under the event’s share', () => {
    const start = Date.parse(volunteer.startAt);
    const stay = (h: number) => ({ checkedInAt: volunteer.startAt, checkedOutAt: new Date(start + h * 3_600_000).toISOString() });
    expect(attendanceTarget(volunteer, 's', { checkedInAt: volunteer.startAt, checkedOutAt: null }, 'o', NOW)).toBeNull();
    expect(attendanceTarget(volunteer, 's', stay(2), 'o', NOW)).toMatchObject({ amount: 100, hours: 2, module: 'service' });
    expect(attendanceTarget(volunteer, 's', stay(1), 'o', NOW)).toBeNull(); // 1 of 2 hours: under 60%
  });

  it('credits an accepted appeal for the whole event, or the hours given', () => {
    expect(eventLengthHours(volunteer)).toBe(2);
    expect(appealTarget(volunteer, 's', 'v:s', undefined, '核实', 'o', NOW)).toMatchObject({ amount: 100, hours: 2, sourceType: 'appeal' });
    expect(appealTarget(volunteer, 's', 'v:s', 10, '核实', 'o', NOW)).toMatchObject({ amount: 300, hours: 10 });
    expect(appealTarget(volunteer, 's', 'v:s', 0, '核实', 'o', NOW)).toBeNull();
    const lecture = makeEvent({ id: 'l', credits: 2 });
    expect(appealTarget(lecture, 's', 'l:s', undefined, '核实', 'o', NOW)).toMatchObject({ amount: 200, hours: 0, base: 'att:l:s' });
  });
});
