import { fromHex, toHex, utf8Bytes, type Sha256 } from './sha256';

/**
 * A draw anyone can check (抽签). Before the sign-up window opens the event shows a commitment: the SHA-256 of a
 * secret seed. When the window closes the draw runs and the seed is revealed with the list of applicants
 * (pseudonymised) and their weights. The draw is a deterministic function of the seed, the event and that list —
 * integer arithmetic over SHA-256 only, so a phone, a browser and the verify script compute the very same order:
 *
 * 1. The applicants in a stable order: by pseudonym (ascending code units). Pseudonyms are unique.
 * 2. A stream of 32-bit numbers: the words (big-endian) of SHA-256(`ysc-draw-v1|<eventId>|<seed>|<block>`), block
 *    0, 1, 2, … An unbiased number below n by rejection: a word is used only under the largest multiple of n.
 * 3. Without weights (all 1): a Fisher–Yates shuffle, i from the last index down to 1, swapping i with a number below
 *    i + 1. With weights: applicants are drawn one at a time, each with chance weight / (weights left), by a number
 *    below the total weight left (a Fenwick tree finds whose share it falls in).
 * 4. The first `seats` of the order win; the rest wait in that order.
 */
export const DRAW_VERSION = 'ysc-draw-v1';

export interface DrawApplicant {
  /** What the published list shows instead of the student number (pseudonymOf). */
  pseudonym: string;
  /** Whole number ≥ 1 (priority weights, part of what was committed); 1 when the event gives none. */
  weight: number;
}

export interface DrawInput {
  eventId: string;
  /** 64 hex characters (32 random bytes), kept secret until the draw. */
  seed: string;
  seats: number;
  applicants: readonly DrawApplicant[];
}

export interface DrawResult {
  /** Every applicant's pseudonym in drawn order. */
  order: string[];
  winners: string[];
  /** The rest, in drawn order: the waitlist. */
  waitlist: string[];
}

export type DrawProblem = 'SEED_INVALID' | 'PSEUDONYM_DUPLICATE' | 'WEIGHT_INVALID' | 'SEATS_INVALID';

/** The commitment shown before the window opens: SHA-256 of the seed's bytes, in hex. */
export function commitmentOf(seed: string, sha256: Sha256): string {
  const bytes = fromHex(seed);
  if (!bytes || bytes.length !== 32) throw new Error('seed must be 64 hex characters');
  return toHex(sha256(bytes));
}

/** Whether a revealed seed is the one committed to. */
export function seedMatchesCommitment(seed: string, commitment: string, sha256: Sha256): boolean {
  const bytes = fromHex(seed);
  return !!bytes && bytes.length === 32 && toHex(sha256(bytes)) === commitment;
}

/** Why an input cannot be drawn, or null. */
export function drawProblem(input: DrawInput): DrawProblem | null {
  const bytes = fromHex(input.seed);
  if (!bytes || bytes.length !== 32) return 'SEED_INVALID';
  if (!Number.isInteger(input.seats) || input.seats < 0) return 'SEATS_INVALID';
  const seen = new Set<string>();
  for (const a of input.applicants) {
    if (seen.has(a.pseudonym)) return 'PSEUDONYM_DUPLICATE';
    seen.add(a.pseudonym);
    if (!Number.isInteger(a.weight) || a.weight < 1 || a.weight > 1000) return 'WEIGHT_INVALID';
  }
  return null;
}

export function runDraw(input: DrawInput, sha256: Sha256): DrawResult {
  const problem = drawProblem(input);
  if (problem) throw new Error(`cannot draw: ${problem}`);
  const sorted = [...input.applicants].sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
  const stream = new DrawStream(sha256, input.eventId, input.seed);
  const order = sorted.every((a) => a.weight === 1) ? shuffle(sorted.map((a) => a.pseudonym), stream) : weightedOrder(sorted, stream);
  return { order, winners: order.slice(0, input.seats), waitlist: order.slice(input.seats) };
}

/** Fisher–Yates, from the last index down. */
function shuffle(items: string[], stream: DrawStream): string[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = stream.below(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** One at a time, each with chance weight / (weights left): exact integer arithmetic, O(n log n) with a Fenwick tree. */
function weightedOrder(sorted: readonly DrawApplicant[], stream: DrawStream): string[] {
  const n = sorted.length;
  const tree = new Array<number>(n + 1).fill(0);
  const add = (i: number, delta: number) => {
    for (let k = i + 1; k <= n; k += k & -k) tree[k] += delta;
  };
  let total = 0;
  sorted.forEach((a, i) => {
    add(i, a.weight);
    total += a.weight;
  });
  const highBit = n === 0 ? 0 : 2 ** Math.floor(Math.log2(n));
  const order: string[] = [];
  for (let drawn = 0; drawn < n; drawn++) {
    let target = stream.below(total);
    // The first index whose prefix sum exceeds target: descend the tree.
    let pos = 0;
    for (let step = highBit; step > 0; step >>= 1) {
      if (pos + step <= n && tree[pos + step] <= target) {
        pos += step;
        target -= tree[pos];
      }
    }
    const picked = sorted[pos];
    order.push(picked.pseudonym);
    add(pos, -picked.weight);
    total -= picked.weight;
  }
  return order;
}

/** 32-bit words from SHA-256 in counter mode, and unbiased numbers below n from them. */
class DrawStream {
  private words: number[] = [];
  private block = 0;

  constructor(
    private readonly sha256: Sha256,
    private readonly eventId: string,
    private readonly seed: string,
  ) {}

  next32(): number {
    if (this.words.length === 0) {
      const digest = this.sha256(utf8Bytes(`${DRAW_VERSION}|${this.eventId}|${this.seed}|${this.block++}`));
      for (let i = 0; i < 32; i += 4) this.words.push(((digest[i] << 24) | (digest[i + 1] << 16) | (digest[i + 2] << 8) | digest[i + 3]) >>> 0);
    }
    return this.words.shift()!;
  }

  /** A number in [0, n), n ≤ 2^32, without modulo bias. */
  below(n: number): number {
    if (n <= 1) return 0;
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = this.next32();
      if (v < limit) return v % n;
    }
  }
}
