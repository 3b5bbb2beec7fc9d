import {
  acceptRefusal,
  claimBindAttempt,
  revokeRefusal,
  type RoleInvitation,
  mayConfirm,
  pollOutcome,
  type AuditRecord,
  type BindAttempts,
  type LoginTicket,
  type RoleGrant,
  type WebSession,
} from '../../../core';
import type { AccountsPort } from '../ports';
import type { SqliteKit } from './kit';

interface RoleGrantRow {
  openid: string; role: string; scope: string; granted_by: string; granted_at: string;
}

interface InvitationRow {
  id: string; code_hash: string; role: string; scope: string; invitee_name: string; created_by: string; created_at: string;
  expires_at: string; accepted_by: string | null; accepted_at: string | null; revoked_at: string | null;
}

function invitationFromRow(r: InvitationRow): RoleInvitation {
  return {
    id: r.id, codeHash: r.code_hash, role: r.role as RoleInvitation['role'], scope: r.scope, inviteeName: r.invitee_name,
    createdBy: r.created_by, createdAt: r.created_at, expiresAt: r.expires_at, acceptedBy: r.accepted_by,
    acceptedAt: r.accepted_at, revokedAt: r.revoked_at,
  };
}

function roleGrantFromRow(r: RoleGrantRow): RoleGrant {
  return { openid: r.openid, role: r.role as RoleGrant['role'], scope: r.scope, grantedBy: r.granted_by, grantedAt: r.granted_at };
}

/**
 * Accounts on SQLite: binding an account to a roster entry (students.openid, UNIQUE), bind attempts, roles, the audit
 * log, web-login tickets and sessions (stored by the hashes of their secrets), and rate-limit buckets.
 */
