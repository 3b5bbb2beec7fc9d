/** 001: students, events with their seat and waitlist counters, registrations unique per (event, student). */
export const version = 1;
export const sql = `
CREATE TABLE students (
  student_no       TEXT PRIMARY KEY,
  openid           TEXT UNIQUE,
  name             TEXT NOT NULL,
  college          TEXT NOT NULL,
  class_name       TEXT NOT NULL,
  branch           TEXT NOT NULL,
  grade            TEXT NOT NULL,
  is_league_member INTEGER NOT NULL CHECK (is_league_member IN (0, 1))
);

CREATE TABLE events (
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
  status             TEXT NOT NULL CHECK (status IN ('published', 'cancelled')),
  seats_left         INTEGER NOT NULL CHECK (seats_left >= 0 AND seats_left <= capacity),
  waitlist_count     INTEGER NOT NULL CHECK (waitlist_count >= 0),
  waitlist_seq       INTEGER NOT NULL CHECK (waitlist_seq >= 0)
);
CREATE INDEX events_by_start ON events (start_at);

-- One row per (event, student): the primary key is what makes a retried or doubled sign-up a no-op. WITHOUT ROWID
-- keeps the row in its key's B-tree, one index fewer to write per sign-up.
CREATE TABLE registrations (
  event_id     TEXT NOT NULL REFERENCES events (id),
  student_no   TEXT NOT NULL REFERENCES students (student_no),
  status       TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  waitlist_seq INTEGER,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (student_no, event_id)
) WITHOUT ROWID;
-- A waitlist ticket is handed out once per event: two registrations can never share a place in line.
CREATE UNIQUE INDEX registrations_ticket ON registrations (event_id, waitlist_seq) WHERE waitlist_seq IS NOT NULL;
-- The line: only waitlisted rows, so a confirmed sign-up (the common case) writes no entry here.
CREATE INDEX registrations_line ON registrations (event_id, waitlist_seq) WHERE status = 'waitlisted';
`;
