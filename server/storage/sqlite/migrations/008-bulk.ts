/**
 * Version 8: bulk work and files (issue 17).
 * - credit_totals: every student's sums by module, kept with the ledger (each ledger insert updates its student's
 *   row in the same transaction), so the committee's overview and exports read one row per student and module
 *   instead of grouping the whole ledger. Backfilled here from the ledger as it stands.
 * - ledger_by_event: an event's entries (the 本活动学分 column of an event's credit export) by index.
 * - uploads, upload_parts: files sent in parts (each part by index, so a part sent again replaces itself).
 * - jobs, job_chunks: a committed import's rows in chunks, written a chunk at a time by continueJob.
 */
export const version = 8;
export const sql = `
CREATE TABLE credit_totals (
  student_no   TEXT NOT NULL,
  module       TEXT NOT NULL,
  -- Hundredths of a credit, summed over the student's entries of the module (reversals and penalties included).
  amount       INTEGER NOT NULL,
  hours_tenths INTEGER NOT NULL,
  PRIMARY KEY (student_no, module)
) WITHOUT ROWID;
INSERT INTO credit_totals (student_no, module, amount, hours_tenths)
  SELECT student_no, module, sum(amount), sum(hours_tenths) FROM ledger GROUP BY student_no, module;

CREATE INDEX ledger_by_event ON ledger (event_id, seq) WHERE event_id IS NOT NULL;

CREATE TABLE uploads (
  upload_id  TEXT PRIMARY KEY,
  purpose    TEXT NOT NULL,
  owner      TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  size       INTEGER NOT NULL CHECK (size > 0),
  part_bytes INTEGER NOT NULL CHECK (part_bytes > 0),
  parts      INTEGER NOT NULL CHECK (parts > 0),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  file_id    TEXT
) WITHOUT ROWID;
CREATE INDEX uploads_by_expiry ON uploads (expires_at);
-- Parts are up to 48 KiB each: a rowid table (WITHOUT ROWID suits small rows only).
CREATE TABLE upload_parts (
  upload_id TEXT NOT NULL,
  idx       INTEGER NOT NULL CHECK (idx >= 0),
  data      BLOB NOT NULL,
  UNIQUE (upload_id, idx)
);

CREATE TABLE jobs (
  job_id      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('roster', 'creditAwards')),
  owner       TEXT NOT NULL,
  file_id     TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  total       INTEGER NOT NULL,
  done        INTEGER NOT NULL,
  chunks      INTEGER NOT NULL,
  chunks_done INTEGER NOT NULL CHECK (chunks_done BETWEEN 0 AND chunks),
  report      TEXT NOT NULL CHECK (json_valid(report)),
  error       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  finished_at TEXT,
  lease_until TEXT
) WITHOUT ROWID;
CREATE INDEX jobs_by_status ON jobs (status, created_at);
CREATE TABLE job_chunks (
  job_id TEXT NOT NULL,
  idx    INTEGER NOT NULL CHECK (idx >= 0),
  rows   TEXT NOT NULL CHECK (json_valid(rows)),
  UNIQUE (job_id, idx)
);
`;
