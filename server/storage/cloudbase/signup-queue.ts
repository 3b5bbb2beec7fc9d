import { ApiError } from '../../../types';
import {
  decideIntake,
  placeQueued,
  registrationId,
  type AudienceFacts,
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
import { EventViews } from './event-views';

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
  /** A lease not renewed for this long is free again (a drainer that died). */
  leaseMs: number;
  /**
   * How long an instance reuses an event document it read in the rush window for the next sign-ups at the door,
   * instead of reading it again (0: never). See event-views.ts for why that is safe.
   */
  intakeCacheMs: number;
  /** How old a view of the event a page asking after its sign-up may be answered from (counters, a drainer at work). */
  pollViewMs: number;
  /**
   * How long after a sign-up's arrival the drainer waits before placing it: a sign-up is stamped when its call
   * arrives but written a few requests later (the caller's identity, the door), so one that arrived earlier may still
   * be on its way when a later one is already in the queue. Placing only those older than this keeps arrival order
   * for every intake that takes less than it; a slower one is placed in the next batch (docs/cloudbase.md).
   */
  settleMs: number;
}

export const DEFAULT_SIGNUP_QUEUE: SignupQueueOptions = {
  enabled: true,
  // A batch of 500 is one query (well under the 1000 a page may hold) and one transaction; its placements are written
  // 200 at a time, so a drainer keeps up with thousands of arrivals a second (bench/cloudbase-rush.ts).
  batchSize: 500,
  writers: 200,
  sliceMs: 2000,
  leaseMs: 30_000,
  intakeCacheMs: 1000,
  pollViewMs: 500,
  // An intake is 3–7 requests (p99 0.12 s at 20 ms each, bench/cloudbase-rush.ts): half a second leaves room for a
  // slow one. 300 ms cost 5.89 operations a sign-up and 3.6 s to the last answer, 500 ms 6.88 and 5.2 s, 1 s 8.58.
  settleMs: 500,
};

/** Thrown inside the direct path's transaction when the sign-up must go to the queue instead. */
export class GoToQueue extends Error {
  /** The event's document as the transaction read it (the instance keeps it: EventViews). */
  constructor(readonly doc: WxDoc) {
    super('to the queue');
    this.name = 'GoToQueue';
  }
}

/** Whether a drainer holds the event's lease at `now` (read from the raw event document). */
export function drainerActive(doc: WxDoc, now: Date): boolean {
  return typeof doc.drainLeaseUntil === 'string' && doc.drainLeaseUntil > now.toISOString();
}

