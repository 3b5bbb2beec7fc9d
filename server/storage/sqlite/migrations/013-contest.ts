/**
 * Version 13: 百生讲坛 as a contest, and the youth lecturer team (core/contest, docs/contest.md).
 *
 * - The judge role (contest_judge) and the contest's credit source type ('contest') are new values of two CHECK
 *   constraints, which SQLite cannot alter: role_grants, role_invitations and ledger are rebuilt (SQLite's documented
 *   procedure: a new table, the rows copied as they are — the ledger's seq included, so its order stands — the old one
 *   dropped, the new one renamed, its indexes and triggers made again). Nothing refers to them by foreign key.
 * - contest_rounds: a round with its scoring sheet, judges, judge assignments (fixed when judging starts) and, once
 *   published, its results, as JSON; entry_seq grows with every entry written.
 * - contest_entries: one per entrant, track and round (the id is built from them; a unique index says it again).
 * - contest_scores: one per entry and judge, final once written (a trigger refuses updates).
 * - lecturers, lecturer_talks: the lecturer team of a year and its members' talks.
 */
export const version = 13;
export const sql = `
CREATE TABLE role_grants_013 (
  openid     TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('branch_officer', 'college_officer', 'committee_admin', 'contest_judge')),
  scope      TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (openid, role, scope)
) WITHOUT ROWID;
INSERT INTO role_grants_013 (openid, role, scope, granted_by, granted_at)
  SELECT openid, role, scope, granted_by, granted_at FROM role_grants;
DROP TABLE role_grants;
ALTER TABLE role_grants_013 RENAME TO role_grants;

CREATE TABLE role_invitations_013 (
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('branch_officer', 'college_officer', 'committee_admin', 'contest_judge')),
  scope TEXT NOT NULL,
  invitee_name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_by TEXT,
  accepted_at TEXT,
  revoked_at TEXT,
  CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
INSERT INTO role_invitations_013 (id, code_hash, role, scope, invitee_name, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at)
  SELECT id, code_hash, role, scope, invitee_name, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at FROM role_invitations;
DROP TABLE role_invitations;
ALTER TABLE role_invitations_013 RENAME TO role_invitations;
CREATE INDEX role_invitations_by_created ON role_invitations (created_at, id);
CREATE INDEX role_invitations_by_account ON role_invitations (accepted_by, accepted_at) WHERE accepted_by IS NOT NULL;
CREATE INDEX role_invitations_by_invitee ON role_invitations (invitee_name) WHERE accepted_by IS NOT NULL;

CREATE TABLE ledger_013 (
  seq          INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  student_no   TEXT NOT NULL,
  module       TEXT NOT NULL,
  amount       INTEGER NOT NULL,
  hours_tenths INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('award', 'reversal', 'penalty')),
  source_type  TEXT NOT NULL CHECK (source_type IN ('attendance', 'assessment', 'appeal', 'manual', 'team', 'no_show', 'contest')),
  event_id     TEXT,
  rule         TEXT NOT NULL,
  reverses     TEXT,
  reason       TEXT,
  confirmed_by TEXT NOT NULL,
  at           TEXT NOT NULL,
  CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
);
INSERT INTO ledger_013 (seq, key, student_no, module, amount, hours_tenths, kind, source_type, event_id, rule, reverses, reason, confirmed_by, at)
  SELECT seq, key, student_no, module, amount, hours_tenths, kind, source_type, event_id, rule, reverses, reason, confirmed_by, at FROM ledger;
DROP TABLE ledger;
ALTER TABLE ledger_013 RENAME TO ledger;
CREATE INDEX ledger_by_student ON ledger (student_no, seq);
CREATE INDEX ledger_by_event ON ledger (event_id, seq) WHERE event_id IS NOT NULL;
CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

CREATE TABLE contest_rounds (
  id               TEXT PRIMARY KEY,
  year             INTEGER NOT NULL,
  level            TEXT NOT NULL CHECK (level IN ('college', 'school')),
  college          TEXT NOT NULL,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  tracks           TEXT NOT NULL CHECK (json_valid(tracks)),
  entry_mode       TEXT NOT NULL CHECK (entry_mode IN ('open', 'advanced')),
  deadline_at      TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('open', 'judging', 'published')),
  sheet            TEXT NOT NULL CHECK (json_valid(sheet)),
  conflict_rule    INTEGER NOT NULL CHECK (conflict_rule IN (0, 1)),
  judges_per_entry INTEGER CHECK (judges_per_entry IS NULL OR judges_per_entry > 0),
  credits          TEXT NOT NULL CHECK (json_valid(credits)),
  event_id         TEXT,
  judges           TEXT NOT NULL CHECK (json_valid(judges)),
  assignments      TEXT NOT NULL CHECK (json_valid(assignments)),
  entry_seq        INTEGER NOT NULL CHECK (entry_seq >= 0),
  results          TEXT CHECK (results IS NULL OR json_valid(results)),
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK ((status = 'published') = (results IS NOT NULL)),
  CHECK ((level = 'school') = (college = ''))
) WITHOUT ROWID;
CREATE INDEX contest_rounds_by_year ON contest_rounds (year, deadline_at);

CREATE TABLE contest_entries (
  id           TEXT PRIMARY KEY,
  round_id     TEXT NOT NULL REFERENCES contest_rounds (id),
  track        TEXT NOT NULL CHECK (track IN ('branch', 'speaker', 'micro')),
  entrant_kind TEXT NOT NULL CHECK (entrant_kind IN ('student', 'branch')),
  student_no   TEXT,
  branch       TEXT NOT NULL,
  college      TEXT NOT NULL,
  team_name    TEXT NOT NULL,
  members      TEXT NOT NULL CHECK (json_valid(members)),
  topic        TEXT NOT NULL,
  outline      TEXT NOT NULL,
  mentor       TEXT NOT NULL,
  materials    TEXT NOT NULL CHECK (json_valid(materials)),
  status       TEXT NOT NULL CHECK (status IN ('submitted', 'withdrawn')),
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK ((entrant_kind = 'student') = (student_no IS NOT NULL))
);
CREATE UNIQUE INDEX contest_entries_one_per_entrant
  ON contest_entries (round_id, track, CASE entrant_kind WHEN 'student' THEN 's:' || student_no ELSE 'b:' || branch END);
CREATE INDEX contest_entries_by_student ON contest_entries (student_no) WHERE student_no IS NOT NULL;
CREATE INDEX contest_entries_by_branch ON contest_entries (branch, round_id);

CREATE TABLE contest_scores (
  entry_id     TEXT NOT NULL REFERENCES contest_entries (id),
  judge        TEXT NOT NULL,
  round_id     TEXT NOT NULL,
  marks        TEXT NOT NULL CHECK (json_valid(marks)),
  total        INTEGER NOT NULL CHECK (total BETWEEN 0 AND 10000),
  comment      TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  PRIMARY KEY (entry_id, judge)
) WITHOUT ROWID;
CREATE INDEX contest_scores_by_round ON contest_scores (round_id);
CREATE TRIGGER contest_scores_final BEFORE UPDATE ON contest_scores BEGIN SELECT RAISE(ABORT, 'a submitted score is final'); END;

CREATE TABLE lecturers (
  year       INTEGER NOT NULL,
  openid     TEXT NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('school', 'college')),
  college    TEXT NOT NULL,
  active     INTEGER NOT NULL CHECK (active IN (0, 1)),
  added_by   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, openid)
) WITHOUT ROWID;

CREATE TABLE lecturer_talks (
  id              TEXT PRIMARY KEY,
  year            INTEGER NOT NULL,
  openid          TEXT NOT NULL,
  date            TEXT NOT NULL,
  place           TEXT NOT NULL,
  on_campus       INTEGER NOT NULL CHECK (on_campus IN (0, 1)),
  audience        INTEGER NOT NULL CHECK (audience > 0),
  topic           TEXT NOT NULL,
  photo           TEXT CHECK (photo IS NULL OR json_valid(photo)),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  decided_by      TEXT,
  decided_at      TEXT,
  decision_reason TEXT,
  created_at      TEXT NOT NULL,
  FOREIGN KEY (year, openid) REFERENCES lecturers (year, openid),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX lecturer_talks_by_member ON lecturer_talks (openid, year, date);
CREATE INDEX lecturer_talks_by_year ON lecturer_talks (year, status, created_at);
`;
