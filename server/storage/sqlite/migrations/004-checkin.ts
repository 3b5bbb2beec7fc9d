/**
 * 004: check-in. Each event gains its check-in rules, its host (who may scan), assigned staff, an optional venue
 * radius and its checked-in/out counters; each registration the number of its latest check-in pass; one attendance row
 * per (event, student) who came; and every processed scan by its nonce, so a retried or re-uploaded scan is answered
 * from there and never applied twice.
 *
 * Existing events get the defaults of defaultCheckinSettings (core/checkin/attendance.ts): check-in from 30
 * minutes before the start until the end, check-out until an hour after the end, hours recorded (check-out required)
 * for volunteering and first-aid training, a stay of 60% counting; hosted by the committee, no staff, no walk-ins.
 */
export const version = 4;
export const sql = `
ALTER TABLE events ADD COLUMN checkin_start_at TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN checkin_end_at TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN checkout_end_at TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN checkout_required INTEGER NOT NULL DEFAULT 0 CHECK (checkout_required IN (0, 1));
ALTER TABLE events ADD COLUMN min_stay_ratio REAL NOT NULL DEFAULT 0.6 CHECK (min_stay_ratio >= 0 AND min_stay_ratio <= 1);
ALTER TABLE events ADD COLUMN allow_walk_ins INTEGER NOT NULL DEFAULT 0 CHECK (allow_walk_ins IN (0, 1));
ALTER TABLE events ADD COLUMN host_kind TEXT NOT NULL DEFAULT 'committee' CHECK (host_kind IN ('committee', 'college', 'branch'));
ALTER TABLE events ADD COLUMN host_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN host_college TEXT NOT NULL DEFAULT '';
-- Openids the organiser assigned to run check-in: a JSON array (a handful at most, always read with the event).
ALTER TABLE events ADD COLUMN staff_openids TEXT NOT NULL DEFAULT '[]';
-- {"lat":…,"lng":…,"radiusM":…} or NULL: event-code check-in only near the venue.
ALTER TABLE events ADD COLUMN geofence TEXT;
ALTER TABLE events ADD COLUMN checked_in_count INTEGER NOT NULL DEFAULT 0 CHECK (checked_in_count >= 0);
ALTER TABLE events ADD COLUMN checked_out_count INTEGER NOT NULL DEFAULT 0 CHECK (checked_out_count >= 0);

UPDATE events SET
  checkin_start_at  = strftime('%Y-%m-%dT%H:%M:%fZ', start_at, '-30 minutes'),
  checkin_end_at    = strftime('%Y-%m-%dT%H:%M:%fZ', end_at),
  checkout_end_at   = strftime('%Y-%m-%dT%H:%M:%fZ', end_at, '+60 minutes'),
  checkout_required = category IN ('volunteer', 'firstaid');

-- Kept when a registration is cancelled and renewed, so a number is never handed out twice.
ALTER TABLE registrations ADD COLUMN pass_seq INTEGER NOT NULL DEFAULT 0 CHECK (pass_seq >= 0);

-- One row per member who came (or was checked in by hand, or whose check-in was undone). A scan reads and writes
-- it by its key; nothing here is ever counted per scan (the counters are on the event).
CREATE TABLE attendance (
  event_id        TEXT NOT NULL REFERENCES events (id),
  student_no      TEXT NOT NULL REFERENCES students (student_no),
  walk_in         INTEGER NOT NULL CHECK (walk_in IN (0, 1)),
  checked_in_at   TEXT,
  checked_in_by   TEXT,
  checkin_method  TEXT CHECK (checkin_method IN ('member_code', 'event_code', 'manual')),
  checked_out_at  TEXT,
  checked_out_by  TEXT,
  checkout_method TEXT CHECK (checkout_method IN ('member_code', 'event_code', 'manual')),
  updated_at      TEXT NOT NULL,
  CHECK (checked_out_at IS NULL OR checked_in_at IS NOT NULL),
  PRIMARY KEY (event_id, student_no)
) WITHOUT ROWID;

-- Every processed scan by the scanning app's nonce, refusals included. A log: no foreign keys, no secondary index
-- (nothing reads it but by scan id), so keeping a scan costs one B-tree insert.
CREATE TABLE scans (
  scan_id     TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL,
  student_no  TEXT NOT NULL,
  purpose     TEXT NOT NULL CHECK (purpose IN ('in', 'out')),
  scanned_at  TEXT NOT NULL,
  received_at TEXT NOT NULL,
  scanned_by  TEXT NOT NULL,
  offline     INTEGER NOT NULL CHECK (offline IN (0, 1)),
  -- {"status":"recorded"|"already"|"refused","code":…,"attendance":{…}|null}
  outcome     TEXT NOT NULL
) WITHOUT ROWID;
`;
