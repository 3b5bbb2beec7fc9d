import type { AuditDraft, DrawPlacement, EventRecord, Sha256 } from '../../../core';

export interface DrawOutcome {
  /** The event after the draw (counters, lottery with the seed revealed). */
  event: EventRecord;
  /** Placements written by this call (all of them on SQLite; on CloudBase a resumed call writes the rest). */
  placements: DrawPlacement[];
  /** Every placement is written (lottery.complete). */
  complete: boolean;
}

/**
 * Lotteries (抽签): the secrets beside the event, the draw and its published list. An application is a registration
 * (status 'applied', written by the events area's signUp: one small write of the student's own, no counter), so the
 * draw turns applications into seats and places in line where they are.
 */
export interface LotteryPort {
  /**
   * Publishes a lottery draft atomically with its secrets (seed, pseudonym key) and audit entry: status published,
   * `lottery` = its commitment and the priority rules it had (lotteryPriority). STATUS_CHANGE_NOT_ALLOWED unless a
   * draft; LOTTERY_NOT_LOTTERY for a first-come event; LOTTERY_TOO_LATE once its window has opened; NOT_FOUND.
   */
  publishLottery(eventId: string, secrets: { seed: string; pseudonymKey: string; commitment: string }, now: Date, audit: AuditDraft): Promise<EventRecord>;
  /**
   * Draws (or finishes writing a draw decided before) atomically: the applications read, pseudonyms made with the
   * lottery's key, assignDraw (core), the event's counters and lottery written with the decision and the audit entry,
   * each application placed. Refusals as drawRefusal (core): NOT_FOUND, EVENT_CANCELLED, LOTTERY_NOT_LOTTERY,
   * LOTTERY_NOT_DUE, LOTTERY_DRAWN.
   */
  drawLottery(eventId: string, now: Date, sha256: Sha256, audit: AuditDraft): Promise<DrawOutcome>;
  /** Applications waiting for the draw ('applied'). */
  countLotteryApplications(eventId: string): Promise<number>;
  /** The published list: drawn applications by pseudonym, `limit` from `offset`. */
  drawnApplicants(eventId: string, offset: number, limit: number): Promise<Array<{ pseudonym: string; weight: number; rank: number }>>;
}
