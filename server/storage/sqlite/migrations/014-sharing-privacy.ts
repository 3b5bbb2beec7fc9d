/**
 * Version 14 (issue 15): the 小程序码 of each event's posters (generated once, the image in the file store), students'
 * requests to delete their personal information (one row per student: the latest request), and the indexes that let
 * a student's export read their rows without scanning whole tables. 009, 012 and 013 are taken by other work.
 */
export const version = 14;
export const sql = `
CREATE TABLE poster_codes (
  event_id   TEXT PRIMARY KEY,
  scene      TEXT NOT NULL UNIQUE CHECK (length(scene) BETWEEN 1 AND 32),
  kind       TEXT NOT NULL CHECK (kind IN ('wxacode', 'qr')),
  target     TEXT NOT NULL,
  file_id    TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE data_requests (
  student_no   TEXT PRIMARY KEY REFERENCES students (student_no),
  id           TEXT NOT NULL UNIQUE,
  openid       TEXT,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'completed')),
  note         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  completed_at TEXT,
  completed_by TEXT,
  reply        TEXT,
  erased       TEXT CHECK (erased IS NULL OR json_valid(erased)),
  CHECK ((status = 'pending') = (completed_at IS NULL))
) WITHOUT ROWID;
CREATE INDEX data_requests_by_status ON data_requests (status, created_at);
CREATE INDEX data_requests_by_account ON data_requests (openid, created_at);

CREATE INDEX attendance_by_student ON attendance (student_no);
CREATE INDEX scans_by_student ON scans (student_no, scanned_at);
CREATE INDEX outbox_by_student ON outbox (student_no, created_at);
CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_target ON audit_log (target, id);
CREATE INDEX web_sessions_by_account ON web_sessions (openid);
`;
