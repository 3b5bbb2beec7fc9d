/**
 * Passwordless web login for officers on a computer: the browser shows a one-time ticket as a QR code, the person
 * scans it with the mini program and confirms (their WeChat identity), and the browser's poll exchanges the
 * confirmed ticket, once, for a short session. Tickets and sessions are stored by the hash of their secret.
 */
export const TICKET_TTL_MINUTES = 5;
export const SESSION_TTL_HOURS = 8;

export interface LoginTicket {
  idHash: string;
  status: 'pending' | 'confirmed' | 'consumed';
  openid: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface WebSession {
  tokenHash: string;
  openid: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export function newTicket(idHash: string, now: Date): LoginTicket {
  return {
    idHash,
    status: 'pending',
    openid: null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TICKET_TTL_MINUTES * 60_000).toISOString(),
  };
}

export function sessionTimes(now: Date): Pick<WebSession, 'createdAt' | 'expiresAt'> {
  return { createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_TTL_HOURS * 3_600_000).toISOString() };
}

function expired(at: string, now: Date): boolean {
  return now.getTime() >= Date.parse(at);
}

/** Only a pending ticket still in its five minutes may be confirmed, and only once. */
export function mayConfirm(ticket: LoginTicket | null, now: Date): boolean {
  return !!ticket && ticket.status === 'pending' && !expired(ticket.expiresAt, now);
}

/** What a poll finds: still waiting, ready to exchange for a session (once), or nothing usable. */
export function pollOutcome(ticket: LoginTicket | null, now: Date): 'pending' | 'exchange' | 'invalid' {
  if (!ticket || expired(ticket.expiresAt, now)) return 'invalid';
  if (ticket.status === 'pending') return 'pending';
  if (ticket.status === 'confirmed' && ticket.openid) return 'exchange';
  return 'invalid';
}

export function isSessionLive(session: WebSession | null, now: Date): session is WebSession {
  return !!session && session.revokedAt === null && !expired(session.expiresAt, now);
}
