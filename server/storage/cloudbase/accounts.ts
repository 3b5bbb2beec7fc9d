import { createHash } from 'node:crypto';
import { ApiError } from '../../../types';
import type { Role } from '../../../types';
import {
  acceptRefusal,
  claimBindAttempt,
  revokeRefusal,
  type AcceptOutcome,
  type RevokeOutcome,
  type RoleInvitation,
  mayConfirm,
  pollOutcome,
  type AuditDraft,
  type AuditRecord,
  type BindAttempts,
  type BindClaim,
  type BindWrite,
  type LoginTicket,
  type RoleGrant,
  type WebSession,
} from '../../../core';
import type { AccountsPort } from '../ports';
import {
  bindAttemptsFromDoc,
  roleGrantId,
  roleGrantToDoc,
  roleGrantFromDoc,
  loginTicketToDoc,
  loginTicketFromDoc,
  webSessionToDoc,
  webSessionFromDoc,
  invitationToDoc,
  invitationFromDoc,
} from './accounts-documents';
import { auditFromDoc, COLLECTIONS, studentFromDoc } from './documents';
import { readDoc, type CloudbaseKit } from './kit';
import type { WxDoc, WxTransaction } from './wx-db';

const {
  students: STUDENTS,
  accounts: ACCOUNTS,
  bindAttempts: BIND_ATTEMPTS,
  roleGrants: ROLE_GRANTS,
  auditLog: AUDIT_LOG,
  loginTickets: LOGIN_TICKETS,
  webSessions: WEB_SESSIONS,
  rateLimits: RATE_LIMITS,
  roleInvitations: INVITATIONS,
} = COLLECTIONS;

/** Invitations one listing answers at most. */
const INVITATION_LIST_MAX = 200;

/** Most audit entries one listing answers (the action's own bound). */
const AUDIT_LIST_MAX = 500;

/**
 * Accounts on CloudBase: binding, roles, the audit log, web login and rate limits. Binding, unbinding, granting and
 * revoking are each one transaction of `doc(id)` operations plus the audit entry's `add` (see documents.ts for the
 * collections). "One student per account" is the key of `accounts/<openid>`, "one account per student" the student
 * document's `openid`; a binding writes both, so racing bindings conflict and the loser re-runs and is refused.
 */
