import { create } from 'zustand';
import type { ActionOutput } from '../../types/actions';
import { call, codeOf, messageOf } from '../services/api';
import type { ClientErrorCode } from '../services/api-error';
import { askAlertConsent, type AlertConsent } from '../services/subscribe-consent';
import { subscribe } from './session-events';

export type FollowTopicView = ActionOutput<'listFollowTopics'>['topics'][number];

/** A tap's result: what WeChat's ask came to and the count now, or the server's refusal. */
export type FollowOutcome = { ok: true; consent: AlertConsent; alertsLeft: number } | { ok: false; code: ClientErrorCode | null; message: string };

interface FollowsState {
  topics: FollowTopicView[];
  /** new_event messages WeChat still lets us send this student: one per "allow". */
  alertsLeft: number;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  /** The topic whose tap is in flight, or 'consent' for 补充提醒次数. */
  pending: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  /** 关注 (asks for one alert first, inside the tap) or 取消关注 (asks nothing). */
  setFollow: (topic: string, follow: boolean) => Promise<FollowOutcome>;
  /** 补充提醒次数: asks WeChat again; an "allow" adds one alert. */
  addAlert: () => Promise<FollowOutcome>;
  reset: () => void;
}

let seq = 0;

/** Records an "allow" (one new_event message) and answers the count the server now holds. */
async function recordAllow(): Promise<number> {
  const { remaining } = await call('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] });
  return remaining.new_event ?? 0;
}

/**
 * 活动提醒: the kinds of events a student follows and how many alerts are left, for the alerts subpackage's page and
 * the 关注 strip on a kind tab of the catalogue. WeChat shows its consent dialog only from a tap, so both taps ask
 * first (askAlertConsent is their first await), record an "allow", then change the follow: the answer's count already
 * includes the new alert.
 */
export const useFollowsStore = create<FollowsState>()((set, get) => ({
  topics: [],
  alertsLeft: 0,
  loading: false,
  loaded: false,
  error: null,
  errorCode: null,
  pending: null,

  async load(opts) {
    const mine = ++seq;
    set({ loading: !opts?.silent || !get().loaded, error: null, errorCode: null });
    try {
      const { topics, alertsLeft } = await call('listFollowTopics', {});
      if (mine !== seq) return;
      set({ topics, alertsLeft, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      set({ loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  async setFollow(topic, follow) {
    if (get().pending) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
    set({ pending: topic });
    try {
      const consent: AlertConsent = follow ? await askAlertConsent() : 'unavailable';
      if (consent === 'accepted') await recordAllow();
      const answer = await call('setFollow', { topic, follow });
      seq++;
      set({ topics: answer.topics, alertsLeft: answer.alertsLeft, loaded: true, error: null, errorCode: null });
      return { ok: true, consent, alertsLeft: answer.alertsLeft };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ pending: null });
    }
  },

  async addAlert() {
    if (get().pending) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
    set({ pending: 'consent' });
    try {
      const consent = await askAlertConsent();
      const alertsLeft = consent === 'accepted' ? await recordAllow() : get().alertsLeft;
      set({ alertsLeft });
      return { ok: true, consent, alertsLeft };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ pending: null });
    }
  },

  reset() {
    seq++;
    set({ topics: [], alertsLeft: 0, loading: false, loaded: false, error: null, errorCode: null, pending: null });
  },
}));

subscribe('identityChanged', () => useFollowsStore.getState().reset());
