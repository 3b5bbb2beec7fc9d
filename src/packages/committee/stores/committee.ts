import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import type { AuditEntry, RoleGrantView } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { followJob, uploadFile } from '../services/bulk-upload';

/**
 * The committee's pages: roster import, roles, audit log and unbinding. It lives in the subpackage, so it ships there
 * and not in the main package. Every request goes through here.
 */

/** A roster file the admin picked, read as base64 (the platform picker lives in the subpackage). */
export interface PickedRosterFile {
  name: string;
  /** Bytes of the file. */
  size: number;
  contentBase64: string;
}

export type RosterReport = ActionOutput<'importRoster'>;
/** A finished import: the report and what the job wrote. */
export type RosterResult = RosterReport & { created: number; updated: number };
/** Where an upload or an import job has got to (shown under the file). */
export interface BulkProgress {
  label: string;
  done: number;
  total: number;
}
export type RosterPhase = 'idle' | 'previewing' | 'preview' | 'importing' | 'done' | 'failed';

/** The outcome of a grant or revoke: the account's roles after it, or the server's refusal. */
export type RoleOutcome =
  | { ok: true; kind: 'grant' | 'revoke'; account: string; openid: string; roles: RoleGrantView[] }
  | { ok: false; kind: 'grant' | 'revoke'; account: string; code: ClientErrorCode | null; message: string };

export type UnbindOutcome = { ok: true; studentNo: string } | { ok: false; code: ClientErrorCode | null; message: string };

interface CommitteeState {
  // ---- 名单导入 ----
  rosterFile: PickedRosterFile | null;
  rosterPhase: RosterPhase;
  /** rosterFile as uploaded (its parts sent once; the preview and the import both name it). */
  rosterFileId: string | null;
  /** The last preview (commit: false) of rosterFile. */
  rosterPreview: RosterReport | null;
  /** The import's answer (commit: true) once its job has written everything. */
  rosterResult: RosterResult | null;
  rosterProgress: BulkProgress | null;
  /** Whether the import took only the clean rows (the admin confirmed it). */
  rosterCleanOnly: boolean;
  rosterError: string | null;
  rosterErrorCode: ClientErrorCode | null;

  // ---- 角色管理 ----
  roleBusy: 'grant' | 'revoke' | null;
  roleOutcome: RoleOutcome | null;

  // ---- 审计日志 ----
  auditEntries: AuditEntry[];
  /** Names (openid or 学号 → name) and event titles the entries mention, as the server looked them up. */
  auditNames: Record<string, string>;
  auditEvents: Record<string, string>;
  auditLoading: boolean;
  auditLoaded: boolean;
  auditError: string | null;
  auditErrorCode: ClientErrorCode | null;
  unbinding: boolean;

  /** Any committee action answered FORBIDDEN: the caller is not (or no longer) the committee. */
  forbidden: string | null;

  previewRoster: (file: PickedRosterFile) => Promise<void>;
  importRoster: (opts: { cleanRowsOnly: boolean }) => Promise<void>;
  /** A local refusal of a picked file (too large, wrong type) or of reading it. */
  rosterFailed: (message: string) => void;
  resetRoster: () => void;

  changeRole: (kind: 'grant' | 'revoke', input: ActionInput<'grantRole'>) => Promise<RoleOutcome>;
  clearRoleOutcome: () => void;

  loadAudit: (opts?: { silent?: boolean }) => Promise<void>;
  unbindStudent: (input: ActionInput<'unbindStudent'>) => Promise<UnbindOutcome>;

  reset: () => void;
}

const initialRoster = {
  rosterFile: null,
  rosterFileId: null,
  rosterPhase: 'idle' as RosterPhase,
  rosterPreview: null,
  rosterResult: null,
  rosterProgress: null,
  rosterCleanOnly: false,
  rosterError: null,
  rosterErrorCode: null,
};

const initial = {
  ...initialRoster,
  roleBusy: null,
  roleOutcome: null,
  auditEntries: [],
  auditNames: {},
  auditEvents: {},
  auditLoading: false,
  auditLoaded: false,
  auditError: null,
  auditErrorCode: null,
  unbinding: false,
  forbidden: null,
};

// Answers for a file (or an identity) that has since been replaced must not land.
let rosterSeq = 0;
let auditSeq = 0;

function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => b.id - a.id);
}

