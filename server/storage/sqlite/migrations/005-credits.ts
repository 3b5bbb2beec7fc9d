/**
 * 005: credits. Each event gains its credit rule (JSON); the credit ledger (append-only, unique by entry key); appeals
 * (one per event and student); shared transcripts (by the hash of their verification code); rate-limit buckets; and
 * the committee's credit settings (one row).
 *
 * Existing events get what defaultCreditRule (core/credits/rules.ts) gives, computed here in SQL so the
 * stored rule is complete and every reader sees the same thing: a fixed amount of round(credits × 100) hundredths in
 * the category's default module (lecture and theme → ideology, volunteer and practice → service, others → skills), or
 * no credit when the event promised none.
 */
export const version = 5;
export const sql = `
-- {"base":{"kind":"fixed"|"per_hour"|"none",…},"assessmentBonus":{"module":…,"amount":…}|null}
ALTER TABLE events ADD COLUMN credit_rule TEXT NOT NULL DEFAULT '{"base":{"kind":"none"},"assessmentBonus":null}'
  CHECK (json_valid(credit_rule));

UPDATE events SET credit_rule = json_object(
  'base', json_object(
    'kind', 'fixed',
    'module', CASE category WHEN 'lecture' THEN 'ideology' WHEN 'theme' THEN 'ideology'
                            WHEN 'volunteer' THEN 'service' WHEN 'practice' THEN 'service' ELSE 'skills' END,
    'amount', CAST(round(credits * 100) AS INTEGER)),
  'assessmentBonus', json('null'))
 WHERE round(credits * 100) > 0;

-- The ledger: every credit, reversal and penalty as one row, never updated or deleted (triggers below). The key is
-- the source ('att:<event>:<student>', its generations '#n', reversals 'rev:<key>', bulk awards
-- 'man:<fileDigest>:<row>'), so a source confirmed twice is one row. A log like scans: no foreign keys, so an entry
-- costs its row, its key and one entry in the student's index. seq is the order of writing (rowid: never reused,
-- since nothing is deleted).
CREATE TABLE ledger (
  seq          INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  student_no   TEXT NOT NULL,
  module       TEXT NOT NULL,
  -- Hundredths of a credit; negative for reversals and penalties.
  amount       INTEGER NOT NULL,
  -- Tenths of an hour (volunteer hours); integers so that sums are exact.
  hours_tenths INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('award', 'reversal', 'penalty')),
  source_type  TEXT NOT NULL CHECK (source_type IN ('attendance', 'assessment', 'appeal', 'manual', 'team', 'no_show')),
  event_id     TEXT,
  rule         TEXT NOT NULL,
  reverses     TEXT,
  reason       TEXT,
  confirmed_by TEXT NOT NULL,
  at           TEXT NOT NULL,
  CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
);
-- A student's transcript reads their entries in the order written.
CREATE INDEX ledger_by_student ON ledger (student_no, seq);
CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

-- One appeal per (event, student): id = '<eventId>:<studentNo>'; a rejected one is filed again in place.
CREATE TABLE appeals (
  id              TEXT PRIMARY KEY,
  event_id        TEXT NOT NULL REFERENCES events (id),
  student_no      TEXT NOT NULL REFERENCES students (student_no),
  note            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  created_at      TEXT NOT NULL,
  decided_at      TEXT,
  decided_by      TEXT,
  decision_reason TEXT,
  CHECK ((status = 'pending') = (decided_at IS NULL))
) WITHOUT ROWID;
CREATE INDEX appeals_by_status ON appeals (status, created_at);
CREATE INDEX appeals_by_student ON appeals (student_no, created_at);

-- Shared transcripts by the SHA-256 of their verification code (the code itself is never stored). The snapshot is
-- what was handed out, as JSON, fixed at issue.
CREATE TABLE transcript_shares (
  code_hash  TEXT PRIMARY KEY,
  share_id   TEXT NOT NULL UNIQUE,
  student_no TEXT NOT NULL REFERENCES students (student_no),
  issued_at  TEXT NOT NULL,
  revoked_at TEXT,
  snapshot   TEXT NOT NULL CHECK (json_valid(snapshot))
) WITHOUT ROWID;
CREATE INDEX transcript_shares_by_student ON transcript_shares (student_no, issued_at);

-- Hits per bucket (a key such as 'verify:<ip>' and the start of its window). A hit drops the key's older windows.
CREATE TABLE rate_limits (
  key          TEXT NOT NULL,
  window_start TEXT NOT NULL,
  count        INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;

-- The committee's credit settings (modules, graduation requirement, no-show policy) as one JSON row; no row means
-- the defaults.
CREATE TABLE credit_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  settings   TEXT NOT NULL CHECK (json_valid(settings)),
  updated_at TEXT NOT NULL
);
`;
