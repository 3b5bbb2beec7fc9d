import {
  assignDraw,
  checkPublishedDraw,
  commitmentOf,
  decideCancel,
  decideSignup,
  drawRefusal,
  lotteryPhase,
  orderDigest,
  priorityProblem,
  pseudonymOf,
  runDraw,
  weightOf,
  DRAW_SETTLE_MS,
  type LotteryApplicant,
  type PriorityRule,
} from '../../core';
import { nodeSha256 as sha256 } from '../../server/security/lottery-secrets';
import { at, LOTTERY_PSEUDONYM_KEY, LOTTERY_SEED, makeLotteryEvent, makeRegistration, NOW, studentNo } from '../support/factories';

/** Sign-up by lottery (抽签), as the event page, the timer and the verify page rely on it. */
const applicants = (n: number, weight: (i: number) => number = () => 1): LotteryApplicant[] =>
  Array.from({ length: n }, (_, i) => ({ studentNo: studentNo(i + 1), pseudonym: pseudonymOf(LOTTERY_PSEUDONYM_KEY, studentNo(i + 1), sha256), weight: weight(i) }));

describe('applying to a lottery', () => {
  it('takes an application while the window is open, holding no seat', () => {
    expect(decideSignup(makeLotteryEvent(), null, NOW)).toEqual({ kind: 'apply' });
    expect(decideSignup(makeLotteryEvent({ seatsLeft: 0 }), null, NOW)).toEqual({ kind: 'apply' });
  });

  it('refuses an application before the window opens and after it closes, and one already made', () => {
    expect(decideSignup(makeLotteryEvent({ signupStartAt: at(1).toISOString() }), null, NOW)).toEqual({ kind: 'refuse', code: 'SIGNUP_NOT_OPEN' });
    expect(decideSignup(makeLotteryEvent({ signupEndAt: at(-1).toISOString() }), null, NOW)).toEqual({ kind: 'refuse', code: 'SIGNUP_CLOSED' });
    expect(decideSignup(makeLotteryEvent(), makeRegistration({ eventId: 'ev-lottery', status: 'applied' }), NOW)).toEqual({ kind: 'refuse', code: 'ALREADY_SIGNED_UP' });
  });

  it('takes nobody once drawn, even inside a window that a draw by hand cut short', () => {
    const drawn = makeLotteryEvent();
    drawn.lottery = { ...drawn.lottery!, drawnAt: NOW.toISOString() };
    expect(decideSignup(drawn, null, NOW)).toEqual({ kind: 'refuse', code: 'SIGNUP_CLOSED' });
  });

  it('lets an application be withdrawn while the window is open, and not after it closed (the draw needs the set)', () => {
    const applied = makeRegistration({ eventId: 'ev-lottery', status: 'applied' });
    expect(decideCancel(makeLotteryEvent(), applied, NOW)).toEqual({ kind: 'cancel', freesSeat: false });
    expect(decideCancel(makeLotteryEvent({ signupEndAt: at(-1).toISOString() }), applied, NOW)).toEqual({ kind: 'refuse', code: 'LOTTERY_APPLICATION_LOCKED' });
  });
});

