import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import { call, callAllPages, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { saveFailureMessage, saveXlsxFile, type SavedFile } from '../../../shared/services/xlsx-file';
import { subscribe } from '../../../stores/session-events';
import type { Lifecycle, ManagedEvent } from '../logic/labels';

/**
 * 活动管理 (committee and college officers): every event the account hosts, drafts included, the lifecycle actions
 * (发布 / 关闭报名 / 重新开放 / 取消) and the exports of one event. The list is asked for whole (every page) and split into
 * tabs here.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ClientErrorCode | null; message: string };
export type StatusAction = ActionInput<'changeEventStatus'>['action'];
export type ExportKind = ActionInput<'exportData'>['kind'];

interface ManagedEventsState {
  events: ManagedEvent[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  forbidden: string | null;
  /** `<eventId>:<action or export kind>` while it runs. */
  busy: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  changeStatus: (eventId: string, action: StatusAction, reason?: string) => Promise<Outcome<ActionOutput<'changeEventStatus'>>>;
  exportEvent: (eventId: string, kind: ExportKind) => Promise<Outcome<SavedFile>>;
  /** An event saved or changed elsewhere (the editor): put it in the list at once. */
  upsert: (event: ManagedEvent) => void;
  reset: () => void;
}

const initial = { events: [], loading: false, loaded: false, error: null, forbidden: null, busy: null };
let seq = 0;

export const useManagedEventsStore = create<ManagedEventsState>()((set, get) => {
  function fail<T>(error: unknown): Outcome<T> {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
    return { ok: false, code: codeOf(error), message: messageOf(error) };
  }

  return {
    ...initial,

    async load(opts) {
      const mine = ++seq;
      set({ loading: !opts?.silent || !get().loaded, error: null });
      try {
        // A page a call (at most 400 events; the committee's year is more): every page, one after another.
        const events = await callAllPages('listManagedEvents', {});
        if (mine !== seq) return;
        set({ events, loading: false, loaded: true });
      } catch (error) {
        if (mine !== seq) return;
        if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
        if (opts?.silent && get().loaded && codeOf(error) === 'NETWORK') return set({ loading: false });
        set({ loading: false, loaded: true, error: messageOf(error) });
      }
    },

    async changeStatus(eventId, action, reason) {
      if (get().busy) return { ok: false, code: null, message: '正在处理，请稍候' };
      set({ busy: `${eventId}:${action}` });
      try {
        const answer = await call('changeEventStatus', { eventId, action, ...(reason ? { reason } : {}) });
        get().upsert(answer.event);
        return { ok: true, value: answer };
      } catch (error) {
        return fail(error);
      } finally {
        set({ busy: null });
      }
    },

    async exportEvent(eventId, kind) {
      if (get().busy) return { ok: false, code: null, message: '正在处理，请稍候' };
      set({ busy: `${eventId}:${kind}` });
      try {
        const file = await call('exportData', { kind, eventId });
        try {
          return { ok: true, value: await saveXlsxFile(file) };
        } catch (error) {
          return { ok: false, code: null, message: saveFailureMessage(error) };
        }
      } catch (error) {
        return fail(error);
      } finally {
        set({ busy: null });
      }
    },

    upsert(event) {
      seq++; // a list on its way must not bring back the old row
      const rest = get().events.filter((e) => e.id !== event.id);
      set({ events: [event, ...rest].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) });
    },

    reset() {
      seq++;
      set(initial);
    },
  };
});

export function byLifecycle(events: readonly ManagedEvent[], lifecycle: Lifecycle): ManagedEvent[] {
  return events.filter((e) => e.lifecycle === lifecycle);
}

subscribe('identityChanged', () => useManagedEventsStore.getState().reset());
