import { create } from 'zustand';
import type { ActionOutput } from '../../types/actions';
import type { Category, EventDetail, MyRegistration } from '../../types/models';
import { call, callAllPages, codeOf, messageOf } from '../services/api';
import type { ClientErrorCode } from '../services/api-error';
import { askSubscribeConsent } from '../services/subscribe-consent';
import { orderForCatalogue } from '../utils/event-status';
import { nowMs } from '../utils/time';
import { publish, subscribe } from './session-events';
import { QUEUED_POLL } from '../../core/queued-poll';

export type EventListItem = ActionOutput<'listEvents'>['events'][number];

/** When the caller was checked in and out of an event (getEvent's myAttendance). */
export type MyAttendance = ActionOutput<'getEvent'>['myAttendance'];

export interface EventDetailEntry {
  event: EventDetail | null;
  myRegistration: MyRegistration | null;
  /** Null until checked in (or when not registered). */
  myAttendance: MyAttendance;
  /** Why sign-ups are refused for now (no-shows) and until when: said before any tap. */
  myBlock: ActionOutput<'getEvent'>['myBlock'] | null;
  loading: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  /** A sign-up made in a rush and refused when its turn came (名额已满 …): what the page says instead of a button. */
  queueRefusal: string | null;
}

export type RegistrationChange =
  | { ok: true; registration: MyRegistration }
  | { ok: false; code: ClientErrorCode | null; message: string };

interface EventsState {
  category: Category | null;
  keyword: string;
  items: EventListItem[];
  /** True until the first answer for the current filter arrives (skeleton), false while refreshing it. */
  loading: boolean;
  loaded: boolean;
  error: string | null;
  details: Record<string, EventDetailEntry>;
  /** eventId whose sign-up or cancellation is in flight. */
  pending: string | null;

  setCategory: (category: Category | null) => Promise<void>;
  setKeyword: (keyword: string) => Promise<void>;
  loadList: (opts?: { silent?: boolean }) => Promise<void>;
  loadDetail: (eventId: string, opts?: { silent?: boolean }) => Promise<void>;
  signUp: (eventId: string) => Promise<RegistrationChange>;
  cancel: (eventId: string) => Promise<RegistrationChange>;
}

const emptyDetail: EventDetailEntry = {
  event: null,
  myRegistration: null,
  myAttendance: null,
  myBlock: null,
  loading: false,
  error: null,
  errorCode: null,
  queueRefusal: null,
};


// Answers to an older list request (the student typed on) must not overwrite a newer one.
let listSeq = 0;

