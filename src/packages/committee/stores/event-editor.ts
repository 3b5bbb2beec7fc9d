import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import type { Category } from '../../../../types/enums';
import type { CreditModuleView } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import { nowMs } from '../../../utils/time';
import { lotteryFieldError } from '../logic/lottery-priority';
import { fieldErrorOf, fromFields, newDraft, toFields, type EventDraft, type FieldErrors } from '../logic/event-form';
import type { Lifecycle, ManagedEvent } from '../logic/labels';
import type { Outcome } from './managed-events';
import { uploadFile } from '../services/bulk-upload';
import type { PickedCover } from '../services/cover-file';

/**
 * 发布活动 / 编辑活动: the form's draft, the choices it offers (credit modules, colleges) and saving. A new event is
 * saved as a draft; an existing one is loaded through previewEvent (its fields as the organiser set them).
 */
export type Preview = ActionOutput<'previewEvent'>;

interface EditorState {
  eventId: string | null;
  lifecycle: Lifecycle | null;
  draft: EventDraft | null;
  errors: FieldErrors;
  modules: CreditModuleView[];
  colleges: string[];
  loading: boolean;
  loadError: string | null;
  saving: boolean;
  /** A cover picture on its way up (上传封面). */
  coverUploading: boolean;
  forbidden: string | null;
  /** The last preview asked for (event-preview page). */
  preview: Preview | null;
  previewError: string | null;

  /** A new form (no id) or an existing event's; `host` is where a college officer's events belong. */
  open: (eventId: string | null, opts: { category?: Category; host?: { kind: 'committee' | 'college'; unit: string } }) => Promise<void>;
  update: (change: (draft: EventDraft) => EventDraft) => void;
  save: () => Promise<Outcome<ManagedEvent>>;
  /**
   * Uploads a picked picture for the cover (startUpload … finishUpload, purpose `cover`) and puts it on the form;
   * saving the event keeps it. Answers the refusal's sentence, or null when it is on the form.
   */
  uploadCover: (picked: PickedCover) => Promise<string | null>;
  /** Takes the cover off the form (saving shows the kind's artwork again). */
  removeCover: () => void;
  loadPreview: (eventId: string) => Promise<void>;
  reset: () => void;
}

const initial = {
  eventId: null,
  lifecycle: null,
  draft: null,
  errors: {},
  modules: [],
  colleges: [],
  loading: false,
  loadError: null,
  saving: false,
  coverUploading: false,
  forbidden: null,
  preview: null,
  previewError: null,
};
let seq = 0;

export const useEventEditorStore = create<EditorState>()((set, get) => {
  function noteForbidden(error: unknown) {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
  }

  /** The choices: credit modules (active ones) and the colleges one may open the event to. Failures leave them empty. */
  async function loadChoices() {
    const [settings, overview] = await Promise.allSettled([
      call('getCreditSettings', {}),
      call('getCreditOverview', { groupBy: 'college' }),
    ]);
    set({
      modules: settings.status === 'fulfilled' ? settings.value.modules.filter((m) => m.active).sort((a, b) => a.order - b.order) : get().modules,
      colleges: overview.status === 'fulfilled' ? overview.value.groups.map((g) => g.group) : get().colleges,
    });
  }

  return {
    ...initial,

    async open(eventId, opts) {
      const mine = ++seq;
      void loadChoices();
      if (!eventId) {
        set({ ...initial, draft: newDraft(nowMs(), opts.category ?? 'lecture', opts.host), modules: get().modules, colleges: get().colleges });
        return;
      }
      set({ ...initial, eventId, loading: true, modules: get().modules, colleges: get().colleges });
      try {
        const answer = await call('previewEvent', { eventId });
        if (mine !== seq) return;
        set({ draft: { ...fromFields(answer.fields, nowMs()), coverPreview: answer.event.coverUrl ?? null }, lifecycle: answer.lifecycle, loading: false, preview: answer });
      } catch (error) {
        if (mine !== seq) return;
        noteForbidden(error);
        set({ loading: false, loadError: messageOf(error) });
      }
    },

    update(change) {
      const draft = get().draft;
      if (draft) set({ draft: change(draft) });
    },

    async save() {
      const { draft, eventId, saving } = get();
      if (!draft || saving) return { ok: false, code: null, message: '正在保存，请稍候' };
      const local = toFields(draft);
      if (!local.ok) {
        set({ errors: local.errors });
        return { ok: false, code: 'INVALID_INPUT', message: '请先修改标红的内容' };
      }
      set({ saving: true, errors: {} });
      try {
        const { event } = await call('saveEvent', { ...(eventId ? { eventId } : {}), fields: local.fields });
        seq++;
        set({ eventId: event.id, lifecycle: event.lifecycle });
        return { ok: true, value: event };
      } catch (error) {
        noteForbidden(error);
        const field = lotteryFieldError(codeOf(error), messageOf(error)) ?? (codeOf(error) === 'INVALID_INPUT' ? fieldErrorOf(messageOf(error)) : null);
        if (field) set({ errors: { [field.path]: field.message } });
        return { ok: false, code: codeOf(error), message: field ? `请修改标红的内容：${field.message}` : messageOf(error) };
      } finally {
        set({ saving: false });
      }
    },

    async uploadCover(picked) {
      if (get().coverUploading) return '正在上传封面，请稍候';
      set({ coverUploading: true });
      try {
        const fileId = await uploadFile('cover', picked.name, picked.contentBase64);
        get().update((d) => ({ ...d, coverFileId: fileId, coverPreview: picked.previewUrl }));
        return null;
      } catch (error) {
        return messageOf(error);
      } finally {
        set({ coverUploading: false });
      }
    },

    removeCover() {
      get().update((d) => ({ ...d, coverFileId: null, coverPreview: null }));
    },

    async loadPreview(eventId) {
      const mine = ++seq;
      set({ previewError: null, ...(get().preview?.event.id === eventId ? {} : { preview: null }) });
      try {
        const preview = await call('previewEvent', { eventId });
        if (mine !== seq) return;
        set({ preview, lifecycle: preview.lifecycle });
      } catch (error) {
        if (mine !== seq) return;
        noteForbidden(error);
        set({ previewError: messageOf(error) });
      }
    },

    reset() {
      seq++;
      set(initial);
    },
  };
});

subscribe('identityChanged', () => useEventEditorStore.getState().reset());
