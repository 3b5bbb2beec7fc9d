import { ApiError } from '../../../types';
import {
  assignDraw,
  committedLottery,
  decideSignup,
  drawRefusal,
  mayTransition,
  needsAudienceFacts,
  needsCreditFacts,
  pseudonymOf,
  registrationId,
  weightOf,
  type AuditDraft,
  type BlockFact,
  type DrawAssignment,
  type DrawPlacement,
  type EventRecord,
  type LotteryApplicant,
  type RegistrationRecord,
  type Sha256,
} from '../../../core';
import type { DrawOutcome, LotteryPort, SignupOutcome } from '../ports';
import { creditTotalsFromDoc } from './credits-documents';
import { COLLECTIONS, registrationToDoc, studentFromDoc, withoutId } from './documents';
import { isDuplicateKey, StaleReadError } from './errors';
import { inPool, readDoc, readEventIn, readRegistrationIn, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

const { events: EVENTS, registrations: REGISTRATIONS, lotteries: LOTTERIES, students: STUDENTS, creditTotals: TOTALS } = COLLECTIONS;

/** Thrown inside the sign-up's transaction when the event is a lottery: the application takes its own path. */
export class GoToLottery extends Error {
  constructor(readonly event: EventRecord) {
    super('a lottery application');
    this.name = 'GoToLottery';
  }
}

/** How long one call writes placements before it answers (the next call, or the timer, carries on). */
const WRITE_BUDGET_MS = 8_000;
/** Placements written at once. */
const WRITERS = 50;

/**
 * Lotteries on CloudBase.
 *
 * An application is one `add` of the student's own registration (`_id` = `<event>:<student>`, status `applied`, its
 * weight): no transaction, no event document written, so a crowd of applicants conflicts with nobody. (The event is
 * read first, in the sign-up's transaction that finds it is a lottery: 2 operations, and one or two reads of the
 * student's profile and credit totals when the committed rules need them.)
 *
 * The draw cannot write thousands of registrations in one transaction, so it is decided in one and written after:
 * 1. the applications are read (a query, outside any transaction: the set is frozen, since applications end when the
 *    window closes and the draw is due only DRAW_SETTLE_MS later) and assignDraw decides;
 * 2. one transaction re-reads the event (still undrawn), writes its counters and lottery (the seed revealed, the
 *    order's digest, complete: false) and the audit entry — the decision;
 * 3. each application is placed by a conditional update (`status: 'applied'` → confirmed / waitlisted, with its
 *    pseudonym and rank), `WRITERS` at a time, for at most WRITE_BUDGET_MS a call;
 * 4. when none is left, `lottery.complete` is set.
 * A call that finds a draw decided but incomplete recomputes it from the same applications (those still applied and
 * those already placed), checks the order's digest against the decision and writes what is left. Until complete,
 * cancelling is refused (LOTTERY_WRITING), so nobody's seat passes down a line not yet all in place.
 */
export class CloudbaseLottery implements LotteryPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async publishLottery(eventId: string, secrets: { seed: string; pseudonymKey: string; commitment: string }, now: Date, audit: AuditDraft): Promise<EventRecord> {
    return this.kit.transact(async (t) => {
      const current = await readEventIn(t, eventId);
      if (!mayTransition(current.status, 'publish')) throw new ApiError('STATUS_CHANGE_NOT_ALLOWED');
      if (current.signupMode !== 'lottery') throw new ApiError('LOTTERY_NOT_LOTTERY');
      if (now.getTime() >= Date.parse(current.signupStartAt)) throw new ApiError('LOTTERY_TOO_LATE');
      const lottery = committedLottery(secrets.commitment, current.lotteryPriority, now);
      await t.collection(LOTTERIES).doc(eventId).set({
        data: { seed: secrets.seed, pseudonymKey: secrets.pseudonymKey, commitment: secrets.commitment, committedAt: now.toISOString() },
      });
      await t.collection(EVENTS).doc(eventId).update({ data: { status: 'published', lottery: this.kit.command.set(lottery), updatedAt: audit.at } });
      await this.kit.addAudit(t, audit);
      return { ...current, status: 'published' as const, lottery, updatedAt: audit.at };
    });
  }

  async drawLottery(eventId: string, now: Date, sha256: Sha256, audit: AuditDraft): Promise<DrawOutcome> {
    const event = await readEventIn(this.kit.db, eventId);
    const refusal = drawRefusal(event, now);
    if (refusal) throw new ApiError(refusal);
    const secrets = await readDoc(this.kit.db.collection(LOTTERIES).doc(eventId));
    if (!secrets) throw new Error(`lottery ${eventId} has no secrets`);
    const seed = String(secrets.seed);
    const key = String(secrets.pseudonymKey);

    let decided: { event: EventRecord; assignment: DrawAssignment };
    if (!event.lottery?.drawnAt) {
      const applicants = (await this.applications(eventId, 'applied')).map((d) => applicantOf(d, key, sha256));
      try {
        decided = await this.decide(eventId, applicants, seed, sha256, now, audit);
      } catch (error) {
        // Another call decided meanwhile: write its decision through instead.
        if (!(error instanceof StaleReadError)) throw error;
        decided = await this.recompute(eventId, key, seed, sha256);
      }
    } else {
      decided = await this.recompute(eventId, key, seed, sha256);
    }
    return this.writeThrough(decided.event, decided.assignment.placements, now);
  }

  async countLotteryApplications(eventId: string): Promise<number> {
    const { total } = await this.kit.db.collection(REGISTRATIONS).where({ eventId, status: 'applied' }).count();
    return total;
  }

  async drawnApplicants(eventId: string, offset: number, limit: number): Promise<Array<{ pseudonym: string; weight: number; rank: number }>> {
    const _ = this.kit.command;
    const query = this.kit.db.collection(REGISTRATIONS).where({ eventId, drawRank: _.gt(0) });
    const docs = await this.kit.fetchAll(query, [['lotteryPseudonym', 'asc']], { offset, max: limit, pageSize: this.kit.bulkPageSize });
    return docs.map((d) => ({ pseudonym: String(d.lotteryPseudonym), weight: Number(d.lotteryWeight), rank: Number(d.drawRank) }));
  }

  /** Applications of the event: those waiting ('applied'), or those the draw placed (a rank). */
  private applications(eventId: string, which: 'applied' | 'drawn'): Promise<WxDoc[]> {
    const _ = this.kit.command;
    const where = which === 'applied' ? { eventId, status: 'applied' } : { eventId, drawRank: _.gt(0) };
    return this.kit.fetchAll(this.kit.db.collection(REGISTRATIONS).where(where), [['_id', 'asc']], { pageSize: this.kit.bulkPageSize });
  }

  /** Step 2: the decision, in one transaction on the event document (StaleReadError if drawn meanwhile). */
  private async decide(eventId: string, applicants: LotteryApplicant[], seed: string, sha256: Sha256, now: Date, audit: AuditDraft): Promise<{ event: EventRecord; assignment: DrawAssignment }> {
    return this.kit.transact(async (t) => {
      const current = await readEventIn(t, eventId);
      if (current.lottery?.drawnAt) throw new StaleReadError('the lottery was drawn meanwhile');
      const refusal = drawRefusal(current, now);
      if (refusal) throw new ApiError(refusal);
      const assignment = assignDraw({ ...current, lottery: current.lottery! }, applicants, seed, sha256, now);
      await t.collection(EVENTS).doc(eventId).update({ data: { ...assignment.counters, lottery: this.kit.command.set(assignment.lottery) } });
      await this.kit.addAudit(t, audit);
      return { event: { ...current, ...assignment.counters, lottery: assignment.lottery }, assignment };
    });
  }

  /** A decided draw, recomputed from the same applications; the order must be the one decided. */
  private async recompute(eventId: string, key: string, seed: string, sha256: Sha256): Promise<{ event: EventRecord; assignment: DrawAssignment }> {
    const event = await readEventIn(this.kit.db, eventId);
    const lottery = event.lottery!;
    const docs = [...(await this.applications(eventId, 'applied')), ...(await this.applications(eventId, 'drawn'))];
    const applicants = docs.map((d) => applicantOf(d, key, sha256));
    // The counters before the draw: what the decision started from.
    const before = { ...event, seatsLeft: lottery.seats ?? 0, waitlistCount: 0, waitlistSeq: 0, lottery: { ...lottery, drawnAt: null } };
    const assignment = assignDraw(before, applicants, seed, sha256, new Date(lottery.drawnAt!));
    if (assignment.lottery.orderDigest !== lottery.orderDigest) {
      throw new Error(`lottery ${eventId}: the applications read again do not give the order decided (${docs.length} read)`);
    }
    return { event, assignment };
  }

  /** Steps 3 and 4: the placements still to write, within the call's budget; complete once none is left. */
  private async writeThrough(event: EventRecord, placements: DrawPlacement[], now: Date): Promise<DrawOutcome> {
    const started = this.kit.nowMs();
    const stamp = now.toISOString();
    const written: DrawPlacement[] = [];
    let outOfTime = false;
    await inPool(placements, WRITERS, async (p) => {
      if (outOfTime || this.kit.nowMs() - started > WRITE_BUDGET_MS) {
        outOfTime = true;
        return;
      }
      const { stats } = await this.kit.db
        .collection(REGISTRATIONS)
        .where({ _id: registrationId(event.id, p.studentNo), status: 'applied' })
        .update({ data: { status: p.status, waitlistSeq: p.waitlistSeq, drawRank: p.rank, lotteryPseudonym: p.pseudonym, updatedAt: stamp } });
      if (stats.updated === 1) written.push(p);
    });
    if (outOfTime) return { event, placements: written, complete: false };
    const lottery = { ...event.lottery!, complete: true };
    await this.kit.db.collection(EVENTS).doc(event.id).update({ data: { lottery: this.kit.command.set(lottery) } });
    return { event: { ...event, lottery }, placements: written, complete: true };
  }
}