export const useEventsStore = create<EventsState>()((set, get) => {
  function patchDetail(eventId: string, patch: Partial<EventDetailEntry>) {
    set((s) => ({ details: { ...s.details, [eventId]: { ...(s.details[eventId] ?? emptyDetail), ...patch } } }));
  }

  /** Sign-up and cancel, wherever they are tapped (活动详情, 我的报名): the server's answer updates this store's list
   * item and cached detail, then the other stores hear what happened (我的报名 drops or reloads its rows). */
  async function change(eventId: string, action: 'signUp' | 'cancelRegistration'): Promise<RegistrationChange> {
    if (get().pending) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
    set({ pending: eventId });
    try {
      const { registration, event } = await call(action, { eventId });
      const myStatus = registration.status === 'cancelled' ? null : registration.status;
      const current = get().details[eventId]?.event;
      if (get().details[eventId]) patchDetail(eventId, { event: current ? { ...current, ...event } : null, myRegistration: myStatus ? registration : null, error: null, errorCode: null });
      set((s) => ({ items: s.items.map((it) => (it.id === eventId ? { ...it, ...event, myStatus } : it)) }));
      publish('registrationChanged', { eventId, kind: action === 'signUp' ? 'signUp' : 'cancel', by: 'events', registration });
      if (registration.status === 'queued') watchQueued(eventId);
      return { ok: true, registration };
    } catch (error) {
      // The refusal may come from a stale view (someone took the last seat): show the truth again, here and elsewhere.
      if (get().details[eventId]) void get().loadDetail(eventId, { silent: true });
      publish('registrationChanged', { eventId, kind: 'refused', by: 'events' });
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ pending: null });
    }
  }

  /**
   * A sign-up made in a rush comes back `queued`: its place is decided in the order sign-ups arrived, within seconds.
   * Ask (getMySignup) every couple of seconds until it is placed or refused, then show it everywhere. One watch per
   * event; a page shown again for a queued sign-up starts it (loadDetail).
   */
  const watching = new Set<string>();
  function watchQueued(eventId: string) {
    if (watching.has(eventId)) return;
    watching.add(eventId);
    const started = nowMs();
    const again = (ms: number) => setTimeout(() => void tick(), ms);
    const tick = async () => {
      try {
        const { registration, refusal, event } = await call('getMySignup', { eventId });
        if (registration?.status === 'queued' && nowMs() - started < QUEUED_POLL.watchMs) {
          again(QUEUED_POLL.everyMs);
          return;
        }
        watching.delete(eventId);
        const myStatus = registration && registration.status !== 'cancelled' ? registration.status : null;
        // The seats changed with the placing: the answer carries the counters, so the event is not loaded again.
        const current = get().details[eventId]?.event;
        if (get().details[eventId]) {
          patchDetail(eventId, { myRegistration: registration, queueRefusal: refusal?.message ?? null, ...(current && event ? { event: { ...current, ...event } } : {}) });
        }
        set((s) => ({ items: s.items.map((it) => (it.id === eventId ? { ...it, ...(event ?? {}), myStatus } : it)) }));
        publish('registrationChanged', { eventId, kind: refusal ? 'refused' : 'signUp', by: 'events', ...(registration ? { registration } : {}) });
      } catch {
        // No network for a moment: keep asking a little longer.
        if (nowMs() - started < QUEUED_POLL.watchMs) again(QUEUED_POLL.everyMs * 2);
        else watching.delete(eventId);
      }
    };
    again(QUEUED_POLL.firstMs);
  }

  return {
    category: null,
    keyword: '',
    items: [],
    loading: false,
    loaded: false,
    error: null,
    details: {},
    pending: null,

    async setCategory(category) {
      if (category === get().category) return;
      set({ category, items: [], loaded: false });
      await get().loadList();
    },

    async setKeyword(keyword) {
      const trimmed = keyword.trim().slice(0, 40);
      if (trimmed === get().keyword) return;
      set({ keyword: trimmed, items: [], loaded: false });
      await get().loadList();
    },

    async loadList(opts) {
      const seq = ++listSeq;
      const { category, keyword } = get();
      set({ loading: !opts?.silent || !get().loaded, error: null });
      try {
        // The catalogue comes a page a call (at most 400 events): every page, one after another.
        const events = await callAllPages('listEvents', {
          ...(category ? { category } : {}),
          ...(keyword ? { keyword } : {}),
        });
        if (seq !== listSeq) return;
        set({ items: orderForCatalogue(events, nowMs()), loading: false, loaded: true, error: null });
      } catch (error) {
        if (seq !== listSeq) return;
        set({ loading: false, error: messageOf(error) });
      }
    },

    async loadDetail(eventId, opts) {
      const known = get().details[eventId];
      patchDetail(eventId, { loading: !opts?.silent || !known?.event, error: null, errorCode: null });
      try {
        const { event, myRegistration, myAttendance, myBlock } = await call('getEvent', { eventId });
        patchDetail(eventId, { event, myRegistration, myAttendance: myAttendance ?? null, myBlock: myBlock ?? null, loading: false });
        if (myRegistration?.status === 'queued') watchQueued(eventId);
      } catch (error) {
        patchDetail(eventId, { loading: false, error: messageOf(error), errorCode: codeOf(error) });
      }
    },

    // Reminder consent first, inside the tap (WeChat asks only then); whatever is answered, the sign-up goes on.
    async signUp(eventId) {
      if (get().pending) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
      set({ pending: eventId });
      try {
        await askSubscribeConsent();
      } catch {
        // Never in the way of the sign-up.
      }
      set({ pending: null });
      return change(eventId, 'signUp');
    },
    cancel: (eventId) => change(eventId, 'cancelRegistration'),
  };
});

/** Fresh data everywhere after the (demo) identity changes. */
function refreshEverything() {
  const state = useEventsStore.getState();
  if (state.loaded || state.loading) void state.loadList({ silent: true });
  for (const id of Object.keys(state.details)) void state.loadDetail(id, { silent: true });
}
subscribe('identityChanged', refreshEverything);

/** A registration changed elsewhere (a team signed up as one unit): that event's seats and my status, fresh. Changes
 * this store made itself are already applied from the server's answer. */
subscribe('registrationChanged', ({ eventId, by }) => {
  if (by === 'events') return;
  const state = useEventsStore.getState();
  if (state.loaded || state.loading) void state.loadList({ silent: true });
  if (state.details[eventId]) void state.loadDetail(eventId, { silent: true });
});

export function selectDetail(eventId: string) {
  return (s: EventsState): EventDetailEntry => s.details[eventId] ?? emptyDetail;
}
