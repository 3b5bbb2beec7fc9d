/**
 * 006: the committee's tools. Each event gains what its kind needs (details), its audience, whether sign-ups are
 * applications (approval_required), who created it, when it was last changed and why it was cancelled; events may
 * now be drafts or closed, and a registration may be a pending application. Social-practice teams and their members
 * (one team per student per event), the notification outbox (keyed by reason) and consents, and the plan's targets.
 *
 * SQLite cannot change a CHECK constraint in place, so `events` and `registrations` are rebuilt (SQLite's documented
 * twelve-step procedure: new table, copy, drop, rename, indexes again). Dropping `events` while other tables refer to
 * it needs foreign keys off, which a transaction cannot switch: `foreignKeysOff` tells migrate() to switch them off
 * around this migration and to run `PRAGMA foreign_key_check` before committing.
 *
 * Events stored before: no details (null), open to everyone, no approval, created by 'system', last changed when
 * their sign-up opened (the earliest moment they are known to have existed), no cancel reason.
 */
export const version = 6;
export const foreignKeysOff = true;
export const sql = `
CREATE TABLE events_new (
  id                 TEXT PRIMARY KEY,
  title              TEXT NOT NULL,
  category           TEXT NOT NULL,
  tag                TEXT NOT NULL,
  organizer          TEXT NOT NULL,
  location           TEXT NOT NULL,
  description        TEXT NOT NULL,
  start_at           TEXT NOT NULL,
  end_at             TEXT NOT NULL,
  signup_start_at    TEXT NOT NULL,
  signup_end_at      TEXT NOT NULL,
  cancel_deadline_at TEXT NOT NULL,
  capacity           INTEGER NOT NULL CHECK (capacity >= 0),
  waitlist_enabled   INTEGER NOT NULL CHECK (waitlist_enabled IN (0, 1)),
  credits            REAL NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'cancelled')),
  seats_left         INTEGER NOT NULL CHECK (seats_left >= 0 AND seats_left <= capacity),
  waitlist_count     INTEGER NOT NULL CHECK (waitlist_count >= 0),
  waitlist_seq       INTEGER NOT NULL CHECK (waitlist_seq >= 0),
  checkin_start_at   TEXT NOT NULL DEFAULT '',
  checkin_end_at     TEXT NOT NULL DEFAULT '',
  checkout_end_at    TEXT NOT NULL DEFAULT '',
  checkout_required  INTEGER NOT NULL DEFAULT 0 CHECK (checkout_required IN (0, 1)),
  min_stay_ratio     REAL NOT NULL DEFAULT 0.6 CHECK (min_stay_ratio >= 0 AND min_stay_ratio <= 1),
  allow_walk_ins     INTEGER NOT NULL DEFAULT 0 CHECK (allow_walk_ins IN (0, 1)),
  host_kind          TEXT NOT NULL DEFAULT 'committee' CHECK (host_kind IN ('committee', 'college', 'branch')),
  host_unit          TEXT NOT NULL DEFAULT '',
  host_college       TEXT NOT NULL DEFAULT '',
  staff_openids      TEXT NOT NULL DEFAULT '[]',
  geofence           TEXT,
  checked_in_count   INTEGER NOT NULL DEFAULT 0 CHECK (checked_in_count >= 0),
  checked_out_count  INTEGER NOT NULL DEFAULT 0 CHECK (checked_out_count >= 0),
  credit_rule        TEXT NOT NULL DEFAULT '{"base":{"kind":"none"},"assessmentBonus":null}' CHECK (json_valid(credit_rule)),
  -- {"kind":"lecture","track":…,"speaker":…,"topic":…} and the like (KindDetails), or NULL for older events.
  details            TEXT CHECK (details IS NULL OR json_valid(details)),
  -- {"colleges":[…],"grades":[…],"leagueMembersOnly":…}: empty lists mean everyone.
  audience           TEXT NOT NULL DEFAULT '{"colleges":[],"grades":[],"leagueMembersOnly":false}' CHECK (json_valid(audience)),
  approval_required  INTEGER NOT NULL DEFAULT 0 CHECK (approval_required IN (0, 1)),
  created_by         TEXT NOT NULL DEFAULT 'system',
  updated_at         TEXT NOT NULL,
  cancel_reason      TEXT
);
INSERT INTO events_new (id, title, category, tag, organizer, location, description, start_at, end_at, signup_start_at,
    signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left, waitlist_count,
    waitlist_seq, checkin_start_at, checkin_end_at, checkout_end_at, checkout_required, min_stay_ratio, allow_walk_ins,
    host_kind, host_unit, host_college, staff_openids, geofence, checked_in_count, checked_out_count, credit_rule,
    updated_at)
  SELECT id, title, category, tag, organizer, location, description, start_at, end_at, signup_start_at,
    signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left, waitlist_count,
    waitlist_seq, checkin_start_at, checkin_end_at, checkout_end_at, checkout_required, min_stay_ratio, allow_walk_ins,
    host_kind, host_unit, host_college, staff_openids, geofence, checked_in_count, checked_out_count, credit_rule,
    signup_start_at
  FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_start ON events (start_at);

-- 'pending': an application to an event that requires approval; it holds no seat and no waitlist ticket.
CREATE TABLE registrations_new (
  event_id     TEXT NOT NULL REFERENCES events (id),
  student_no   TEXT NOT NULL REFERENCES students (student_no),
  status       TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'pending', 'cancelled')),
  waitlist_seq INTEGER,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  pass_seq     INTEGER NOT NULL DEFAULT 0 CHECK (pass_seq >= 0),
  PRIMARY KEY (student_no, event_id)
) WITHOUT ROWID;
INSERT INTO registrations_new (event_id, student_no, status, waitlist_seq, created_at, updated_at, pass_seq)
  SELECT event_id, student_no, status, waitlist_seq, created_at, updated_at, pass_seq FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_new RENAME TO registrations;
CREATE UNIQUE INDEX registrations_ticket ON registrations (event_id, waitlist_seq) WHERE waitlist_seq IS NOT NULL;
CREATE INDEX registrations_line ON registrations (event_id, waitlist_seq) WHERE status = 'waitlisted';

-- Social-practice teams. report and review are JSON ({title, summary, link, submittedAt} / {by, at, reason}) or NULL.
-- UNIQUE (id, event_id) is only there for team_members' foreign key: a member's event is the team's event.
CREATE TABLE teams (
  id                TEXT PRIMARY KEY,
  event_id          TEXT NOT NULL REFERENCES events (id),
  name              TEXT NOT NULL,
  project           TEXT NOT NULL,
  leader_student_no TEXT NOT NULL REFERENCES students (student_no),
  mentor            TEXT NOT NULL,
  join_code         TEXT NOT NULL UNIQUE,
  status            TEXT NOT NULL CHECK (status IN ('forming', 'signed_up', 'report_submitted', 'approved', 'returned')),
  report            TEXT CHECK (report IS NULL OR json_valid(report)),
  review            TEXT CHECK (review IS NULL OR json_valid(review)),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (id, event_id)
) WITHOUT ROWID;
CREATE INDEX teams_by_event ON teams (event_id, created_at);
CREATE INDEX teams_by_status ON teams (status, created_at);

-- Members, one row each: the primary key (event, student) is the rule "one team per student per event", kept by the
-- database whatever the code does; position orders a team's members (the leader is 0).
CREATE TABLE team_members (
  event_id   TEXT NOT NULL,
  student_no TEXT NOT NULL REFERENCES students (student_no),
  team_id    TEXT NOT NULL,
  position   INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (event_id, student_no),
  FOREIGN KEY (team_id, event_id) REFERENCES teams (id, event_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX team_members_by_team ON team_members (team_id, position);
CREATE INDEX team_members_by_student ON team_members (student_no);

-- The outbox: one row per reason ('<kind>:<eventId>:<studentNo>'), so a message is queued once however often the
-- job that queues it runs. A log like scans: no foreign keys. The due query reads only pending rows by next try.
CREATE TABLE outbox (
  key             TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('event_reminder', 'waitlist_promoted', 'event_cancelled')),
  student_no      TEXT NOT NULL,
  event_id        TEXT NOT NULL,
  data            TEXT NOT NULL CHECK (json_valid(data)),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
) WITHOUT ROWID;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_created ON outbox (created_at);

-- Subscribe-message consents left per student and kind: each "allow" is good for one message.
CREATE TABLE consents (
  student_no TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('event_reminder', 'waitlist_promoted', 'event_cancelled')),
  remaining  INTEGER NOT NULL CHECK (remaining >= 0),
  PRIMARY KEY (student_no, kind)
) WITHOUT ROWID;

-- The plan's yearly targets and monthly schedule as one JSON row; no row means the defaults.
CREATE TABLE plan_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  settings   TEXT NOT NULL CHECK (json_valid(settings)),
  updated_at TEXT NOT NULL
);
`;
