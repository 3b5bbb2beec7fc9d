import * as fc from 'fast-check';
import {
  attendanceKeyBase,
  creditsForAttendance,
  decideAward,
  decideReversal,
  decideSettlement,
  noShowPenalty,
  progressOf,
  summarize,
  DEFAULT_CREDIT_MODULES,
  DEFAULT_REQUIREMENT,
  type AwardDraft,
  type LedgerEntry,
} from '../../core/credits';
import { groupStandings, standingsOf } from '../../server/features/credits/standings';

const at = '2026-11-25T02:00:00.000Z';

function draft(eventId: string, studentNo: string, amount: number, hours = 0): AwardDraft {
  return {
    base: attendanceKeyBase(eventId, studentNo),
    studentNo,
    module: 'service',
    amount,
    hours,
    sourceType: 'attendance',
    eventId,
    rule: 'fixed',
    reason: null,
    confirmedBy: 'o-officer',
    at,
  };
}

/** A tiny ledger "store": applies decisions the way an adapter does, keyed (unique) by entry key. */
function apply(ledger: LedgerEntry[], entry: LedgerEntry | null): LedgerEntry[] {
  if (!entry) return ledger;
  if (ledger.some((e) => e.key === entry.key)) throw new Error(`duplicate key ${entry.key}`);
  return [...ledger, entry];
}

type Op = { kind: 'award'; event: number; student: number; amount: number } | { kind: 'reverse'; index: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('award' as const), event: fc.integer({ min: 0, max: 3 }), student: fc.integer({ min: 0, max: 3 }), amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('reverse' as const), index: fc.nat(50) }),
);

function run(ops: Op[]): LedgerEntry[] {
  let ledger: LedgerEntry[] = [];
  for (const op of ops) {
    if (op.kind === 'award') {
      const d = draft(`e${op.event}`, `s${op.student}`, op.amount);
      ledger = apply(ledger, decideAward(ledger.filter((e) => e.key.includes(d.base)), d));
    } else if (ledger.length) {
      const original = ledger[op.index % ledger.length];
      ledger = apply(ledger, decideReversal(ledger, original, 'o-admin', '更正', new Date(at)));
    }
  }
  return ledger;
}

describe('credit ledger', () => {
  it('the first confirmation of a source writes one award under the base key; a second writes nothing', () => {
    const d = draft('e1', 's1', 200);
    const first = decideAward([], d);
    expect(first).toMatchObject({ key: 'att:e1:s1', amount: 200, kind: 'award' });
    expect(decideAward([first!], d)).toBeNull();
  });

  it('after a reversal the same source can be awarded again under the next generation', () => {
    const first = decideAward([], draft('e1', 's1', 200))!;
    const rev = decideReversal([first], first, 'o-admin', '误签', new Date(at))!;
    expect(rev).toMatchObject({ key: 'rev:att:e1:s1', amount: -200, reverses: 'att:e1:s1', kind: 'reversal', reason: '误签' });
    expect(decideReversal([first, rev], first, 'o-admin', '再来', new Date(at))).toBeNull();
    expect(decideReversal([first, rev], rev, 'o-admin', '反转反转', new Date(at))).toBeNull();
    const again = decideAward([first, rev], draft('e1', 's1', 200));
    expect(again?.key).toBe('att:e1:s1#2');
  });

  it('property: totals always equal the sum of entries, per module and overall', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const ledger = run(ops);
        const s = summarize(ledger);
        expect(s.total).toBe(ledger.reduce((n, e) => n + e.amount, 0));
        expect(Object.values(s.byModule).reduce((n, v) => n + v, 0)).toBe(s.total);
        expect(s.entries).toBe(ledger.length);
      }),
    );
  });

  it('property: confirming the same sources any number of times never doubles credits', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (ops, times) => {
        const awardsOnly = ops.filter((o) => o.kind === 'award');
        const once = run(awardsOnly);
        const repeated = run(awardsOnly.flatMap((o) => Array.from({ length: times }, () => o)));
        // Each (event, student) source is credited once, with its first confirmation's amount.
        expect(repeated).toEqual(once);
        const sources = new Set(awardsOnly.map((o) => `${o.event}:${o.student}`));
        expect(once).toHaveLength(sources.size);
      }),
    );
  });

  it('property: a reversal always nets its original to zero, and at most one reversal per entry', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const ledger = run(ops);
        for (const rev of ledger.filter((e) => e.kind === 'reversal')) {
          const original = ledger.find((e) => e.key === rev.reverses)!;
          expect(original.amount + rev.amount).toBe(0);
          expect(original.hours + rev.hours).toBe(0);
          expect(ledger.filter((e) => e.reverses === original.key)).toHaveLength(1);
        }
        // Per source, the net is either 0 (reversed) or exactly one award's amount.
        const bySource = new Map<string, number>();
        for (const e of ledger) {
          const base = (e.reverses ?? e.key).replace(/#\d+$/, '');
          bySource.set(base, (bySource.get(base) ?? 0) + e.amount);
        }
        for (const [base, net] of bySource) {
          const amounts = new Set(ledger.filter((e) => e.kind === 'award' && e.key.replace(/#\d+$/, '') === base).map((e) => e.amount));
          expect(net === 0 || amounts.has(net)).toBe(true);
        }
      }),
    );
  });
});

