import { assignDraw, committedLottery, commitmentOf, pseudonymOf, type LotteryApplicant, type PriorityRule } from '../core';
import { nodeSha256 } from '../server/security/lottery-secrets';

/**
 * The draw for 5,000 applicants, in process (target ≤ 100 ms): assignDraw (core) — the seeded order over the
 * applicants sorted by pseudonym, then each placement (seat or ticket) — without weights and with two priority rules
 * (weights 1–3, drawn one at a time by a Fenwick tree). Interleaved with the baseline, sorting the same 5,000
 * pseudonyms (what any draw over a stable order must do at least), so the machine's noise hits both alike.
 *   node dist/bench/lottery-draw.js [iterations=50] [applicants=5000]   (bench/lottery-draw.mjs builds and runs it)
 */
const N = Number(process.argv[2] ?? 50);
const APPLICANTS = Number(process.argv[3] ?? 5000);
const SEED = '3c'.repeat(32);
const KEY = '9a'.repeat(32);
const NOW = new Date('2026-03-02T02:00:00.000Z');

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
};

const applicants: LotteryApplicant[] = Array.from({ length: APPLICANTS }, (_, i) => {
  const studentNo = `2024${String(i).padStart(6, '0')}`;
  return { studentNo, pseudonym: pseudonymOf(KEY, studentNo, nodeSha256), weight: 1 };
});
const weighted = applicants.map((a, i) => ({ ...a, weight: 1 + (i % 3) }));
const priority: PriorityRule[] = [
  { kind: 'college', college: '医学院', weight: 2 },
  { kind: 'new_to_module', module: 'skills', weight: 2 },
];
const event = (rules: PriorityRule[]) => ({
  id: 'ev-bench', seatsLeft: 300, waitlistCount: 0, waitlistSeq: 0, lottery: committedLottery(commitmentOf(SEED, nodeSha256), rules, NOW),
});

const times = { baseline: [] as number[], plain: [] as number[], weighted: [] as number[] };
let placed = 0;
for (let i = 0; i < N + 5; i++) {
  let t = performance.now();
  const sorted = applicants.map((a) => a.pseudonym).sort();
  const base = performance.now() - t;
  t = performance.now();
  const plain = assignDraw(event([]), applicants, SEED, nodeSha256, NOW);
  const plainMs = performance.now() - t;
  t = performance.now();
  const heavy = assignDraw(event(priority), weighted, SEED, nodeSha256, NOW);
  const weightedMs = performance.now() - t;
  if (sorted.length !== APPLICANTS || plain.placements.length !== APPLICANTS || heavy.placements.length !== APPLICANTS) throw new Error('a draw lost applicants');
  placed = plain.placements.length;
  if (i < 5) continue; // warm-up
  times.baseline.push(base);
  times.plain.push(plainMs);
  times.weighted.push(weightedMs);
}
const baseline = stats(times.baseline);
const rows = (['baseline', 'plain', 'weighted'] as const).map((name) => {
  const s = stats(times[name]);
  return { name, ...s, ratio: s.median / baseline.median };
});
console.log(JSON.stringify({ applicants: APPLICANTS, placed, rows }));
