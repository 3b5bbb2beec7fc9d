import type { AuditDraft, EventRecord, RegistrationRecord } from '../../../core';

/** The fields an organiser edits: everything but id, counters, status and check-in staff. */
export type EditableEventFields = Omit<
  EventRecord,
  'id' | 'status' | 'seatsLeft' | 'waitlistCount' | 'waitlistSeq' | 'checkedInCount' | 'checkedOutCount' | 'staffOpenids' | 'createdBy' | 'cancelReason'
  // The lottery's public side is the lottery area's: written when it is published and drawn, never by an edit.
  | 'lottery'
>;

/**
 * Publishing: creating and editing events, their lifecycle, applications (approval events), and what the timer
 * closes or reminds about. Refusals are ApiError, thrown before any write.
 */
export interface PublishingPort {
  /** Creates an event (status draft or published) with zeroed counters; ApiError INVALID_INPUT if the id exists. */
  createEvent(event: EventRecord, audit: AuditDraft): Promise<EventRecord>;
  /**
   * Edits the organiser's fields atomically, keeping every counter. A capacity change moves seatsLeft by the same
   * delta; below the confirmed count → CAPACITY_BELOW_CONFIRMED. A cancelled event → EVENT_CANCELLED. NOT_FOUND.
   */
  updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): Promise<EventRecord>;
  /**
   * Moves an event along its lifecycle (mayTransition / statusAfter, core/publishing) atomically; the
   * reason is kept for a cancellation. STATUS_CHANGE_NOT_ALLOWED when the transition is not allowed; NOT_FOUND.
   */
  changeEventStatus(eventId: string, action: 'publish' | 'close' | 'reopen' | 'cancel', reason: string | null, audit: AuditDraft): Promise<EventRecord>;
  /** The event's registrations with these statuses, by creation time. */
  listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): Promise<RegistrationRecord[]>;
  /**
   * Approves (a seat: confirmed, seatsLeft − 1; EVENT_FULL when none is left) or rejects (cancelled) a pending
   * application, atomically with its audit entry. NOT_PENDING if the registration is not pending.
   */
  decideApplication(eventId: string, studentNo: string, approve: boolean, now: Date, audit: AuditDraft): Promise<{ registration: RegistrationRecord; event: EventRecord }>;
  /** Events whose sign-up window has ended but that are still published (the timer closes them). */
  listEventsToClose(now: Date): Promise<EventRecord[]>;
  /** Published or closed events starting in (now, now + leadMs]: reminders are due (see reminderDue). */
  listEventsStartingWithin(now: Date, leadMs: number): Promise<EventRecord[]>;
}