describe('when the draw runs', () => {
  const event = makeLotteryEvent({ signupStartAt: at(1).toISOString(), signupEndAt: at(5).toISOString() });

  it('goes through the phases: before the window, applying, closing, due, drawn', () => {
    expect(lotteryPhase(event, NOW)).toBe('before_window');
    expect(lotteryPhase(event, at(2))).toBe('applying');
    expect(lotteryPhase(event, at(5))).toBe('closing');
    expect(lotteryPhase(event, new Date(at(5).getTime() + DRAW_SETTLE_MS))).toBe('due');
    expect(lotteryPhase({ ...event, lottery: { ...event.lottery!, drawnAt: at(6).toISOString() } }, at(6))).toBe('drawn');
    expect(lotteryPhase({ ...event, signupMode: 'first_come', lottery: null }, NOW)).toBeNull();
  });

  it('may be drawn from a minute after the window closed, once, and never for a first-come, draft or cancelled event', () => {
    expect(drawRefusal(event, at(5))).toBe('LOTTERY_NOT_DUE');
    expect(drawRefusal(event, new Date(at(5).getTime() + DRAW_SETTLE_MS))).toBeNull();
    const later = at(6);
    expect(drawRefusal({ ...event, lottery: { ...event.lottery!, drawnAt: later.toISOString(), complete: true } }, later)).toBe('LOTTERY_DRAWN');
    // Decided but not yet written through (CloudBase): resumed, not refused.
    expect(drawRefusal({ ...event, lottery: { ...event.lottery!, drawnAt: later.toISOString(), complete: false } }, later)).toBeNull();
    expect(drawRefusal({ ...event, signupMode: 'first_come', lottery: null }, later)).toBe('LOTTERY_NOT_LOTTERY');
    expect(drawRefusal({ ...event, status: 'draft' }, later)).toBe('NOT_FOUND');
    expect(drawRefusal({ ...event, status: 'cancelled' }, later)).toBe('EVENT_CANCELLED');
  });
});