export class CloudbaseAccounts implements AccountsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async getBindAttempts(openid: string): Promise<BindAttempts | null> {
    const doc = await readDoc(this.kit.db.collection(BIND_ATTEMPTS).doc(openid));
    return doc ? bindAttemptsFromDoc(openid, doc) : null;
  }

  /**
   * Two operations in one transaction: read the account's attempts, write the next state (retried on conflict; a
   * burst on one account conflicts on its document, so the claims are taken one at a time). A refused claim writes
   * nothing (1 operation).
   */
  async claimBindAttempt(openid: string, now: Date): Promise<BindClaim> {
    return this.kit.transact(async (t) => {
      const ref = t.collection(BIND_ATTEMPTS).doc(openid);
      const doc = await readDoc(ref);
      const claim = claimBindAttempt(doc ? bindAttemptsFromDoc(openid, doc) : null, openid, now);
      if (claim.granted) await ref.set({ data: { failures: claim.attempts.failures, lockedUntil: claim.attempts.lockedUntil } });
      return claim;
    });
  }

  /**
   * One transaction, six operations when it binds: read the student and the account (`accounts/<openid>`), write
   * the student's openid, the account's student, clear the account's failed attempts, add the audit entry. Both
   * sides of the binding are written, so two accounts racing for one student, or one account for two students,
   * conflict and the loser re-runs and is refused. Refusals write nothing. Same ranking as SQLite: an account that
   * has a student is ALREADY_BOUND even when the student it asks for is taken too.
   */
  async bindStudent(studentNo: string, openid: string, audit: AuditDraft): Promise<BindWrite> {
    const outcome = await this.kit.transact(async (t): Promise<BindWrite> => {
      const studentDoc = await readDoc(t.collection(STUDENTS).doc(studentNo));
      if (!studentDoc) return 'not_found';
      const current = studentFromDoc(studentDoc).openid;
      if (current === openid) return 'account_bound';
      const accountDoc = await readDoc(t.collection(ACCOUNTS).doc(openid));
      if (await accountHoldsOtherStudent(t, accountDoc, openid, studentNo)) return 'account_bound';
      if (current !== null) return 'student_taken';

      await t.collection(STUDENTS).doc(studentNo).update({ data: { openid } });
      await t.collection(ACCOUNTS).doc(openid).set({ data: { studentNo, boundAt: audit.at } });
      await t.collection(BIND_ATTEMPTS).doc(openid).remove();
      await this.kit.addAudit(t, audit);
      return 'bound';
    });
    if (outcome === 'bound') this.kit.identities.remember(openid, studentNo);
    return outcome;
  }

  /**
   * One transaction: read the student; if bound, clear its openid, remove the account's document (when it names
   * this student) and add the audit entry. Not bound: null, nothing written. This container forgets the account at
   * once; other warm containers within `identityCacheMs`.
   */
  async unbindStudent(studentNo: string, audit: AuditDraft): Promise<string | null> {
    const previous = await this.kit.transact(async (t): Promise<string | null> => {
      const studentDoc = await readDoc(t.collection(STUDENTS).doc(studentNo));
      const openid = studentDoc ? studentFromDoc(studentDoc).openid : null;
      if (!openid) return null;
      await t.collection(STUDENTS).doc(studentNo).update({ data: { openid: null } });
      const accountDoc = await readDoc(t.collection(ACCOUNTS).doc(openid));
      if (accountDoc && (accountDoc.studentNo === studentNo || typeof accountDoc.studentNo !== 'string')) {
        await t.collection(ACCOUNTS).doc(openid).remove();
      }
      await this.kit.addAudit(t, audit);
      return openid;
    });
    if (previous) this.kit.identities.forget(previous);
    return previous;
  }

  async rolesOf(openid: string): Promise<RoleGrant[]> {
    const query = this.kit.db.collection(ROLE_GRANTS).where({ openid });
    return (await this.kit.fetchAll(query, [['role', 'asc'], ['scope', 'asc']])).map(roleGrantFromDoc);
  }

  /**
   * Idempotent, as SQLite's INSERT … ON CONFLICT DO NOTHING: a transaction reads `roleGrants/<openid:role:scope>`;
   * only if it is missing does it write the grant and the audit entry (a repeated grant keeps the first grant's
   * grantor and time and writes no entry). Then the account's roles (one query).
   */
  async grantRole(grant: RoleGrant, audit: AuditDraft): Promise<RoleGrant[]> {
    const id = roleGrantId(grant.openid, grant.role, grant.scope);
    await this.kit.transact(async (t) => {
      if (await readDoc(t.collection(ROLE_GRANTS).doc(id))) return;
      await t.collection(ROLE_GRANTS).doc(id).set({ data: roleGrantToDoc(grant) });
      await this.kit.addAudit(t, audit);
    });
    return this.rolesOf(grant.openid);
  }

  /** Removes the grant and adds the audit entry in one transaction; a grant that does not exist writes nothing. */
  async revokeRole(openid: string, role: Role, scope: string, audit: AuditDraft): Promise<RoleGrant[]> {
    const id = roleGrantId(openid, role, scope);
    await this.kit.transact(async (t) => {
      if (!(await readDoc(t.collection(ROLE_GRANTS).doc(id)))) return;
      await t.collection(ROLE_GRANTS).doc(id).remove();
      await this.kit.addAudit(t, audit);
    });
    return this.rolesOf(openid);
  }

  async listRoleGrants(): Promise<RoleGrant[]> {
    const order = [['role', 'asc'], ['scope', 'asc'], ['openid', 'asc']] as const;
    return (await this.kit.fetchAll(this.kit.db.collection(ROLE_GRANTS), order)).map(roleGrantFromDoc);
  }

  /**
   * Newest first (`at`, then `id`, then `_id`: two containers may rarely pick one `id`), up to 500, asked in one
   * page; more pages only if the server answers fewer than asked.
   */
  async listAudit(limit: number): Promise<AuditRecord[]> {
    const max = Math.max(1, Math.min(Math.floor(limit) || 1, AUDIT_LIST_MAX));
    const docs = await this.kit.fetchAll(this.kit.db.collection(AUDIT_LOG), [['at', 'desc'], ['id', 'desc']], { max, pageSize: max });
    return docs.map(auditFromDoc);
  }

  /** One operation: `loginTickets/<idHash>` (the hash is of a fresh random secret, so it names no other ticket). */
  async createLoginTicket(ticket: LoginTicket): Promise<void> {
    await this.kit.db.collection(LOGIN_TICKETS).doc(ticket.idHash).set({ data: loginTicketToDoc(ticket) });
  }

  /**
   * One transaction: read the ticket; if it may be confirmed (pending, unexpired), write `confirmed` and the account.
   * Two confirmations racing for one ticket both write it, so they conflict: the loser re-runs, finds it confirmed
   * and answers false. A refusal writes nothing.
   */
  async confirmLoginTicket(idHash: string, openid: string, now: Date): Promise<boolean> {
    return this.kit.transact(async (t) => {
      const ref = t.collection(LOGIN_TICKETS).doc(idHash);
      const doc = await readDoc(ref);
      if (!mayConfirm(doc ? loginTicketFromDoc(doc) : null, now)) return false;
      await ref.update({ data: { status: 'confirmed', openid } });
      return true;
    });
  }

  /**
   * A browser's poll, the most frequent call of web login (every second or two while the QR code is shown), so it
   * first reads the ticket outside any transaction (1 operation): 'pending' and 'invalid' are answered from that read
   * (a pending ticket confirmed a moment later is seen by the next poll; missing, expired and consumed are final).
   * Only a confirmed ticket opens a transaction, which reads it again and, if it is still to be exchanged, marks it
   * consumed and writes `webSessions/<tokenHash>`. Two polls racing for one ticket both write it, so they conflict:
   * the loser is retried, reads it consumed and answers 'invalid' — a ticket is exchanged at most once.
   */
  async exchangeLoginTicket(
    idHash: string,
    now: Date,
    draft: Omit<WebSession, 'openid'>,
  ): Promise<{ outcome: 'pending' } | { outcome: 'invalid' } | { outcome: 'exchanged'; session: WebSession }> {
    return this.kit.withRetries(async () => {
      const seen = await readDoc(this.kit.db.collection(LOGIN_TICKETS).doc(idHash));
      const first = pollOutcome(seen ? loginTicketFromDoc(seen) : null, now);
      if (first !== 'exchange') return { outcome: first };
      return this.kit.transaction(async (t) => {
        const ref = t.collection(LOGIN_TICKETS).doc(idHash);
        const doc = await readDoc(ref);
        const ticket = doc ? loginTicketFromDoc(doc) : null;
        const outcome = pollOutcome(ticket, now);
        if (outcome !== 'exchange') return { outcome };
        const session: WebSession = { ...draft, openid: ticket!.openid as string };
        await ref.update({ data: { status: 'consumed' } });
        await t.collection(WEB_SESSIONS).doc(session.tokenHash).set({ data: webSessionToDoc(session) });
        return { outcome: 'exchanged' as const, session };
      });
    });
  }

  async getWebSession(tokenHash: string): Promise<WebSession | null> {
    const doc = await readDoc(this.kit.db.collection(WEB_SESSIONS).doc(tokenHash));
    return doc ? webSessionFromDoc(doc) : null;
  }

  /** One operation; an unknown token updates nothing (no error). */
  async revokeWebSession(tokenHash: string, now: Date): Promise<void> {
    await this.kit.db.collection(WEB_SESSIONS).doc(tokenHash).update({ data: { revokedAt: now.toISOString() } });
  }

  /**
   * One transaction on `rateLimits/<sha256(key|window)>`: read the count; below the limit, count the hit (`_.inc`,
   * or create the bucket): 2 operations; at the limit, answer false and write nothing (1). Hashing the key keeps
   * whatever the key holds (a client address from a header) out of the document id. Hits of one bucket in this
   * container run one after another; a bucket so contended that the attempts run out answers false (limited).
   */
  async hitRateLimit(key: string, windowStart: Date, limit: number): Promise<boolean> {
    const _ = this.kit.command;
    const window = windowStart.toISOString();
    const id = createHash('sha256').update(`${key}|${window}`).digest('hex');
    try {
      return await this.kit.inLane(`rate:${id}`, () =>
        this.kit.transact(async (t) => {
          const ref = t.collection(RATE_LIMITS).doc(id);
          const doc = await readDoc(ref);
          const count = doc && typeof doc.count === 'number' ? doc.count : 0;
          if (count >= limit) return false;
          if (doc) await ref.update({ data: { count: _.inc(1) } });
          else await ref.set({ data: { key, windowStart: window, count: 1 } });
          return true;
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BUSY') return false;
      throw error;
    }
  }

  /** One transaction: set `roleInvitations/<codeHash>` and add the audit entry (2 operations). */
  async createInvitation(invitation: RoleInvitation, audit: AuditDraft): Promise<void> {
    await this.kit.transact(async (t) => {
      await t.collection(INVITATIONS).doc(invitation.codeHash).set({ data: invitationToDoc(invitation) });
      await this.kit.addAudit(t, audit);
    });
  }

  async getInvitationByCodeHash(codeHash: string): Promise<RoleInvitation | null> {
    const doc = await readDoc(this.kit.db.collection(INVITATIONS).doc(codeHash));
    return doc ? invitationFromDoc(doc) : null;
  }

  /** Newest first, in one page (at most 200). */
  async listInvitations(limit: number): Promise<RoleInvitation[]> {
    const max = Math.max(1, Math.min(Math.floor(limit) || 1, INVITATION_LIST_MAX));
    const docs = await this.kit.fetchAll(this.kit.db.collection(INVITATIONS), [['createdAt', 'desc'], ['id', 'desc']], { max, pageSize: max });
    return docs.map(invitationFromDoc);
  }

  /**
   * Finds the invitation by its public id (one query), then one transaction on its document: unused and unrevoked, it
   * is marked revoked with the audit entry; revoked already, nothing is written; used, refused.
   */
  async revokeInvitation(id: string, now: Date, audit: AuditDraft): Promise<RevokeOutcome> {
    const { data } = await this.kit.db.collection(INVITATIONS).where({ id }).limit(1).get();
    if (!data.length) return { revoked: false, refusal: 'NOT_FOUND', invitation: null };
    const codeHash = String(data[0]._id);
    return this.kit.transact(async (t): Promise<RevokeOutcome> => {
      const ref = t.collection(INVITATIONS).doc(codeHash);
      const doc = await readDoc(ref);
      const invitation = doc ? invitationFromDoc(doc) : null;
      const refusal = revokeRefusal(invitation);
      if (refusal) return { revoked: false, refusal, invitation };
      if (invitation!.revokedAt) return { revoked: true, invitation: invitation! };
      const revoked = { ...invitation!, revokedAt: now.toISOString() };
      await ref.update({ data: { revokedAt: revoked.revokedAt } });
      await this.kit.addAudit(t, audit);
      return { revoked: true, invitation: revoked };
    });
  }

  /**
   * One transaction: read `roleInvitations/<codeHash>`; if it may be accepted, mark it used by this account, write
   * `roleGrants/<openid:role:scope>` (unless the account holds it already) and add the audit entry (up to 5
   * operations). Two acceptances racing for one invitation both write its document, so they conflict: the loser re-runs,
   * finds it used and is refused. Refusals write nothing.
   */
  async acceptInvitation(codeHash: string, openid: string, now: Date, auditFor: (invitation: RoleInvitation) => AuditDraft): Promise<AcceptOutcome> {
    return this.kit.transact(async (t): Promise<AcceptOutcome> => {
      const ref = t.collection(INVITATIONS).doc(codeHash);
      const doc = await readDoc(ref);
      const invitation = doc ? invitationFromDoc(doc) : null;
      const refusal = acceptRefusal(invitation, now);
      if (refusal) return { accepted: false, refusal };
      const at = now.toISOString();
      const accepted: RoleInvitation = { ...invitation!, acceptedBy: openid, acceptedAt: at };
      await ref.update({ data: { acceptedBy: openid, acceptedAt: at } });
      const grantId = roleGrantId(openid, accepted.role, accepted.scope);
      if (!(await readDoc(t.collection(ROLE_GRANTS).doc(grantId)))) {
        const grant: RoleGrant = { openid, role: accepted.role, scope: accepted.scope, grantedBy: accepted.createdBy, grantedAt: at };
        await t.collection(ROLE_GRANTS).doc(grantId).set({ data: roleGrantToDoc(grant) });
      }
      await this.kit.addAudit(t, auditFor(accepted));
      return { accepted: true, invitation: accepted };
    });
  }

  /** Bound students (one query per 100 accounts), then accepted invitations for the rest (likewise). */
  async namesOfAccounts(openids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const wanted = [...new Set(openids)];
    if (!wanted.length) return names;
    const _ = this.kit.command;
    const size = this.kit.pageSize;
    const rest: string[] = [];
    for (let i = 0; i < wanted.length; i += size) {
      const batch = wanted.slice(i, i + size);
      const docs = await this.kit.fetchAll(this.kit.db.collection(STUDENTS).where({ openid: _.in(batch) }), [['studentNo', 'asc']]);
      for (const d of docs) names.set(String(d.openid), String(d.name));
      rest.push(...batch.filter((o) => !names.has(o)));
    }
    for (let i = 0; i < rest.length; i += size) {
      const batch = rest.slice(i, i + size);
      const docs = await this.kit.fetchAll(this.kit.db.collection(INVITATIONS).where({ acceptedBy: _.in(batch) }), [['acceptedAt', 'asc']]);
      for (const d of docs) names.set(String(d.acceptedBy), String(d.inviteeName));
    }
    return names;
  }

  /** Accepted invitations whose invitee name starts with the prefix (a range on `inviteeName`), one query. */
  async searchInvitedAccounts(prefix: string, limit: number): Promise<Array<{ openid: string; name: string }>> {
    const _ = this.kit.command;
    const range = (_.gte(prefix) as { and(x: unknown): unknown }).and(_.lt(`${prefix}\u{10FFFF}`));
    const query = this.kit.db.collection(INVITATIONS).where({ inviteeName: range, acceptedBy: _.neq(null) });
    const docs = await this.kit.fetchAll(query, [['inviteeName', 'asc'], ['acceptedAt', 'desc']], { max: limit * 4 });
    const seen = new Map<string, string>();
    for (const d of docs) if (typeof d.acceptedBy === 'string' && !seen.has(d.acceptedBy)) seen.set(d.acceptedBy, String(d.inviteeName));
    return [...seen].slice(0, limit).map(([openid, name]) => ({ openid, name }));
  }
}

/**
 * Whether `accounts/<openid>` binds the account to a student other than `studentNo`. The account document is the
 * lock; the student it names is the truth: if that student no longer names this openid (a binding replaced by a
 * roster import), the document is stale and the account is free. The extra read happens only on that rare path.
 */
async function accountHoldsOtherStudent(t: WxTransaction, accountDoc: WxDoc | null, openid: string, studentNo: string): Promise<boolean> {
  const held = accountDoc && typeof accountDoc.studentNo === 'string' ? accountDoc.studentNo : null;
  if (held === null || held === studentNo) return false;
  const heldDoc = await readDoc(t.collection(STUDENTS).doc(held));
  return heldDoc !== null && studentFromDoc(heldDoc).openid === openid;
}
