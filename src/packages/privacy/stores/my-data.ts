import { create } from 'zustand';
import type { DataRequestView } from '../../../../types';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { saveFailureMessage, saveXlsxFile, type SavedFile } from '../../../shared/services/xlsx-file';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ClientErrorCode | null; message: string };

interface MyDataState {
  /** The student's latest deletion request (pending or completed), or null when none was ever filed. */
  request: DataRequestView | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  exporting: boolean;
  requesting: boolean;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  /** exportMyData: the workbook by a short-lived link, downloaded (H5) or opened with WeChat's viewer (weapp). */
  exportData: () => Promise<Outcome<SavedFile>>;
  requestDeletion: (note: string) => Promise<Outcome<DataRequestView>>;
  reset: () => void;
}

let seq = 0;

/**
 * 我的数据 (privacy subpackage): the export of everything stored about the student, and their request to delete what
 * the privacy policy lets go. Unbinding is the user store's (it changes who the account acts as).
 */
export const useMyDataStore = create<MyDataState>()((set, get) => ({
  request: null,
  loading: false,
  loaded: false,
  error: null,
  errorCode: null,
  exporting: false,
  requesting: false,

  async load(opts) {
    const mine = ++seq;
    set({ loading: !opts?.silent || !get().loaded, error: null, errorCode: null });
    try {
      const { request } = await call('getMyDataRequest', {});
      if (mine !== seq) return;
      set({ request, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      set({ loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  async exportData() {
    if (get().exporting) return { ok: false, code: null, message: '正在导出，请稍候' };
    set({ exporting: true });
    try {
      const file = await call('exportMyData', {});
      try {
        return { ok: true, value: await saveXlsxFile(file) };
      } catch (error) {
        return { ok: false, code: null, message: saveFailureMessage(error) };
      }
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ exporting: false });
    }
  },

  async requestDeletion(note) {
    if (get().requesting) return { ok: false, code: null, message: '正在提交，请稍候' };
    set({ requesting: true });
    try {
      const trimmed = note.trim();
      const { request } = await call('requestDataDeletion', trimmed ? { note: trimmed } : {});
      seq++;
      set({ request, loaded: true });
      return { ok: true, value: request };
    } catch (error) {
      // Filed meanwhile (another device): show the open request.
      if (codeOf(error) === 'DATA_REQUEST_OPEN') void get().load({ silent: true });
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ requesting: false });
    }
  },

  reset() {
    seq++;
    set({ request: null, loading: false, loaded: false, error: null, errorCode: null });
  },
}));

subscribe('identityChanged', () => useMyDataStore.getState().reset());
