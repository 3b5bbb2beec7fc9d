import { createHash, createHmac, randomBytes } from 'node:crypto';
import { commitmentOf, drawProblem, hmacSha256, pseudonymOf, runDraw, seedMatchesCommitment, utf8Bytes, type DrawApplicant } from '../../core';

/** The draw's rules, as the event page, the verify page and the script rely on them. SHA-256 from node:crypto. */
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const SEED = 'a3'.repeat(32);
const seedOf = (i: number) => createHash('sha256').update(`seed-${i}`).digest('hex');
const applicants = (n: number, weight = () => 1): DrawApplicant[] => Array.from({ length: n }, (_, i) => ({ pseudonym: `p${String(i).padStart(4, '0')}`, weight: weight() }));

describe('a draw anyone can check', () => {
  it('gives the same winners and order for the same seed and applicants, whatever order the list arrives in', () => {
    const list = applicants(50);
    const a = runDraw({ eventId: 'e1', seed: SEED, seats: 10, applicants: list }, sha256);
    const b = runDraw({ eventId: 'e1', seed: SEED, seats: 10, applicants: [...list].reverse() }, sha256);
    expect(b).toEqual(a);
    expect(a.winners).toHaveLength(10);
    expect(a.waitlist).toHaveLength(40);
    expect(new Set(a.order)).toEqual(new Set(list.map((x) => x.pseudonym)));
    expect(a.order.slice(0, 10)).toEqual(a.winners);
  });

  it('shows a commitment before the window that the revealed seed matches, and no other seed does', () => {
    const commitment = commitmentOf(SEED, sha256);
    expect(commitment).toBe(createHash('sha256').update(Buffer.from(SEED, 'hex')).digest('hex'));
    expect(seedMatchesCommitment(SEED, commitment, sha256)).toBe(true);
    expect(seedMatchesCommitment('a4'.repeat(32), commitment, sha256)).toBe(false);
    expect(seedMatchesCommitment('not hex', commitment, sha256)).toBe(false);
  });

  it('draws another order with another seed, another event or another list of applicants', () => {
    const list = applicants(30);
    const base = runDraw({ eventId: 'e1', seed: SEED, seats: 5, applicants: list }, sha256).order;
    expect(runDraw({ eventId: 'e1', seed: 'a4'.repeat(32), seats: 5, applicants: list }, sha256).order).not.toEqual(base);
    expect(runDraw({ eventId: 'e2', seed: SEED, seats: 5, applicants: list }, sha256).order).not.toEqual(base);
    expect(runDraw({ eventId: 'e1', seed: SEED, seats: 5, applicants: list.slice(1) }, sha256).order).not.toEqual(base.filter((p) => p !== list[0].pseudonym));
  });

  it('seats everyone when there are fewer applicants than seats, and nobody when there are none', () => {
    expect(runDraw({ eventId: 'e1', seed: SEED, seats: 10, applicants: applicants(3) }, sha256)).toMatchObject({ waitlist: [], winners: expect.arrayContaining(['p0000', 'p0001', 'p0002']) });
    expect(runDraw({ eventId: 'e1', seed: SEED, seats: 10, applicants: [] }, sha256)).toEqual({ order: [], winners: [], waitlist: [] });
  });

  it('gives every applicant the same chance without weights (within 3% over 4,000 seeded draws)', () => {
    const n = 20;
    const seats = 5;
    const wins = new Map<string, number>();
    const runs = 4000;
    for (let r = 0; r < runs; r++) {
      for (const w of runDraw({ eventId: 'e1', seed: seedOf(r), seats, applicants: applicants(n) }, sha256).winners) wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    for (const count of wins.values()) expect(Math.abs(count / runs - seats / n)).toBeLessThan(0.03);
  });

  it('with weights, draws each first in proportion to its weight (within 2% over 6,000 seeded draws)', () => {
    const list: DrawApplicant[] = [
      { pseudonym: 'a', weight: 1 },
      { pseudonym: 'b', weight: 2 },
      { pseudonym: 'c', weight: 3 },
      { pseudonym: 'd', weight: 4 },
    ];
    const first = new Map<string, number>();
    const runs = 6000;
    for (let r = 0; r < runs; r++) {
      const { order } = runDraw({ eventId: 'e1', seed: seedOf(r), seats: 1, applicants: list }, sha256);
      first.set(order[0], (first.get(order[0]) ?? 0) + 1);
    }
    for (const a of list) expect(Math.abs((first.get(a.pseudonym) ?? 0) / runs - a.weight / 10)).toBeLessThan(0.02);
  });

  it('matches the published test vector (recomputed by an independent implementation of the steps in core/lottery/draw.ts)', () => {
    // Anyone writing their own checker (docs/lottery.md) can test it against these two draws.
    const list = ['e5a1', '0b7c', '93d2', '4f10', 'c8e9', '71aa'].map((pseudonym) => ({ pseudonym, weight: 1 }));
    const seed = `${'00'.repeat(31)}01`;
    expect(runDraw({ eventId: 'e-lottery', seed, seats: 2, applicants: list }, sha256).order).toEqual(['e5a1', 'c8e9', '0b7c', '93d2', '4f10', '71aa']);
    const weighted = list.map((a, i) => ({ ...a, weight: (i % 3) + 1 }));
    expect(runDraw({ eventId: 'e-lottery', seed, seats: 2, applicants: weighted }, sha256).order).toEqual(['93d2', '71aa', 'e5a1', 'c8e9', '4f10', '0b7c']);
  });

  it('refuses to draw with a seed that is not 32 bytes of hex, a pseudonym twice, a weight that is not a whole number ≥ 1, or negative seats', () => {
    expect(drawProblem({ eventId: 'e', seed: 'zz', seats: 1, applicants: [] })).toBe('SEED_INVALID');
    expect(drawProblem({ eventId: 'e', seed: SEED, seats: 1, applicants: [{ pseudonym: 'a', weight: 1 }, { pseudonym: 'a', weight: 1 }] })).toBe('PSEUDONYM_DUPLICATE');
    expect(drawProblem({ eventId: 'e', seed: SEED, seats: 1, applicants: [{ pseudonym: 'a', weight: 0 }] })).toBe('WEIGHT_INVALID');
    expect(drawProblem({ eventId: 'e', seed: SEED, seats: 1, applicants: [{ pseudonym: 'a', weight: 1.5 }] })).toBe('WEIGHT_INVALID');
    expect(drawProblem({ eventId: 'e', seed: SEED, seats: -1, applicants: [] })).toBe('SEATS_INVALID');
    expect(() => runDraw({ eventId: 'e', seed: 'zz', seats: 1, applicants: [] }, sha256)).toThrow(/SEED_INVALID/);
  });
});

describe('pseudonyms', () => {
  const key = randomBytes(32).toString('hex');

  it('are 16 hex characters of HMAC-SHA256(key, student number), the same each time, another under another key', () => {
    const p = pseudonymOf(key, '2024011101', sha256);
    expect(p).toMatch(/^[0-9a-f]{16}$/);
    expect(p).toBe(createHmac('sha256', Buffer.from(key, 'hex')).update('2024011101').digest('hex').slice(0, 16));
    expect(pseudonymOf(key, '2024011101', sha256)).toBe(p);
    expect(pseudonymOf(randomBytes(32).toString('hex'), '2024011101', sha256)).not.toBe(p);
    expect(pseudonymOf(key, '2024011102', sha256)).not.toBe(p);
  });

  it('HMAC over the passed hash matches node:crypto for long keys and non-ASCII text too', () => {
    const longKey = randomBytes(100);
    expect(Buffer.from(hmacSha256(sha256, longKey, utf8Bytes('抽签·验证')))).toEqual(createHmac('sha256', longKey).update('抽签·验证').digest());
    expect(Buffer.from(utf8Bytes('学号 2024 😀'))).toEqual(Buffer.from('学号 2024 😀', 'utf8'));
  });
});