describe('credit rules', () => {
  const facts = { checkedIn: true, checkoutRequired: false, hours: 0, hoursCounted: false };
  it('a fixed rule pays its amount for an attendance, nothing for a no-show', () => {
    const rule = { base: { kind: 'fixed' as const, module: 'ideology', amount: 50 }, assessmentBonus: null };
    expect(creditsForAttendance(rule, facts)).toEqual({ module: 'ideology', amount: 50, hours: 0 });
    expect(creditsForAttendance(rule, { ...facts, checkedIn: false })).toBeNull();
  });

  it('where hours are recorded, nothing is paid until the stay counts; per-hour pay is capped', () => {
    const rule = { base: { kind: 'per_hour' as const, module: 'service', perHour: 25, cap: 200 }, assessmentBonus: null };
    const hourly = { checkedIn: true, checkoutRequired: true, hours: 3.5, hoursCounted: true };
    expect(creditsForAttendance(rule, hourly)).toEqual({ module: 'service', amount: 87, hours: 3.5 });
    expect(creditsForAttendance(rule, { ...hourly, hoursCounted: false })).toBeNull();
    expect(creditsForAttendance(rule, { ...hourly, hours: 20 })?.amount).toBe(200);
    expect(creditsForAttendance({ base: { kind: 'none' }, assessmentBonus: null }, hourly)).toBeNull();
  });

  it('the no-show penalty applies only when turned on, after the threshold', () => {
    const policy = { enabled: true, threshold: 2, module: 'organization', amount: 25 };
    expect(noShowPenalty(policy, 0)).toBe(0);
    expect(noShowPenalty(policy, 1)).toBe(0);
    expect(noShowPenalty(policy, 2)).toBe(25);
    expect(noShowPenalty({ ...policy, enabled: false }, 5)).toBe(0);
  });
});

describe('progress toward graduation', () => {
  it('lists active modules in order with what is met', () => {
    const ledger = run([{ kind: 'award', event: 0, student: 0, amount: 250 }]);
    const p = progressOf(summarize(ledger), DEFAULT_CREDIT_MODULES, DEFAULT_REQUIREMENT);
    expect(p.modules.map((m) => m.name)).toEqual(DEFAULT_CREDIT_MODULES.map((m) => m.name));
    expect(p.modules.find((m) => m.id === 'service')).toMatchObject({ have: 250, need: 200, met: true });
    expect(p.overall).toEqual({ have: 250, need: 1000, met: false });
    expect(p.met).toBe(false);
  });
});

