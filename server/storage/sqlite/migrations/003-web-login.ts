/** 003: web login. One-time QR tickets and browser sessions, each stored by the hash of its secret only. */
export const version = 3;
export const sql = `
CREATE TABLE login_tickets (
  id_hash    TEXT PRIMARY KEY,
  status     TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'consumed')),
  openid     TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  openid     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;
`;
