import type { RegistrationRecord } from './records';

/** The first in line: the lowest waitlist ticket. Tickets are unique per event, so the order is total. */
export function firstInLine(waiting: readonly RegistrationRecord[]): RegistrationRecord | null {
  let first: RegistrationRecord | null = null;
  for (const r of waiting) {
    if (r.status !== 'waitlisted' || r.waitlistSeq === null) continue;
    if (!first || r.waitlistSeq < (first.waitlistSeq as number)) first = r;
  }
  return first;
}

/** 1-based place of `seq` given the tickets of everyone still waiting ahead or behind. */
export function placeInLine(seq: number, waitingSeqs: readonly number[]): number {
  return 1 + waitingSeqs.filter((s) => s < seq).length;
}