function applicantOf(d: WxDoc, key: string, sha256: Sha256): LotteryApplicant {
  const studentNo = String(d.studentNo);
  return { studentNo, pseudonym: pseudonymOf(key, studentNo, sha256), weight: typeof d.lotteryWeight === 'number' ? d.lotteryWeight : 1 };
}

/**
 * A lottery application: the student's own registration, `applied`, with its weight under the committed rules. The
 * rules are judged by decideSignup (window, audience, block); a registration already there is looked at only when
 * the add finds one (signing up again after withdrawing, or ALREADY_SIGNED_UP).
 */
export async function applyToLottery(kit: CloudbaseKit, event: EventRecord, studentNo: string, now: Date, block: BlockFact | null): Promise<SignupOutcome> {
  const rules = event.lottery?.priority ?? [];
  const needsProfile = needsAudienceFacts(event) || rules.some((r) => r.kind === 'college');
  const [studentDoc, totalsDoc] = await Promise.all([
    needsProfile ? readDoc(kit.db.collection(STUDENTS).doc(studentNo)) : null,
    needsCreditFacts(rules) ? readDoc(kit.db.collection(TOTALS).doc(studentNo)) : null,
  ]);
  const student = studentDoc ? studentFromDoc(studentDoc) : null;
  const audience = needsAudienceFacts(event) ? student : undefined;
  const decision = decideSignup(event, null, now, audience, block);
  if (decision.kind === 'refuse') {
    const existing = decision.code === 'EVENT_CANCELLED' ? null : await readRegistrationIn(kit.db, event.id, studentNo);
    const again = existing ? decideSignup(event, existing, now, audience, block) : decision;
    throw new ApiError(again.kind === 'refuse' ? again.code : decision.code);
  }
  const weight = weightOf(rules, {
    college: student?.college ?? '',
    modulesWithCredit: creditTotalsFromDoc(totalsDoc).lines.filter((l) => l.amount > 0).map((l) => l.module),
  });
  const stamp = now.toISOString();
  const registration: RegistrationRecord = {
    id: registrationId(event.id, studentNo),
    eventId: event.id,
    studentNo,
    status: 'applied',
    waitlistSeq: null,
    passSeq: 0,
    createdAt: stamp,
    updatedAt: stamp,
    lottery: { weight, pseudonym: null, rank: null },
  };
  try {
    await kit.db.collection(REGISTRATIONS).add({ data: registrationToDoc(registration) });
    return { registration, event, waitlistPosition: null };
  } catch (error) {
    if (!isDuplicateKey(error) && (await readRegistrationIn(kit.db, event.id, studentNo)) === null) throw error;
  }
  // Rare path: a registration exists. Active → ALREADY_SIGNED_UP; withdrawn → applied again, keeping its pass number.
  const existing = await readRegistrationIn(kit.db, event.id, studentNo);
  const again = decideSignup(event, existing, now, audience, block);
  if (again.kind === 'refuse') throw new ApiError(again.code);
  const renewed = { ...registration, passSeq: existing?.passSeq ?? 0 };
  const { stats } = await kit.db
    .collection(REGISTRATIONS)
    .where({ _id: registration.id, status: 'cancelled' })
    .update({ data: { ...withoutId(registrationToDoc(renewed)), refusal: null, queuedAt: null } });
  if (stats.updated !== 1) throw new ApiError('ALREADY_SIGNED_UP');
  return { registration: renewed, event, waitlistPosition: null };
}
