import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import type { PickedRosterFile } from './committee';
import { subscribe } from '../../../stores/session-events';

/**
 * 批量记学分 (committee): a file of manual awards (学号, 模块, 学分, 事由) is previewed row by row (nothing written),
 * then its clean rows are awarded. The server keys each award by the file and the row, so a second import of the same
 * file awards nothing again and says so (alreadyAwarded).
 */
export type AwardReport = ActionOutput<'importCreditAwards'>;
export type AwardPhase = 'idle' | 'previewing' | 'preview' | 'importing' | 'done' | 'failed';

interface CreditImportState {
  file: PickedRosterFile | null;
  phase: AwardPhase;
  preview: AwardReport | null;
  result: AwardReport | null;
  error: string | null;
  errorCode: ClientErrorCode | null;
  forbidden: string | null;

  previewFile: (file: PickedRosterFile) => Promise<void>;
  commit: () => Promise<void>;
  /** A local refusal of a picked file (too large, wrong type) or of reading it. */
  failed: (message: string) => void;
  reset: () => void;
}

const initialFile = { file: null, phase: 'idle' as AwardPhase, preview: null, result: null, error: null, errorCode: null };
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
        const report = await call('importCreditAwards', { fileName: file.name, contentBase64: file.contentBase64, commit: false });
        if (mine !== seq) return;
        set({ preview: report, phase: 'preview' });
      } catch (error) {
        if (mine !== seq) return;
        noteForbidden(error);
        set({ phase: 'failed', error: messageOf(error), errorCode: codeOf(error) });
      }
    },

    async commit() {
      const { file, phase } = get();
      if (!file || phase !== 'preview') return;
      const mine = ++seq;
      set({ phase: 'importing', error: null, errorCode: null });
      try {
        const report = await call('importCreditAwards', { fileName: file.name, contentBase64: file.contentBase64, commit: true });
        if (mine !== seq) return;
        if (report.committed) set({ result: report, phase: 'done' });
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
