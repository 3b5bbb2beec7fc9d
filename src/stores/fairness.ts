import { create } from 'zustand';
import type { ActionOutput } from '../../types/actions';
import { call, messageOf } from '../services/api';

export type EventFairness = ActionOutput<'getEventFairness'>;

interface FairnessState {
  /** By event: the lottery, the caller's leave and sign-up block (getEventFairness), once loaded. */
  byEvent: Record<string, EventFairness | undefined>;
  errors: Record<string, string | undefined>;
  /** The event whose leave request is being sent. */
  requesting: string | null;
  load: (eventId: string) => Promise<void>;
  /** 请假 (requestLeave), with the photo uploaded beforehand if any: resolves with the refusal to show, or null when sent. */
  requestLeave: (eventId: string, reason: string, photoFileId?: string | null) => Promise<string | null>;
}

// An answer older than the latest asked for the same event must not overwrite it.
const seqs: Record<string, number> = {};

/**
 * 抽签、请假与报名限制 beside an event (issue 16): what the event page shows of a lottery (its commitment before the
 * window opens, the result after the draw, the caller's own application), the caller's leave request and their block.
 */
export const useFairnessStore = create<FairnessState>()((set, get) => ({
  byEvent: {},
  errors: {},
  requesting: null,
  async requestLeave(eventId, reason, photoFileId) {
    if (get().requesting) return '正在提交，请稍候';
    set({ requesting: eventId });
    try {
      await call('requestLeave', { eventId, reason, ...(photoFileId ? { photoFileId } : {}) });
      await get().load(eventId);
      return null;
    } catch (error) {
      return messageOf(error);
    } finally {
      set({ requesting: null });
    }
  },
  async load(eventId) {
    const seq = (seqs[eventId] = (seqs[eventId] ?? 0) + 1);
    try {
      const answer = await call('getEventFairness', { eventId });
      if (seqs[eventId] !== seq) return;
      set((s) => ({ byEvent: { ...s.byEvent, [eventId]: answer }, errors: { ...s.errors, [eventId]: undefined } }));
    } catch (error) {
      if (seqs[eventId] !== seq) return;
      set((s) => ({ errors: { ...s.errors, [eventId]: messageOf(error) } }));
    }
  },
}));