describe('settlement (what a source is worth now)', () => {
  const base = attendanceKeyBase('e1', 's1');
  const target = (amount: number, sourceType: 'attendance' | 'appeal' = 'attendance') => ({ ...draft('e1', 's1', amount), sourceType });
  const settle = (ledger: LedgerEntry[], t: ReturnType<typeof target> | null) =>
    decideSettlement(ledger, base, t, 'o-x', '更正', new Date(at));

  it('awards once, then writes nothing for the same target', () => {
    const first = settle([], target(200));
    expect(first.map((e) => [e.key, e.amount])).toEqual([['att:e1:s1', 200]]);
    expect(settle(first, target(200))).toEqual([]);
  });

  it('a changed amount reverses the old award and awards the new one; nothing nets to zero', () => {
    const l1 = settle([], target(200));
    const l2 = [...l1, ...settle(l1, target(150))];
    expect(l2.map((e) => [e.key, e.amount])).toEqual([
      ['att:e1:s1', 200],
      ['rev:att:e1:s1', -200],
      ['att:e1:s1#2', 150],
    ]);
    const l3 = [...l2, ...settle(l2, null)];
    expect(summarize(l3).total).toBe(0);
    expect(settle(l3, null)).toEqual([]);
  });

  it('an accepted appeal is not undone by an attendance that earns nothing, and a late check-in does not double it', () => {
    const l1 = settle([], target(200, 'appeal'));
    expect(settle(l1, null)).toEqual([]);
    expect(settle(l1, target(200))).toEqual([]);
  });

  it('neither is a team review\'s award', () => {
    const l1 = settle([], { ...target(300), sourceType: 'team' as const } as never);
    expect(settle(l1, null)).toEqual([]);
  });

  it('property: after any sequence of settlements the net equals the last target', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }), { minLength: 1, maxLength: 30 }), (targets) => {
        let ledger: LedgerEntry[] = [];
        for (const t of targets) {
          for (const e of settle(ledger, t === null ? null : target(t))) ledger = apply(ledger, e);
        }
        const last = targets[targets.length - 1];
        expect(summarize(ledger).total).toBe(last ?? 0);
      }),
    );
  });
});

describe('sums keyed by module ids never read a built-in', () => {
  const reserved = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'];

  it('summarize adds numbers under any module id, even the names of Object.prototype', () => {
    const entries = reserved.map((module, i) => ({ ...draft(`e${i}`, 's1', 100), module }));
    const summary = summarize(entries.map((d) => decideAward([], d)!));
    for (const id of reserved) expect(Object.getOwnPropertyDescriptor(summary.byModule, id)?.value).toBe(100);
    expect(summary.total).toBe(500);
    expect(Object.keys(summary.byModule).sort()).toEqual([...reserved].sort());
    expect(JSON.stringify(summary.byModule)).not.toMatch(/function|native code/);
  });

  it('progress reads 0 for a module with no credits and no requirement, not an inherited member', () => {
    const modules = [{ id: 'constructor', name: '旧模块', order: 1, active: true }];
    const progress = progressOf(summarize([]), modules, { overallMin: 0, perModule: {} });
    expect(progress.modules).toEqual([{ id: 'constructor', name: '旧模块', have: 0, need: 0, met: true }]);
  });

  it('standings and group totals sum per module as numbers', () => {
    const student = { studentNo: 's1', openid: null, secondFactorHash: null, name: '张三', college: '医学院', className: '护理1班', branch: '护理1班团支部', grade: '2024级', isLeagueMember: true };
    const settings = { modules: [{ id: 'constructor', name: '旧模块', order: 1, active: true }], requirement: { overallMin: 0, perModule: {} }, noShow: { enabled: false, threshold: 3, module: 'constructor', amount: 0 } };
    const standings = standingsOf([student], [{ studentNo: 's1', module: 'constructor', amount: 150, hours: 0 }], settings as any);
    expect(Object.getOwnPropertyDescriptor(standings[0].byModule, 'constructor')?.value).toBe(150);
    const [group] = groupStandings([...standings, ...standings], 'college');
    expect(Object.getOwnPropertyDescriptor(group.byModule, 'constructor')?.value).toBe(300);
  });
});