/** A placement as kept on the event while it is being written (short keys: a batch of 500 stays about 40 KB). */
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
  /** What this instance last saw of events in a rush (shared with the door and the page's asking: events.ts). */
  readonly views: EventViews;

  constructor(
    private readonly kit: CloudbaseKit,
    readonly options: SignupQueueOptions,
  ) {
    this.views = new EventViews(kit);
  }

  /**
   * The intake: the door's rules (decideIntake), then the student's own registration written `queued`; then the
   * lease, if free, so that this call drains (itself included) and answers the placement. Otherwise the answer is the
   * queued registration, at once: the page asks again (pollSignup) until it is placed. A refusal is thrown.
   * `drainerSeen`: the event, as seen moments ago, had a drainer at work — then the lease is not even tried (it would
   * fail: one operation for nothing).
   */
  async signUp(event: EventRecord, studentNo: string, now: Date, student: AudienceFacts | null | undefined, drainerSeen = false): Promise<SignupOutcome> {
    const first = decideIntake(event, null, now, student);
    if (first.kind === 'refuse') {
      // The rules rank a registration already held above the window and the audience: look before refusing.
      const existing = first.code === 'EVENT_CANCELLED' ? null : await readRegistrationIn(this.kit.db, event.id, studentNo);
      const again = existing ? decideIntake(event, existing, now, student) : first;
      throw new ApiError(again.kind === 'refuse' ? again.code : first.code);
    }
    const registration = await this.enqueue(event, studentNo, now, student, first.kind);
    if (registration.status !== 'queued' || drainerSeen) return outcome(registration, event, null);
    const made = await this.drain(event.id, now, registration.id);
    const placed = made.placements.find((p) => p.registrationId === registration.id);
    return placed ? placementOutcome(registration, placed, { ...event, ...made.counters }) : outcome(registration, event, null);
  }

  /**
   * Drains a slice if the lease is free (a student's page asking again, the timer), placing `mustPlace` (a caller's
   * own sign-up) before the slice may end. Answers the placements made and the counters after them; a lease found
   * held is remembered for a moment (EventViews.noteDrainer), so that this instance's next calls leave it alone.
   */
  async drain(eventId: string, now: Date, mustPlace?: string): Promise<{ placements: Placement[]; counters: QueueCounters | null }> {
    const made = await this.drainSlice(eventId, now, mustPlace);
    if (!made.leased) this.views.noteDrainer(eventId, now, this.options.pollViewMs);
    else this.views.noteDrained(eventId, made.counters, now);
    return made;
  }

  async settle(eventId: string, now: Date): Promise<Placement[]> {
    return (await this.drain(eventId, now)).placements;
  }

  /** Events with queued sign-ups (the timer settles what nobody came back for). One query. */
  async eventsWithQueue(): Promise<string[]> {
    const { data } = await this.kit.db.collection(REGISTRATIONS).where({ status: 'queued' }).limit(100).get();
    return [...new Set(data.map((d) => String(d.eventId)))];
  }

  /** The queued registration, added (one operation); a cancelled one is re-queued by a conditional update. */
  private async enqueue(event: EventRecord, studentNo: string, now: Date, student: AudienceFacts | null | undefined, kind: 'queue' | 'pending'): Promise<RegistrationRecord> {
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
    const decision = decideIntake(event, existing, now, student);
    if (decision.kind === 'refuse') throw new ApiError(decision.code);
    const renewed = { ...fresh, passSeq: existing?.passSeq ?? 0, createdAt: existing?.createdAt ?? stamp };
    const { stats } = await this.kit.db
      .collection(REGISTRATIONS)
      .where({ _id: id, status: 'cancelled' })
      .update({ data: { status: renewed.status, waitlistSeq: null, updatedAt: stamp, queuedAt: renewed.queuedAt ?? null, refusal: null } });
    if (stats.updated !== 1) throw new ApiError('ALREADY_SIGNED_UP');
    return renewed;
  }

  /**
   * One slice of draining, if the lease can be had: batches until the queue is empty or the slice is over (but not
   * before `mustPlace`, if given, is placed — a caller's own sign-up). Answers every placement made.
   */
  private async drainSlice(eventId: string, now: Date, mustPlace?: string): Promise<{ placements: Placement[]; counters: QueueCounters | null; leased: boolean }> {
    const token = `${now.getTime().toString(36)}-${Math.floor(this.kit.random() * 2 ** 48).toString(36)}`;
    const placed: Placement[] = [];
    let counters: QueueCounters | null = null;
    const done = () => ({ placements: placed, counters, leased: true });
    if (!(await this.takeLease(eventId, token, now))) return { placements: placed, counters, leased: false };
    const started = this.kit.nowMs();
    let ownPlaced = mustPlace === undefined;
    // The request clock as it runs on: `now` advanced by the time this slice has taken.
    const clock = () => now.getTime() + (this.kit.nowMs() - started);
    for (;;) {
      const batch = await this.nextQueued(eventId, this.options.batchSize, clock() - this.options.settleMs);
      if (batch.length === 0) {
        const oldest = await this.nextQueued(eventId, 1);
        if (oldest.length > 0) {
          // Queued, but so recently that someone who arrived before may still be on the way: wait for them, unless
          // the slice is over and our own is placed (then whoever comes next waits).
          const wait = Math.min(this.options.settleMs, Date.parse(oldest[0].queuedAt) + this.options.settleMs - clock() + 1);
          if (ownPlaced && this.kit.nowMs() - started + wait >= this.options.sliceMs) {
            await this.releaseLease(eventId, token);
            return done();
          }
          await this.kit.pause(Math.max(1, wait));
          continue;
        }
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

  /** The next queued sign-ups in arrival order; with `arrivedBeforeMs`, only those that arrived before it. */
  private async nextQueued(eventId: string, limit = this.options.batchSize, arrivedBeforeMs?: number): Promise<QueuedSignup[]> {
    const where: Record<string, unknown> = { eventId, status: 'queued' };
    if (arrivedBeforeMs !== undefined) where.queuedAt = this.kit.command.lt(new Date(arrivedBeforeMs).toISOString());
    const query = inOrder(this.kit.db.collection(REGISTRATIONS).where(where), [['queuedAt', 'asc']]);
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
        .update({ data: { status: p.status, waitlistSeq: p.waitlistSeq, refusal: p.refusal, updatedAt: stamp, ...placedFields(p, stamp) } });
    });
    return decided;
  }
}

/** A waitlisted placement keeps its place in line as placed, answered while fresh (core: placedPositionIfFresh). */
function placedFields(p: Placement, stamp: string): { placedPosition: number | null; placedAt: string | null } {
  return p.status === 'waitlisted' && p.position !== null ? { placedPosition: p.position, placedAt: stamp } : { placedPosition: null, placedAt: null };
}

/** A queued registration as a placement this call made leaves it (a refusal: cancelled, with its reason). */
export function placedRegistration(registration: RegistrationRecord, p: Placement, now: Date): RegistrationRecord {
  const { queuedAt: _queuedAt, ...rest } = registration;
  const stamp = now.toISOString();
  return {
    ...rest,
    status: p.status,
    waitlistSeq: p.waitlistSeq,
    updatedAt: stamp,
    ...(p.refusal ? { refusal: p.refusal } : {}),
    ...(p.status === 'waitlisted' && p.position !== null ? { placed: { position: p.position, at: stamp } } : {}),
  };
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