export function sqliteAccounts(kit: SqliteKit): AccountsPort {
  const { db } = kit;
  const q = {
    attempts: db.prepare<[string], { failures: number; locked_until: string | null }>(
      'SELECT failures, locked_until FROM bind_attempts WHERE openid = ?',
    ),
    putAttempts: db.prepare<[string, number, string | null]>(
      `INSERT INTO bind_attempts (openid, failures, locked_until) VALUES (?, ?, ?)
       ON CONFLICT (openid) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
    ),
    clearAttempts: db.prepare<[string]>('DELETE FROM bind_attempts WHERE openid = ?'),
    student: db.prepare<[string], { openid: string | null }>('SELECT openid FROM students WHERE student_no = ?'),
    studentOfAccount: db.prepare<[string], string>('SELECT student_no FROM students WHERE openid = ?').pluck(),
    bind: db.prepare<[string, string]>('UPDATE students SET openid = ? WHERE student_no = ? AND openid IS NULL'),
    unbind: db.prepare<[string]>('UPDATE students SET openid = NULL WHERE student_no = ?'),
    rolesOf: db.prepare<[string], RoleGrantRow>('SELECT * FROM role_grants WHERE openid = ? ORDER BY role, scope'),
    allRoles: db.prepare<[], RoleGrantRow>('SELECT * FROM role_grants ORDER BY role, scope, openid'),
    grant: db.prepare<[RoleGrant]>(
      `INSERT INTO role_grants (openid, role, scope, granted_by, granted_at)
       VALUES (@openid, @role, @scope, @grantedBy, @grantedAt) ON CONFLICT DO NOTHING`,
    ),
    revoke: db.prepare<[string, string, string]>('DELETE FROM role_grants WHERE openid = ? AND role = ? AND scope = ?'),
    audit: db.prepare<[number], AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
    ticket: db.prepare<[string], { id_hash: string; status: string; openid: string | null; created_at: string; expires_at: string }>(
      'SELECT * FROM login_tickets WHERE id_hash = ?',
    ),
    insertTicket: db.prepare<[LoginTicket]>(
      `INSERT INTO login_tickets (id_hash, status, openid, created_at, expires_at)
       VALUES (@idHash, @status, @openid, @createdAt, @expiresAt)`,
    ),
    setTicket: db.prepare<[string, string | null, string]>('UPDATE login_tickets SET status = ?, openid = ? WHERE id_hash = ?'),
    session: db.prepare<[string], { token_hash: string; openid: string; created_at: string; expires_at: string; revoked_at: string | null }>(
      'SELECT * FROM web_sessions WHERE token_hash = ?',
    ),
    insertSession: db.prepare<[WebSession]>(
      `INSERT INTO web_sessions (token_hash, openid, created_at, expires_at, revoked_at)
       VALUES (@tokenHash, @openid, @createdAt, @expiresAt, @revokedAt)`,
    ),
    revokeSession: db.prepare<[string, string]>(
      'UPDATE web_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    hit: db.prepare<[string, string], number>(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
    ).pluck(),
    dropOldWindows: db.prepare<[string, string]>('DELETE FROM rate_limits WHERE key = ? AND window_start < ?'),
    insertInvitation: db.prepare<[RoleInvitation]>(
      `INSERT INTO role_invitations (id, code_hash, role, scope, invitee_name, created_by, created_at, expires_at,
         accepted_by, accepted_at, revoked_at)
       VALUES (@id, @codeHash, @role, @scope, @inviteeName, @createdBy, @createdAt, @expiresAt, @acceptedBy, @acceptedAt,
         @revokedAt)`,
    ),
    invitationByHash: db.prepare<[string], InvitationRow>('SELECT * FROM role_invitations WHERE code_hash = ?'),
    invitationById: db.prepare<[string], InvitationRow>('SELECT * FROM role_invitations WHERE id = ?'),
    invitations: db.prepare<[number], InvitationRow>('SELECT * FROM role_invitations ORDER BY created_at DESC, id DESC LIMIT ?'),
    acceptInvitation: db.prepare<[string, string, string]>(
      'UPDATE role_invitations SET accepted_by = ?, accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL',
    ),
    revokeInvitation: db.prepare<[string, string]>(
      'UPDATE role_invitations SET revoked_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL',
    ),
    // The latest accepted invitation of each account names it.
    invitedNames: db.prepare<[string], { accepted_by: string; invitee_name: string }>(
      `SELECT accepted_by, invitee_name FROM role_invitations
       WHERE accepted_by IN (SELECT value FROM json_each(?)) ORDER BY accepted_at`,
    ),
    boundNames: db.prepare<[string], { openid: string; name: string }>(
      'SELECT openid, name FROM students WHERE openid IN (SELECT value FROM json_each(?))',
    ),
    invitedByName: db.prepare<[string, string, number], { accepted_by: string; invitee_name: string }>(
      `SELECT accepted_by, invitee_name FROM role_invitations
       WHERE accepted_by IS NOT NULL AND invitee_name >= ? AND invitee_name < ?
       ORDER BY invitee_name, accepted_at DESC LIMIT ?`,
    ),
  };

  const attemptsOf = (openid: string): BindAttempts | null => {
    const row = q.attempts.get(openid);
    return row ? { openid, failures: row.failures, lockedUntil: row.locked_until } : null;
  };

  const rolesOf = async (openid: string): Promise<RoleGrant[]> => q.rolesOf.all(openid).map(roleGrantFromRow);

  const ticketOf = (idHash: string): LoginTicket | null => {
    const r = q.ticket.get(idHash);
    return r
      ? { idHash: r.id_hash, status: r.status as LoginTicket['status'], openid: r.openid, createdAt: r.created_at, expiresAt: r.expires_at }
      : null;
  };

  return {
    async getBindAttempts(openid) {
      return attemptsOf(openid);
    },

    claimBindAttempt(openid, now) {
      return kit.run(() => {
        const claim = claimBindAttempt(attemptsOf(openid), openid, now);
        if (claim.granted) q.putAttempts.run(openid, claim.attempts.failures, claim.attempts.lockedUntil);
        return claim;
      });
    },

    /** Binds only an unbound student to an account that has none (students.openid is UNIQUE), with its audit entry. */
    bindStudent(studentNo, openid, audit) {
      return kit.run(() => {
        const student = q.student.get(studentNo);
        if (!student) return 'not_found';
        if (student.openid === openid || q.studentOfAccount.get(openid)) return 'account_bound';
        if (student.openid !== null) return 'student_taken';
        if (q.bind.run(openid, studentNo).changes !== 1) throw new Error(`could not bind ${studentNo}`);
        q.clearAttempts.run(openid);
        kit.audit(audit);
        return 'bound';
      });
    },

    unbindStudent(studentNo, audit) {
      return kit.run(() => {
        const student = q.student.get(studentNo);
        if (!student?.openid) return null;
        q.unbind.run(studentNo);
        kit.audit(audit);
        return student.openid;
      });
    },

    rolesOf,

    // A grant or revocation that changes nothing writes no audit line; either way the answer is read after COMMIT.
    async grantRole(grant, audit) {
      await kit.run(() => {
        if (q.grant.run(grant).changes === 1) kit.audit(audit);
      });
      return rolesOf(grant.openid);
    },

    async revokeRole(openid, role, scope, audit) {
      await kit.run(() => {
        if (q.revoke.run(openid, role, scope).changes === 1) kit.audit(audit);
      });
      return rolesOf(openid);
    },

    async listRoleGrants() {
      return q.allRoles.all().map(roleGrantFromRow);
    },

    async listAudit(limit) {
      return q.audit.all(limit);
    },

    createLoginTicket(ticket) {
      return kit.run(() => {
        q.insertTicket.run(ticket);
      });
    },

    confirmLoginTicket(idHash, openid, now) {
      return kit.run(() => {
        if (!mayConfirm(ticketOf(idHash), now)) return false;
        q.setTicket.run('confirmed', openid, idHash);
        return true;
      });
    },

    /** Consumes a confirmed ticket and creates the session in the same transaction: a ticket is exchanged once. */
    exchangeLoginTicket(idHash, now, draft) {
      return kit.run(() => {
        const ticket = ticketOf(idHash);
        const outcome = pollOutcome(ticket, now);
        if (outcome !== 'exchange') return { outcome };
        q.setTicket.run('consumed', ticket!.openid, idHash);
        const session: WebSession = { ...draft, openid: ticket!.openid! };
        q.insertSession.run(session);
        return { outcome: 'exchanged' as const, session };
      });
    },

    async getWebSession(tokenHash) {
      const r = q.session.get(tokenHash);
      return r ? { tokenHash: r.token_hash, openid: r.openid, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at } : null;
    },

    revokeWebSession(tokenHash, now) {
      return kit.run(() => {
        q.revokeSession.run(now.toISOString(), tokenHash);
      });
    },

    /** One hit on (key, window): counted atomically; the key's earlier windows are dropped (they can no longer matter). */
    hitRateLimit(key, windowStart, limit) {
      return kit.run(() => {
        const window = windowStart.toISOString();
        const count = q.hit.get(key, window)!;
        if (count === 1) q.dropOldWindows.run(key, window);
        return count <= limit;
      });
    },

    createInvitation(invitation, audit) {
      return kit.run(() => {
        q.insertInvitation.run(invitation);
        kit.audit(audit);
      });
    },

    async getInvitationByCodeHash(codeHash) {
      const row = q.invitationByHash.get(codeHash);
      return row ? invitationFromRow(row) : null;
    },

    async listInvitations(limit) {
      return q.invitations.all(limit).map(invitationFromRow);
    },

    revokeInvitation(id, now, audit) {
      return kit.run(() => {
        const row = q.invitationById.get(id);
        const invitation = row ? invitationFromRow(row) : null;
        const refusal = revokeRefusal(invitation);
        if (refusal) return { revoked: false as const, refusal, invitation };
        if (q.revokeInvitation.run(now.toISOString(), id).changes === 1) kit.audit(audit);
        return { revoked: true as const, invitation: invitationFromRow(q.invitationById.get(id)!) };
      });
    },

    /** Marks it used only while unused and unrevoked (a conditional write), grants the role and audits, in one job. */
    acceptInvitation(codeHash, openid, now, auditFor) {
      return kit.run(() => {
        const row = q.invitationByHash.get(codeHash);
        const invitation = row ? invitationFromRow(row) : null;
        const refusal = acceptRefusal(invitation, now);
        if (refusal) return { accepted: false as const, refusal };
        const at = now.toISOString();
        if (q.acceptInvitation.run(openid, at, invitation!.id).changes !== 1) return { accepted: false as const, refusal: 'INVITATION_USED' as const };
        const accepted: RoleInvitation = { ...invitation!, acceptedBy: openid, acceptedAt: at };
        q.grant.run({ openid, role: accepted.role, scope: accepted.scope, grantedBy: accepted.createdBy, grantedAt: at });
        kit.audit(auditFor(accepted));
        return { accepted: true as const, invitation: accepted };
      });
    },

    async namesOfAccounts(openids) {
      const names = new Map<string, string>();
      if (openids.length === 0) return names;
      const list = JSON.stringify([...new Set(openids)]);
      for (const r of q.invitedNames.all(list)) names.set(r.accepted_by, r.invitee_name);
      for (const r of q.boundNames.all(list)) names.set(r.openid, r.name);
      return names;
    },

    async searchInvitedAccounts(prefix, limit) {
      const seen = new Map<string, string>();
      for (const r of q.invitedByName.all(prefix, `${prefix}\u{10FFFF}`, limit * 4)) {
        if (!seen.has(r.accepted_by)) seen.set(r.accepted_by, r.invitee_name);
      }
      return [...seen].slice(0, limit).map(([openid, name]) => ({ openid, name }));
    },
  };
}
