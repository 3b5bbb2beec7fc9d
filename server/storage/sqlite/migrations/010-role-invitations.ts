/**
 * Version 10: one-time role invitations (core/invitations.ts), kept by the hash of their code, and an index on
 * students' names for the committee's search by name (prefix ranges). 008 and 009 are taken by other work.
 */
export const version = 10;
export const sql = `
CREATE TABLE role_invitations (
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('branch_officer', 'college_officer', 'committee_admin')),
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
CREATE INDEX role_invitations_by_created ON role_invitations (created_at, id);
CREATE INDEX role_invitations_by_account ON role_invitations (accepted_by, accepted_at) WHERE accepted_by IS NOT NULL;
CREATE INDEX role_invitations_by_invitee ON role_invitations (invitee_name) WHERE accepted_by IS NOT NULL;
CREATE INDEX students_by_name ON students (name, student_no);
`;
