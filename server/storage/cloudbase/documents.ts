import type { EventRecord, RegistrationRecord, StudentRecord } from '../../domain';
import type { WxDoc } from './wx-db';

/**
 * Documents ↔ domain records. Field names are the domain's (camelCase); the record id lives in `_id` only:
 * students by student number, events by event id, registrations by `${eventId}:${studentNo}`. Instants stay ISO
 * strings, as in the domain, so they sort and compare as text in queries.
 */
export const COLLECTIONS = { students: 'students', events: 'events', registrations: 'registrations' } as const;

export type EventDoc = Omit<EventRecord, 'id'> & { _id: string };
export type RegistrationDoc = Omit<RegistrationRecord, 'id'> & { _id: string };
export type StudentDoc = StudentRecord & { _id: string };

export function eventToDoc(e: EventRecord): EventDoc {
  const { id, ...rest } = e;
  return { _id: id, ...rest };
}

export function eventFromDoc(d: WxDoc): EventRecord {
  return {
    id: String(d._id),
    title: d.title as string,
    category: d.category as EventRecord['category'],
    tag: d.tag as string,
    organizer: d.organizer as string,
    location: d.location as string,
    description: d.description as string,
    startAt: d.startAt as string,
    endAt: d.endAt as string,
    signupStartAt: d.signupStartAt as string,
    signupEndAt: d.signupEndAt as string,
    cancelDeadlineAt: d.cancelDeadlineAt as string,
    capacity: d.capacity as number,
    waitlistEnabled: d.waitlistEnabled === true,
    credits: d.credits as number,
    status: d.status as EventRecord['status'],
    seatsLeft: d.seatsLeft as number,
    waitlistCount: d.waitlistCount as number,
    waitlistSeq: d.waitlistSeq as number,
  };
}

export function registrationToDoc(r: RegistrationRecord): RegistrationDoc {
  const { id, ...rest } = r;
  return { _id: id, ...rest };
}

export function registrationFromDoc(d: WxDoc): RegistrationRecord {
  return {
    id: String(d._id),
    eventId: d.eventId as string,
    studentNo: d.studentNo as string,
    status: d.status as RegistrationRecord['status'],
    waitlistSeq: typeof d.waitlistSeq === 'number' ? d.waitlistSeq : null,
    createdAt: d.createdAt as string,
    updatedAt: d.updatedAt as string,
  };
}

export function studentToDoc(s: StudentRecord): StudentDoc {
  return { _id: s.studentNo, ...s };
}

export function studentFromDoc(d: WxDoc): StudentRecord {
  return {
    studentNo: String(d.studentNo ?? d._id),
    openid: typeof d.openid === 'string' ? d.openid : null,
    name: d.name as string,
    college: d.college as string,
    className: d.className as string,
    branch: d.branch as string,
    grade: d.grade as string,
    isLeagueMember: d.isLeagueMember === true,
  };
}

/** A document body without `_id`, as `doc(id).set/update` want it (the SDK refuses to write `_id`). */
export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}
