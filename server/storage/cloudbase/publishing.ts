import { ApiError } from '../../../types';
import { mayTransition, registrationId, statusAfter, type AuditDraft, type EventRecord, type RegistrationRecord } from '../../../core';
import type { EditableEventFields, PublishingPort } from '../ports';
import { COLLECTIONS, eventFromDoc, eventToDoc, registrationFromDoc } from './documents';
import { addIn, readEventIn, readRegistrationIn, type CloudbaseKit } from './kit';

const { events: EVENTS, registrations: REGISTRATIONS } = COLLECTIONS;

/** The fields of an event that no edit may change (counters, lifecycle, staff, authorship). */
const NOT_EDITABLE = [
  'id',
  '_id',
  'status',
  'seatsLeft',
  'waitlistCount',
  'waitlistSeq',
  'checkedInCount',
  'checkedOutCount',
  'staffOpenids',
  'createdBy',
  'cancelReason',
] as const;

/**
 * Publishing on CloudBase: creating and editing events, their lifecycle, applications, and the timer's queries.
 * Every write is one `runTransaction` of `doc(id)` operations and `add`s plus its audit entry, under the kit's retry
 * policy; queries stay outside transactions. Operation counts are in docs/cloudbase.md ("The committee's tools") and
 * asserted by tests/contract/cloudbase-ops.test.ts.
 */