export const useCommitteeStore = create<CommitteeState>()((set, get) => {
  /** FORBIDDEN from any action: remember the server's sentence, the pages show the refusal. */
  function noteForbidden(error: unknown): void {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
  }

  return {
    ...initial,

    async previewRoster(file) {
      const mine = ++rosterSeq;
      set({ ...initialRoster, rosterFile: file, rosterPhase: 'previewing' });
      try {
        const fileId = await uploadFile('roster', file.name, file.contentBase64, (done, total) => {
          if (mine === rosterSeq) set({ rosterProgress: { label: '正在上传', done, total } });
        });
        if (mine !== rosterSeq) return;
        set({ rosterFileId: fileId, rosterProgress: null });
        const report = await call('importRoster', { fileId, commit: false });
        if (mine !== rosterSeq) return;
        set({ rosterPreview: report, rosterPhase: 'preview' });
      } catch (error) {
        if (mine !== rosterSeq) return;
        noteForbidden(error);
        set({ rosterPhase: 'failed', rosterError: messageOf(error), rosterErrorCode: codeOf(error) });
      }
    },

    async importRoster({ cleanRowsOnly }) {
      const { rosterFileId: fileId, rosterPhase } = get();
      if (!fileId || rosterPhase !== 'preview') return;
      const mine = ++rosterSeq;
      set({ rosterPhase: 'importing', rosterError: null, rosterErrorCode: null });
      try {
        const report = await call('importRoster', { fileId, commit: true, ...(cleanRowsOnly ? { cleanRowsOnly: true } : {}) });
        if (mine !== rosterSeq) return;
        const job = report.job?.kind === 'roster' ? report.job : null;
        if (report.committed && job) {
          // Written a chunk at a time (a 20,000-row roster takes a few dozen calls): show how far it has got.
          const finished = await followJob(job, (j) => {
            if (mine === rosterSeq) set({ rosterProgress: { label: '正在写入', done: j.done, total: j.total } });
          });
          if (mine !== rosterSeq) return;
          if (finished.status === 'failed') throw new Error(finished.error ?? '导入中断，请重新导入');
          set({ rosterResult: { ...report, ...finished.report }, rosterCleanOnly: cleanRowsOnly, rosterPhase: 'done', rosterProgress: null });
        }
        // Not written (the server found errors this preview did not show): show its report again, and say so.
        else
          set({
            rosterPreview: report,
            rosterPhase: 'preview',
            rosterError: '名单未导入：请先处理标红的错误，或选择仅导入无误的行',
          });
      } catch (error) {
        if (mine !== rosterSeq) return;
        noteForbidden(error);
        // The preview is still valid: keep it, so the admin may try again.
        set({ rosterPhase: 'preview', rosterError: messageOf(error), rosterErrorCode: codeOf(error) });
      }
    },

    rosterFailed(message) {
      rosterSeq++;
      set({ ...initialRoster, rosterPhase: 'failed', rosterError: message });
    },

    resetRoster() {
      rosterSeq++;
      set(initialRoster);
    },

    async changeRole(kind, input) {
      if (get().roleBusy) return { ok: false, kind, account: input.account, code: null, message: '正在提交，请稍候' };
      set({ roleBusy: kind });
      let outcome: RoleOutcome;
      try {
        const answer = await call(kind === 'grant' ? 'grantRole' : 'revokeRole', input);
        outcome = { ok: true, kind, account: input.account, openid: answer.openid, roles: answer.roles };
      } catch (error) {
        noteForbidden(error);
        outcome = { ok: false, kind, account: input.account, code: codeOf(error), message: messageOf(error) };
      }
      set({ roleBusy: null, roleOutcome: outcome });
      return outcome;
    },

    clearRoleOutcome() {
      set({ roleOutcome: null });
    },

    async loadAudit(opts) {
      const mine = ++auditSeq;
      set({ auditLoading: !opts?.silent || !get().auditLoaded, auditError: null, auditErrorCode: null });
      try {
        const { entries, names, events } = await call('listAuditLog', { limit: 200 });
        if (mine !== auditSeq) return;
        set({ auditEntries: newestFirst(entries), auditNames: names, auditEvents: events, auditLoading: false, auditLoaded: true });
      } catch (error) {
        if (mine !== auditSeq) return;
        noteForbidden(error);
        set({ auditLoading: false, auditLoaded: true, auditError: messageOf(error), auditErrorCode: codeOf(error) });
      }
    },

    async unbindStudent(input) {
      if (get().unbinding) return { ok: false, code: null, message: '正在提交，请稍候' };
      set({ unbinding: true });
      try {
        const { studentNo } = await call('unbindStudent', input);
        void get().loadAudit({ silent: true });
        return { ok: true, studentNo };
      } catch (error) {
        noteForbidden(error);
        return { ok: false, code: codeOf(error), message: messageOf(error) };
      } finally {
        set({ unbinding: false });
      }
    },

    reset() {
      rosterSeq++;
      auditSeq++;
      set(initial);
    },
  };
});

export interface RosterProblemCounts {
  errors: number;
  warnings: number;
}

export function countProblems(report: RosterReport): RosterProblemCounts {
  let errors = 0;
  let warnings = 0;
  for (const p of report.problems) {
    if (p.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

// Another identity (H5 demo switch) must not see the previous one's work, nor inherit its refusal.
subscribe('identityChanged', () => useCommitteeStore.getState().reset());
