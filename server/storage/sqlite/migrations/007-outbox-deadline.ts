/**
 * Version 7: every outbox message knows its deadline (the start of the event it is about), so that the job sends the
 * most urgent first and never sends one late. Messages queued before get their event's start; one whose event is gone
 * gets its creation time, which is past, so it is skipped rather than sent.
 */
export const version = 7;
export const sql = `
ALTER TABLE outbox ADD COLUMN deadline_at TEXT NOT NULL DEFAULT '';
UPDATE outbox SET deadline_at = coalesce((SELECT start_at FROM events WHERE events.id = outbox.event_id), created_at);
CREATE INDEX outbox_due_by_deadline ON outbox (deadline_at, key) WHERE status = 'pending';
`;
