import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import type { BulkProgress, PickedRosterFile } from './committee';
import { followJob, uploadFile } from '../services/bulk-upload';
import { subscribe } from '../../../stores/session-events';

/**
 * 批量记学分 (committee): a file of manual awards (学号, 模块, 学分, 事由) is previewed row by row (nothing written),
 * then its clean rows are awarded. The server keys each award by the file and the row, so a second import of the same
 * file awards nothing again and says so (alreadyAwarded).
 */
export type AwardReport = ActionOutput<'importCreditAwards'>;
/** A finished import: the report and what the job wrote. */
export type AwardResult = AwardReport & { awarded: number; alreadyAwarded: number };
export type AwardPhase = 'idle' | 'previewing' | 'preview' | 'importing' | 'done' | 'failed';

interface CreditImportState {
  file: PickedRosterFile | null;
  /** The file as uploaded (the preview and the import both name it). */
  fileId: string | null;
  phase: AwardPhase;
  preview: AwardReport | null;
  result: AwardResult | null;
  progress: BulkProgress | null;
  error: string | null;
  errorCode: ClientErrorCode | null;
  forbidden: string | null;

  previewFile: (file: PickedRosterFile) => Promise<void>;
  commit: () => Promise<void>;
  /** A local refusal of a picked file (too large, wrong type) or of reading it. */
  failed: (message: string) => void;
  reset: () => void;
}

const initialFile = { file: null, fileId: null, phase: 'idle' as AwardPhase, preview: null, result: null, progress: null, error: null, errorCode: null };
let seq = 0;

export const useCreditImportStore = create<CreditImportState>()((set, get) => {
  function noteForbidden(error: unknown): void {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
  }

  return {
    ...initialFile,
    forbidden: null,

    async previewFile(file) {
      const mine = ++seq;
      set({ ...initialFile, file, phase: 'previewing' });
      try {
        const fileId = await uploadFile('creditAwards', file.name, file.contentBase64, (done, total) => {
          if (mine === seq) set({ progress: { label: '正在上传', done, total } });
        });
        if (mine !== seq) return;
        set({ fileId, progress: null });
        const report = await call('importCreditAwards', { fileId, commit: false });
        if (mine !== seq) return;
        set({ preview: report, phase: 'preview' });
      } catch (error) {
        if (mine !== seq) return;
        noteForbidden(error);
        set({ phase: 'failed', error: messageOf(error), errorCode: codeOf(error) });
      }
    },

    async commit() {
      const { fileId, phase } = get();
      if (!fileId || phase !== 'preview') return;
      const mine = ++seq;
      set({ phase: 'importing', error: null, errorCode: null });
      try {
        const report = await call('importCreditAwards', { fileId, commit: true });
        if (mine !== seq) return;
        const job = report.job?.kind === 'creditAwards' ? report.job : null;
        if (report.committed && job) {
          const finished = await followJob(job, (j) => {
            if (mine === seq) set({ progress: { label: '正在记入', done: j.done, total: j.total } });
          });
          if (mine !== seq) return;
          if (finished.status === 'failed') throw new Error(finished.error ?? '记分中断，请重新导入');
          set({ result: { ...report, ...finished.report }, phase: 'done', progress: null });
        }
        else set({ preview: report, phase: 'preview', error: '没有可记入的行：请先修改标红的错误后重新选择文件' });
      } catch (error) {
        if (mine !== seq) return;
        noteForbidden(error);
        // The preview still stands: keep it, so the committee may try again.
        set({ phase: 'preview', error: messageOf(error), errorCode: codeOf(error) });
      }
    },

    failed(message) {
      seq++;
      set({ ...initialFile, phase: 'failed', error: message });
    },

    reset() {
      seq++;
      set({ ...initialFile, forbidden: null });
    },
  };
});

subscribe('identityChanged', () => useCreditImportStore.getState().reset());