export class CloudbasePublishing implements PublishingPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /**
   * One transaction: add `events/<id>` (its `_id` makes a second event of the same id impossible) and the audit
   * entry: 2 operations. Counters start at zero (seatsLeft = capacity). If the add fails, the event is read (rare
   * path): it exists → INVALID_INPUT; else the failure is rethrown.
   */
  async createEvent(event: EventRecord, audit: AuditDraft): Promise<EventRecord> {
    const stored: EventRecord = {
      ...event,
      seatsLeft: event.capacity,
      waitlistCount: 0,
      waitlistSeq: 0,
      checkedInCount: 0,
      checkedOutCount: 0,
    };
    await this.kit.transact(
      async (t) => {
        await addIn(t, EVENTS, event.id, eventToDoc(stored));
        await this.kit.addAudit(t, audit);
      },
      { addExists: () => new ApiError('INVALID_INPUT', '活动编号已存在，请刷新后重试') },
    );
    return stored;
  }

  /**
   * One transaction, 3 operations: read the event, write the organiser's fields (objects and arrays replaced whole,
   * `_.set`: an `update` would merge a nested object field by field) with seatsLeft moved by the capacity's change,
   * add the audit entry. Refusals before any write: NOT_FOUND, EVENT_CANCELLED, CAPACITY_BELOW_CONFIRMED
   * (confirmed = capacity − seatsLeft).
   */
  async updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): Promise<EventRecord> {
    const _ = this.kit.command;
    const editable = editableOf(fields);
    return this.kit.transact(async (t) => {
      const event = await readEventIn(t, eventId);
      if (event.status === 'cancelled' || !mayTransition(event.status, 'edit')) throw new ApiError('EVENT_CANCELLED');
      const capacity = typeof editable.capacity === 'number' ? editable.capacity : event.capacity;
      if (capacity < event.capacity - event.seatsLeft) throw new ApiError('CAPACITY_BELOW_CONFIRMED');
      const seatsLeft = event.seatsLeft + (capacity - event.capacity);
      const data: Record<string, unknown> = { seatsLeft };
      for (const [key, value] of Object.entries(editable)) {
        data[key] = value !== null && typeof value === 'object' ? _.set(value) : value;
      }
      await t.collection(EVENTS).doc(eventId).update({ data });
      await this.kit.addAudit(t, audit);
      return { ...event, ...(editable as Partial<EventRecord>), seatsLeft };
    });
  }

  /**
   * One transaction, 3 operations: read the event, write its next status (mayTransition / statusAfter; the reason of
   * a cancellation in `cancelReason`; `updatedAt` the audit's time), add the audit entry. STATUS_CHANGE_NOT_ALLOWED,
   * NOT_FOUND before any write.
   */
  async changeEventStatus(
    eventId: string,
    action: 'publish' | 'close' | 'reopen' | 'cancel',
    reason: string | null,
    audit: AuditDraft,
  ): Promise<EventRecord> {
    return this.kit.transact(async (t) => {
      const event = await readEventIn(t, eventId);
      if (!mayTransition(event.status, action)) throw new ApiError('STATUS_CHANGE_NOT_ALLOWED');
      const change: Partial<EventRecord> = { status: statusAfter(event.status, action), updatedAt: audit.at };
      if (action === 'cancel') change.cancelReason = reason;
      await t.collection(EVENTS).doc(eventId).update({ data: change });
      await this.kit.addAudit(t, audit);
      return { ...event, ...change };
    });
  }

  /** A query by `eventId, status` ordered by `createdAt` (then `_id`), 100 a page. */
  async listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): Promise<RegistrationRecord[]> {
    if (!statuses.length) return [];
    const _ = this.kit.command;
    const query = this.kit.db.collection(REGISTRATIONS).where({ eventId, status: _.in([...new Set(statuses)]) });
    return (await this.kit.fetchAll(query, [['createdAt', 'asc']])).map(registrationFromDoc);
  }

  /**
   * One transaction: read the event and the registration (NOT_PENDING unless pending); approving takes a seat
   * (EVENT_FULL when none is left) and writes event and registration, rejecting cancels the registration; then the
   * audit entry. Approve: 5 operations; reject: 4. Approvals racing for the last seat all write the event, so they
   * conflict and the losers re-run and find it full.
   */
  async decideApplication(
    eventId: string,
    studentNo: string,
    approve: boolean,
    now: Date,
    audit: AuditDraft,
  ): Promise<{ registration: RegistrationRecord; event: EventRecord }> {
    const id = registrationId(eventId, studentNo);
    return this.kit.transact(async (t) => {
      const event = await readEventIn(t, eventId);
      const registration = await readRegistrationIn(t, eventId, studentNo);
      if (!registration || registration.status !== 'pending') throw new ApiError('NOT_PENDING');
      const stamp = now.toISOString();
      let after = event;
      if (approve) {
        if (event.seatsLeft <= 0) throw new ApiError('EVENT_FULL', '名额已满，无法通过这份申请');
        after = { ...event, seatsLeft: event.seatsLeft - 1 };
        await t.collection(EVENTS).doc(eventId).update({ data: { seatsLeft: after.seatsLeft } });
      }
      const status = approve ? 'confirmed' : 'cancelled';
      await t.collection(REGISTRATIONS).doc(id).update({ data: { status, updatedAt: stamp } });
      await this.kit.addAudit(t, audit);
      return { registration: { ...registration, status, updatedAt: stamp }, event: after };
    });
  }

  /** A query: published events whose sign-up has ended (`signupEndAt` ≤ now). */
  async listEventsToClose(now: Date): Promise<EventRecord[]> {
    const _ = this.kit.command;
    const query = this.kit.db.collection(EVENTS).where({ status: 'published', signupEndAt: _.lte(now.toISOString()) });
    return (await this.kit.fetchAll(query, [['signupEndAt', 'asc']])).map(eventFromDoc);
  }

  /** A query: published or closed events starting in (now, now + leadMs], by start. */
  async listEventsStartingWithin(now: Date, leadMs: number): Promise<EventRecord[]> {
    const _ = this.kit.command;
    const window = (_.gt(now.toISOString()) as { and(x: unknown): unknown }).and(_.lte(new Date(now.getTime() + leadMs).toISOString()));
    const query = this.kit.db.collection(EVENTS).where({ status: _.in(['published', 'closed']), startAt: window });
    return (await this.kit.fetchAll(query, [['startAt', 'asc']])).map(eventFromDoc);
  }
}

/** The organiser's fields only: whatever else `fields` carries is left out. */
function editableOf(fields: EditableEventFields): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const key of NOT_EDITABLE) delete out[key];
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
