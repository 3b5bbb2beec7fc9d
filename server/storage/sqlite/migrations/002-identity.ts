/**
 * 002: identity. A second factor per student (keyed hash only), failed binding attempts per account, roles held by
 * accounts (scoped to a branch or college), and the audit log of every binding, role and roster change.
 */
export const version = 2;
export const sql = `
ALTER TABLE students ADD COLUMN second_factor_hash TEXT;
CREATE INDEX students_by_branch ON students (branch, student_no);

CREATE TABLE bind_attempts (
  openid       TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL CHECK (failures >= 0),
  locked_until TEXT
);

CREATE TABLE role_grants (
  openid     TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('branch_officer', 'college_officer', 'committee_admin')),
  scope      TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (openid, role, scope)
) WITHOUT ROWID;

-- Append-only: nothing in the code updates or deletes a row.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;
