/**
 * Version 12: fair seats (issue 16).
 *
 * - events: `signup_mode` (first_come | lottery), `lottery_priority` (the organiser's weights while a draft) and
 *   `lottery` (the lottery's public side as JSON from publishing on: commitment, committed priority rules, and after
 *   the draw the seed and its figures); every event before is first come, first served.
 * - registrations may be `applied` (a lottery application: no seat, no ticket) and carry the application's weight,
 *   and from the draw on its pseudonym and place in the drawn order. SQLite cannot change a CHECK constraint in place,
 *   so the table is rebuilt (the documented procedure, as in 006), keeping every row and index.
 * - lotteries: the secrets of each lottery (the seed until the draw; the pseudonym key for ever), never sent to a
 *   client; one row per lottery event.
 * - leave_requests (请假), no_show_marks, signup_blocks and the block rule (conduct_settings).
 * - follows (a student's followed topics) and follow_alerts (events whose alerts were queued).
 * - outbox and consents accept the new kinds (lottery_result, new_event): rebuilt like registrations.
 */
export const version = 12;
export const foreignKeysOff = true;
export const sql = `
ALTER TABLE events ADD COLUMN signup_mode TEXT NOT NULL DEFAULT 'first_come' CHECK (signup_mode IN ('first_come', 'lottery'));
ALTER TABLE events ADD COLUMN lottery TEXT CHECK (lottery IS NULL OR json_valid(lottery));
ALTER TABLE events ADD COLUMN lottery_priority TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(lottery_priority));

CREATE TABLE registrations_new (
  event_id          TEXT NOT NULL REFERENCES events (id),
  student_no        TEXT NOT NULL REFERENCES students (student_no),
  status            TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'pending', 'applied', 'cancelled')),
  waitlist_seq      INTEGER,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  pass_seq          INTEGER NOT NULL DEFAULT 0 CHECK (pass_seq >= 0),
  lottery_weight    INTEGER CHECK (lottery_weight IS NULL OR (lottery_weight >= 1 AND lottery_weight <= 1000)),
  draw_rank         INTEGER CHECK (draw_rank IS NULL OR draw_rank >= 1),
  lottery_pseudonym TEXT,
  PRIMARY KEY (student_no, event_id)
) WITHOUT ROWID;
INSERT INTO registrations_new (event_id, student_no, status, waitlist_seq, created_at, updated_at, pass_seq)
  SELECT event_id, student_no, status, waitlist_seq, created_at, updated_at, pass_seq FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_new RENAME TO registrations;
CREATE UNIQUE INDEX registrations_ticket ON registrations (event_id, waitlist_seq) WHERE waitlist_seq IS NOT NULL;
CREATE INDEX registrations_line ON registrations (event_id, waitlist_seq) WHERE status = 'waitlisted';
-- The applications the draw reads, and the published list (by pseudonym) after it.
CREATE INDEX registrations_applied ON registrations (event_id, student_no) WHERE status = 'applied';
CREATE UNIQUE INDEX registrations_drawn ON registrations (event_id, lottery_pseudonym) WHERE draw_rank IS NOT NULL;

CREATE TABLE lotteries (
  event_id      TEXT PRIMARY KEY REFERENCES events (id),
  seed          TEXT NOT NULL,
  pseudonym_key TEXT NOT NULL,
  commitment    TEXT NOT NULL,
  committed_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE leave_requests (
  event_id        TEXT NOT NULL,
  student_no      TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  reason          TEXT NOT NULL,
  photo_file_id   TEXT,
  created_at      TEXT NOT NULL,
  decided_at      TEXT,
  decided_by      TEXT,
  decision_reason TEXT,
  PRIMARY KEY (event_id, student_no)
) WITHOUT ROWID;
CREATE INDEX leave_requests_by_status ON leave_requests (status, created_at);
CREATE INDEX leave_requests_by_student ON leave_requests (student_no, created_at);

CREATE TABLE no_show_marks (
  event_id       TEXT NOT NULL,
  student_no     TEXT NOT NULL,
  event_title    TEXT NOT NULL,
  term           TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  removed_at     TEXT,
  removed_reason TEXT,
  PRIMARY KEY (event_id, student_no)
) WITHOUT ROWID;
CREATE INDEX no_show_marks_by_student ON no_show_marks (student_no, term);

CREATE TABLE signup_blocks (
  student_no   TEXT PRIMARY KEY,
  term         TEXT NOT NULL,
  until        TEXT NOT NULL,
  marks        INTEGER NOT NULL,
  event_titles TEXT NOT NULL CHECK (json_valid(event_titles)),
  reason       TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX signup_blocks_by_until ON signup_blocks (until);

CREATE TABLE conduct_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  settings   TEXT NOT NULL CHECK (json_valid(settings)),
  updated_at TEXT NOT NULL
);

CREATE TABLE follows (
  student_no TEXT NOT NULL,
  topic      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (student_no, topic)
) WITHOUT ROWID;
CREATE INDEX follows_by_topic ON follows (topic, student_no);

CREATE TABLE follow_alerts (
  event_id  TEXT PRIMARY KEY,
  queued_at TEXT NOT NULL,
  queued    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE outbox_new (
  key             TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('event_reminder', 'waitlist_promoted', 'event_cancelled', 'lottery_result', 'new_event')),
  student_no      TEXT NOT NULL,
  event_id        TEXT NOT NULL,
  data            TEXT NOT NULL CHECK (json_valid(data)),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT,
  deadline_at     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
INSERT INTO outbox_new (key, kind, student_no, event_id, data, status, attempts, next_attempt_at, last_error, created_at, sent_at, deadline_at)
  SELECT key, kind, student_no, event_id, data, status, attempts, next_attempt_at, last_error, created_at, sent_at, deadline_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_created ON outbox (created_at);
CREATE INDEX outbox_due_by_deadline ON outbox (deadline_at, key) WHERE status = 'pending';

CREATE TABLE consents_new (
  student_no TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('event_reminder', 'waitlist_promoted', 'event_cancelled', 'lottery_result', 'new_event')),
  remaining  INTEGER NOT NULL CHECK (remaining >= 0),
  PRIMARY KEY (student_no, kind)
) WITHOUT ROWID;
INSERT INTO consents_new (student_no, kind, remaining) SELECT student_no, kind, remaining FROM consents;
DROP TABLE consents;
ALTER TABLE consents_new RENAME TO consents;
`;
