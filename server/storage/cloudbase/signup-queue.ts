import { ApiError } from '../../../types';
import {
  decideIntake,
  placeQueued,
  registrationId,
  type AudienceFacts,
  type BlockFact,
  type EventRecord,
  type Placement,
  type QueueCounters,
  type QueuedSignup,
  type RegistrationRecord,
} from '../../../core';
import type { SignupOutcome } from '../ports';
import { COLLECTIONS, eventFromDoc, registrationToDoc } from './documents';
import { isDuplicateKey } from './errors';
import { inOrder, inPool, readDoc, readRegistrationIn, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

const { events: EVENTS, registrations: REGISTRATIONS } = COLLECTIONS;

/**
 * The intake queue (docs/cloudbase.md, "A sign-up rush"): in a rush a sign-up writes only its own registration,
 * `queued` with its arrival, and one drainer at a time — whoever holds the event's lease — places the queued ones in
 * arrival order (core/signup-queue.ts), a batch at a time:
 *
 * 1. the lease: one conditional update of the event document (`drainLeaseUntil` past → now + leaseMs, `drainOwner`);
 * 2. a query for the next `batchSize` queued registrations of the event, by `queuedAt` then `_id`;
 * 3. one transaction on the event document: re-read it, check the lease is still ours, place the batch against its
 *    counters, and write the new counters with the placements (`drainPending`) and a renewed lease;
 * 4. the placements written to the registrations, `writers` at a time, each conditional on still being `queued`;
 * 5. when no queued registration is left: release the lease, then look once more (a sign-up that queued after our
 *    last look and found the lease held relies on this look) and take the lease again if one is there.
 *
 * A drainer that dies between 3 and 4 leaves `drainPending` (with `drainPendingBy`, its token) on the event: the next
 * drainer applies those placements with its first batch and leaves them out of it (their seats are already counted). Writing one placement twice changes
 * nothing (conditional on `queued`). A drainer works a slice of `sliceMs` and then hands the lease back, so no call
 * runs long; whoever comes next (an intake, a waiting sign-up, a student's page asking again, the timer) carries on.
 */
export interface SignupQueueOptions {
  /** Whether rushes go through the queue at all (false: every sign-up is a direct transaction, as before). */
  enabled: boolean;
  batchSize: number;
  /** Placements written at once. */
  writers: number;
  /** How long one call drains before handing the lease back. */
  sliceMs: number;
  /** How long a sign-up that did not get the lease waits before looking at its own registration. */
  waitMs: number;
  /** A lease not renewed for this long is free again (a drainer that died). */
  leaseMs: number;
}

export const DEFAULT_SIGNUP_QUEUE: SignupQueueOptions = { enabled: true, batchSize: 200, writers: 50, sliceMs: 2000, waitMs: 2000, leaseMs: 30_000 };

/** Thrown inside the direct path's transaction when the sign-up must go to the queue instead. */
export class GoToQueue extends Error {
  constructor(readonly event: EventRecord) {
    super('to the queue');
    this.name = 'GoToQueue';
  }
}

/** Whether a drainer holds the event's lease at `now` (read from the raw event document). */
export function drainerActive(doc: WxDoc, now: Date): boolean {
  return typeof doc.drainLeaseUntil === 'string' && doc.drainLeaseUntil > now.toISOString();
}

/** A placement as kept on the event while it is being written (short keys: a batch of 200 stays a few KB). */
interface PlacementDoc {
  r: string;
  s: string;
  st: Placement['status'];
  q: number | null;
  n: number | null;
  x: Placement['refusal'];
}

const toPlacementDoc = (p: Placement): PlacementDoc => ({ r: p.registrationId, s: p.studentNo, st: p.status, q: p.waitlistSeq, n: p.position, x: p.refusal });
const fromPlacementDoc = (d: PlacementDoc): Placement => ({ registrationId: d.r, studentNo: d.s, status: d.st, waitlistSeq: d.q, position: d.n, refusal: d.x });

export class SignupQueue {
  constructor(
    private readonly kit: CloudbaseKit,
    readonly options: SignupQueueOptions,
  ) {}

  /**
   * The intake: the door's rules (decideIntake), then the student's own registration written `queued`; then the
   * lease if free (this call drains, itself included), else a wait and a look. Answers the placement when known, else
   * the queued registration (the page asks again). A refusal after queueing is thrown like any refusal.
   */
  async signUp(event: EventRecord, studentNo: string, now: Date, student: AudienceFacts | null | undefined, block: BlockFact | null = null): Promise<SignupOutcome> {
    const first = decideIntake(event, null, now, student, block);
    if (first.kind === 'refuse') {
      // The rules rank a registration already held above the window and the audience: look before refusing.
      const existing = first.code === 'EVENT_CANCELLED' ? null : await readRegistrationIn(this.kit.db, event.id, studentNo);
      const again = existing ? decideIntake(event, existing, now, student, block) : first;
      throw new ApiError(again.kind === 'refuse' ? again.code : first.code);
    }
    const registration = await this.enqueue(event, studentNo, now, student, first.kind, block);
    if (registration.status !== 'queued') return outcome(registration, event, null);
    return this.awaitPlacement(event, registration, now);
  }

  /**
   * Drains a slice if the lease is free (a student's page asking again, the timer). Answers the placements made.
   */
  async settle(eventId: string, now: Date): Promise<Placement[]> {
    return (await this.drainSlice(eventId, now)).placements;
  }

  /** Events with queued sign-ups (the timer settles what nobody came back for). One query. */
  async eventsWithQueue(): Promise<string[]> {
    const { data } = await this.kit.db.collection(REGISTRATIONS).where({ status: 'queued' }).limit(100).get();
    return [...new Set(data.map((d) => String(d.eventId)))];
  }

  /** The queued registration, added (one operation); a cancelled one is re-queued by a conditional update. */
  private async enqueue(
    event: EventRecord,
    studentNo: string,
    now: Date,
    student: AudienceFacts | null | undefined,
    kind: 'queue' | 'pending',
    block: BlockFact | null,
  ): Promise<RegistrationRecord> {
    const stamp = now.toISOString();
    const id = registrationId(event.id, studentNo);
    const fresh: RegistrationRecord = {
      id,
      eventId: event.id,
      studentNo,
      status: kind === 'queue' ? 'queued' : 'pending',
      waitlistSeq: null,
      passSeq: 0,
      createdAt: stamp,
      updatedAt: stamp,
      ...(kind === 'queue' ? { queuedAt: stamp } : {}),
    };
    try {
      await this.kit.db.collection(REGISTRATIONS).add({ data: registrationToDoc(fresh) });
      return fresh;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Rare path: a registration exists. Still active → ALREADY_SIGNED_UP; cancelled → queued again, keeping its pass
    // number (older passes stay revoked), only if it is still cancelled (else someone raced us: look again).
    const existing = await readRegistrationIn(this.kit.db, event.id, studentNo);
    const decision = decideIntake(event, existing, now, student, block);
    if (decision.kind === 'refuse') throw new ApiError(decision.code);
    const renewed = { ...fresh, passSeq: existing?.passSeq ?? 0, createdAt: existing?.createdAt ?? stamp };
    const { stats } = await this.kit.db
      .collection(REGISTRATIONS)
      .where({ _id: id, status: 'cancelled' })
      .update({ data: { status: renewed.status, waitlistSeq: null, updatedAt: stamp, queuedAt: renewed.queuedAt ?? null, refusal: null } });
    if (stats.updated !== 1) throw new ApiError('ALREADY_SIGNED_UP');
    return renewed;
  }

  /** Drains if the lease is free; else waits, looks, and tries the lease once more. */
  private async awaitPlacement(event: EventRecord, registration: RegistrationRecord, now: Date): Promise<SignupOutcome> {
    const mine = await this.drainSlice(event.id, now, registration.id);
    const placed = mine.placements.find((p) => p.registrationId === registration.id);
    if (placed) return placementOutcome(registration, placed, { ...event, ...mine.counters });
    await this.kit.pause(this.options.waitMs);
    const current = await readRegistrationIn(this.kit.db, event.id, registration.studentNo);
    if (current && current.status !== 'queued') return this.settledOutcome(current, event);
    const again = await this.drainSlice(event.id, now, registration.id);
    const late = again.placements.find((p) => p.registrationId === registration.id);
    return late ? placementOutcome(registration, late, { ...event, ...again.counters }) : outcome(registration, event, null);
  }

  /** A registration placed by another call, read back: a refusal thrown, a place in line counted (one operation). */
  private async settledOutcome(registration: RegistrationRecord, event: EventRecord): Promise<SignupOutcome> {
    if (registration.status === 'cancelled') throw new ApiError(registration.refusal ?? 'EVENT_FULL');
    if (registration.status !== 'waitlisted' || registration.waitlistSeq === null) return outcome(registration, event, null);
    const _ = this.kit.command;
    const { total } = await this.kit.db
      .collection(REGISTRATIONS)
      .where({ eventId: event.id, status: 'waitlisted', waitlistSeq: _.lt(registration.waitlistSeq) })
      .count();
    return outcome(registration, event, total + 1);
  }

  /**
   * One slice of draining, if the lease can be had: batches until the queue is empty or the slice is over (but not
   * before `mustPlace`, if given, is placed — a caller's own sign-up). Answers every placement made.
   */
  private async drainSlice(eventId: string, now: Date, mustPlace?: string): Promise<{ placements: Placement[]; counters: QueueCounters | null }> {
    const token = `${now.getTime().toString(36)}-${Math.floor(this.kit.random() * 2 ** 48).toString(36)}`;
    const placed: Placement[] = [];
    let counters: QueueCounters | null = null;
    const done = () => ({ placements: placed, counters });
    if (!(await this.takeLease(eventId, token, now))) return done();
    const started = this.kit.nowMs();
    let ownPlaced = mustPlace === undefined;
    for (;;) {
      const batch = await this.nextQueued(eventId);
      if (batch.length === 0) {
        await this.releaseLease(eventId, token);
        // One more look after letting go: a sign-up that queued meanwhile and found the lease held relies on it.
        if ((await this.nextQueued(eventId, 1)).length === 0 || !(await this.takeLease(eventId, token, now))) return done();
        continue;
      }
      const made = await this.placeBatch(eventId, token, batch, now);
      if (made === null) return done(); // the lease was lost (we were too slow): the new holder carries on
      placed.push(...made.placements);
      counters = made.counters;
      if (!ownPlaced && made.placements.some((p) => p.registrationId === mustPlace)) ownPlaced = true;
      if (ownPlaced && this.kit.nowMs() - started >= this.options.sliceMs) {
        await this.releaseLease(eventId, token);
        return done();
      }
    }
  }

  /** The lease: one conditional update, free when unset or past. */
  private async takeLease(eventId: string, token: string, now: Date): Promise<boolean> {
    const _ = this.kit.command;
    const free = _.or([{ drainLeaseUntil: _.lt(now.toISOString()) }, { drainLeaseUntil: _.exists(false) }]);
    const until = new Date(now.getTime() + this.options.leaseMs).toISOString();
    const { stats } = await this.kit.db
      .collection(EVENTS)
      .where(_.and([{ _id: eventId }, free]))
      .update({ data: { drainLeaseUntil: until, drainOwner: token } });
    return stats.updated === 1;
  }

  /** Lets go of the lease; the placements kept on the event were all written by now, so they go too. */
  private async releaseLease(eventId: string, token: string): Promise<void> {
    await this.kit.db
      .collection(EVENTS)
      .where({ _id: eventId, drainOwner: token })
      .update({ data: { drainLeaseUntil: '', drainOwner: '', drainPending: null } });
  }

  private async nextQueued(eventId: string, limit = this.options.batchSize): Promise<QueuedSignup[]> {
    const query = inOrder(this.kit.db.collection(REGISTRATIONS).where({ eventId, status: 'queued' }), [['queuedAt', 'asc']]);
    const { data } = await query.limit(limit).get();
    return data.map((d) => ({ registrationId: String(d._id), studentNo: String(d.studentNo), queuedAt: String(d.queuedAt) }));
  }

  /**
   * Steps 3 and 4: the counters with the placements in one transaction on the event, then the registrations. A
   * predecessor's leftover placements (`drainPending`) are applied with ours and left out of our batch. Null when the
   * lease is no longer ours.
   */
  private async placeBatch(eventId: string, token: string, batch: QueuedSignup[], now: Date): Promise<{ placements: Placement[]; counters: QueueCounters } | null> {
    const decided = await this.kit.transact(async (t) => {
      const doc = await readDoc(t.collection(EVENTS).doc(eventId));
      if (!doc) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
      if (doc.drainOwner !== token) return null;
      // Placements kept by a drainer that died before writing them all (ours, from the batch before, are written).
      const leftover =
        Array.isArray(doc.drainPending) && doc.drainPendingBy !== token ? (doc.drainPending as PlacementDoc[]).map(fromPlacementDoc) : [];
      const pendingIds = new Set(leftover.map((p) => p.registrationId));
      const { placements, counters } = placeQueued(eventFromDoc(doc), batch.filter((q) => !pendingIds.has(q.registrationId)));
      const until = new Date(now.getTime() + this.options.leaseMs).toISOString();
      await t.collection(EVENTS).doc(eventId).update({
        data: { ...counters, drainPending: placements.map(toPlacementDoc), drainPendingBy: token, drainLeaseUntil: until },
      });
      return { placements: [...leftover, ...placements], counters };
    });
    if (decided === null) return null;
    const stamp = now.toISOString();
    await inPool(decided.placements, this.options.writers, async (p) => {
      await this.kit.db
        .collection(REGISTRATIONS)
        .where({ _id: p.registrationId, status: 'queued' })
        .update({ data: { status: p.status, waitlistSeq: p.waitlistSeq, refusal: p.refusal, updatedAt: stamp } });
    });
    return decided;
  }
}

function outcome(registration: RegistrationRecord, event: EventRecord, waitlistPosition: number | null): SignupOutcome {
  return { registration, event, waitlistPosition };
}

/** The caller's own placement, as this call made it. A refusal is thrown: the sign-up did not happen. */
function placementOutcome(registration: RegistrationRecord, p: Placement, event: EventRecord): SignupOutcome {
  if (p.status === 'cancelled') throw new ApiError(p.refusal ?? 'EVENT_FULL');
  const { queuedAt: _queuedAt, ...placed } = registration;
  return outcome({ ...placed, status: p.status, waitlistSeq: p.waitlistSeq }, event, p.position);
}