describe('assigning the draw', () => {
  const event = makeLotteryEvent({ capacity: 3, seatsLeft: 3 });

  it('confirms the first seats of the drawn order and waitlists the rest with tickets in drawn order', () => {
    const list = applicants(8);
    const { placements, counters, lottery } = assignDraw({ ...event, lottery: event.lottery! }, list, LOTTERY_SEED, sha256, NOW);
    const { order } = runDraw({ eventId: event.id, seed: LOTTERY_SEED, seats: 3, applicants: list }, sha256);
    expect(placements.map((p) => p.pseudonym)).toEqual(order);
    expect(placements.map((p) => p.status)).toEqual(['confirmed', 'confirmed', 'confirmed', ...Array(5).fill('waitlisted')]);
    expect(placements.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(placements.map((p) => p.waitlistSeq)).toEqual([null, null, null, 1, 2, 3, 4, 5]);
    expect(counters).toEqual({ seatsLeft: 0, waitlistCount: 5, waitlistSeq: 5 });
    expect(lottery).toMatchObject({ seed: LOTTERY_SEED, seats: 3, applicants: 8, winners: 3, drawnAt: NOW.toISOString(), complete: false, orderDigest: orderDigest(order, sha256) });
  });

  it('seats everyone when fewer apply than there are seats, and leaves the other seats free', () => {
    const { placements, counters } = assignDraw({ ...event, lottery: event.lottery! }, applicants(2), LOTTERY_SEED, sha256, NOW);
    expect(placements.every((p) => p.status === 'confirmed')).toBe(true);
    expect(counters).toEqual({ seatsLeft: 1, waitlistCount: 0, waitlistSeq: 0 });
  });

  it('reveals a seed that matches the commitment shown before the window opened', () => {
    const { lottery } = assignDraw({ ...event, lottery: event.lottery! }, applicants(4), LOTTERY_SEED, sha256, NOW);
    expect(commitmentOf(lottery.seed!, sha256)).toBe(event.lottery!.commitment);
  });
});

describe('priority weights', () => {
  const rules: PriorityRule[] = [
    { kind: 'new_to_module', module: 'ideology', weight: 2 },
    { kind: 'college', college: '医学院', weight: 3 },
  ];

  it('gives an applicant the largest weight among the rules that cover them, else 1', () => {
    expect(weightOf(rules, { college: '信息工程学院', modulesWithCredit: ['ideology'] })).toBe(1);
    expect(weightOf(rules, { college: '信息工程学院', modulesWithCredit: ['service'] })).toBe(2);
    expect(weightOf(rules, { college: '医学院', modulesWithCredit: [] })).toBe(3);
    expect(weightOf([], { college: '医学院', modulesWithCredit: [] })).toBe(1);
  });

  it('accepts at most three rules of whole weights 2–5 without repeats', () => {
    expect(priorityProblem(rules)).toBeNull();
    expect(priorityProblem([{ kind: 'college', college: '医学院', weight: 1 }])).toMatch('2–5');
    expect(priorityProblem([{ kind: 'college', college: '医学院', weight: 6 }])).toMatch('2–5');
    expect(priorityProblem([...rules, { kind: 'college', college: '医学院', weight: 2 }])).toMatch('重复');
    expect(priorityProblem([...rules, { kind: 'college', college: 'a', weight: 2 }, { kind: 'college', college: 'b', weight: 2 }])).toMatch('最多 3 条');
  });

  it('lets a weighted group win in proportion to its weight (its share of three seats within 3 points of the exact value over 3,000 seeded draws)', () => {
    // Two applicants of weight 3 among eight: each is drawn first with chance 3/12; the expected share of seats the
    // two take with 3 seats is computed exactly by enumerating the sequential draw below.
    const weight = (i: number) => (i < 2 ? 3 : 1);
    const list = applicants(8, weight);
    const heavy = new Set(list.slice(0, 2).map((a) => a.pseudonym));
    let heavyWins = 0;
    const runs = 3000;
    for (let r = 0; r < runs; r++) {
      const seed = sha256(new TextEncoder().encode(`lottery-weights-${r}`));
      const { winners } = runDraw({ eventId: 'ev-lottery', seed: Buffer.from(seed).toString('hex'), seats: 3, applicants: list }, sha256);
      heavyWins += winners.filter((p) => heavy.has(p)).length;
    }
    const share = heavyWins / runs / 3;
    expect(Math.abs(share - expectedHeavyWins(list.map((a) => a.weight), 2, 3) / 3)).toBeLessThan(0.03);
  });
});

/** Expected number of the first `heavy` applicants among the winners of a sequential weighted draw (exact). */
function expectedHeavyWins(weights: number[], heavy: number, seats: number): number {
  const go = (left: number[], seatsLeft: number): number => {
    if (seatsLeft === 0 || left.length === 0) return 0;
    const total = left.reduce((sum, i) => sum + weights[i], 0);
    return left.reduce((sum, i) => sum + (weights[i] / total) * ((i < heavy ? 1 : 0) + go(left.filter((j) => j !== i), seatsLeft - 1)), 0);
  };
  return go(weights.map((_, i) => i), seats);
}

describe('checking a published draw', () => {
  const rules: PriorityRule[] = [{ kind: 'college', college: '医学院', weight: 2 }];
  const list = applicants(12, (i) => (i % 4 === 0 ? 2 : 1));
  const { order } = runDraw({ eventId: 'ev-lottery', seed: LOTTERY_SEED, seats: 4, applicants: list }, sha256);
  const published = {
    eventId: 'ev-lottery',
    commitment: commitmentOf(LOTTERY_SEED, sha256),
    seed: LOTTERY_SEED,
    seats: 4,
    priority: rules,
    applicants: list.map((a) => ({ pseudonym: a.pseudonym, weight: a.weight, rank: order.indexOf(a.pseudonym) + 1 })),
  };

  it('confirms an honest draw: the seed matches the commitment, every weight is allowed, every place recomputes', () => {
    const check = checkPublishedDraw(published, sha256);
    expect(check).toMatchObject({ seedMatches: true, weightsAllowed: true, ranksMatch: true, problems: [] });
    expect(check.winners).toEqual(order.slice(0, 4));
  });

  it('catches two places swapped, a seed other than the one committed to, and a weight the rules do not allow', () => {
    const swapped = published.applicants.map((a) => (a.rank === 1 ? { ...a, rank: 5 } : a.rank === 5 ? { ...a, rank: 1 } : a));
    expect(checkPublishedDraw({ ...published, applicants: swapped }, sha256)).toMatchObject({ ranksMatch: false });
    expect(checkPublishedDraw({ ...published, seed: 'a4'.repeat(32) }, sha256)).toMatchObject({ seedMatches: false });
    const heavier = published.applicants.map((a, i) => (i === 1 ? { ...a, weight: 5 } : a));
    expect(checkPublishedDraw({ ...published, applicants: heavier }, sha256)).toMatchObject({ weightsAllowed: false });
  });
});
