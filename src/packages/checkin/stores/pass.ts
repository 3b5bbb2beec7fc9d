import { create } from 'zustand';
import type { EventDetail } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { attendanceState, recordsCheckout, type AttendanceTimes } from '../../../utils/checkin';
import { nowMs } from '../../../utils/time';
import type { CheckinPurpose } from '../services/member-code';
import {
  loadPass,
  passUsable,
  pruneExpiredPasses,
  removePass,
  savePass,
  toStoredPass,
  type PassEventInfo,
  type PassHolder,
  type StoredPass,
} from '../services/pass-storage';

/**
 * 签到码 (subpackage packages/checkin): the student's pass for one event, kept on the phone, and the attendance the
 * server has on record. The rotating code itself is made on the phone from the pass (see use-member-code.ts).
 *
 *   loading → ready        a stored pass is shown at once (no network needed); a missing or expiring one is issued
 *           → unavailable  the server says there is nothing to show (not confirmed, cancelled event, not bound)
 *           → failed       no pass and no way to get one now (offline, server error): 重试
 */
export type PassPhase = 'idle' | 'loading' | 'ready' | 'unavailable' | 'failed';

/** Attendance just recorded while the page was open: the page confirms it (banner, vibration). */
export interface AttendanceChange {
  kind: 'in' | 'out';
  at: string;
  seq: number;
}

interface PassState {
  eventId: string | null;
  phase: PassPhase;
  pass: StoredPass | null;
  /** The event as last heard of (from the server, else from the stored pass): shown even when there is no code. */
  event: PassEventInfo | null;
  attendance: AttendanceTimes | null;
  /** Which code is shown: check in, or check out (events that record hours). */
  purpose: CheckinPurpose;
  /** The last status request did not get through: codes still work, the status may be old. */
  offline: boolean;
  /** When the status was last confirmed by the server (ms), null before the first answer. */
  syncedAt: number | null;
  error: string | null;
  errorCode: ClientErrorCode | null;
  /** A 重新领取 is in flight. */
  issuing: boolean;
  lastChange: AttendanceChange | null;

  /** Shows the stored pass at once, then asks the server for the status (and for a pass if none is usable). */
  open: (eventId: string) => Promise<void>;
  /** The status poll (getEvent), every ~10 s while the page is shown. */
  refresh: () => Promise<void>;
  /** 重新领取: a new pass, which revokes the previous one (on this phone or another). */
  reissue: () => Promise<{ ok: true } | { ok: false; message: string }>;
  setPurpose: (purpose: CheckinPurpose) => void;
  leave: () => void;
}

// Answers meant for an earlier opening (another event, or a page that was left) must not land on the current one.
let seq = 0;
let changeSeq = 0;

function eventInfo(event: EventDetail): PassEventInfo {
  return {
    title: event.title,
    startAt: event.startAt,
    endAt: event.endAt,
    location: event.location,
    checkout: recordsCheckout(event),
  };
}

/** Why there is no code to show, when the server says so. */
function unavailableMessage(event: EventDetail, status: string | null): string {
  if (event.status === 'cancelled') return '该活动已取消，无需签到';
  if (status === 'waitlisted') return '你仍在候补中，获得名额后才能领取签到码';
  return '你没有报名该活动（或已取消报名），无法领取签到码';
}

/** Check-out is what comes next once checked in, for events that record it. */
function defaultPurpose(pass: StoredPass | null, attendance: AttendanceTimes | null): CheckinPurpose {
  return pass?.event?.checkout && attendanceState(attendance) === 'in' ? 'out' : 'in';
}

export const usePassStore = create<PassState>()((set, get) => {
  /** Asks for a pass and keeps it. */
  async function issue(mine: number, eventId: string, event: PassEventInfo | null, holder: PassHolder | null): Promise<StoredPass> {
    const issued = await call('issueCheckinPass', { eventId });
    const stored = toStoredPass(issued, event, holder);
    if (!stored) throw new Error('the issued pass does not name this event');
    if (mine === seq) savePass(stored);
    return stored;
  }

  /** getEvent and getMe, then a pass if none is usable. */
  async function sync(mine: number, eventId: string, first: boolean): Promise<void> {
    try {
      const [detail, me] = await Promise.all([
        call('getEvent', { eventId }),
        first ? call('getMe', {}).catch(() => null) : Promise.resolve(null),
      ]);
      if (mine !== seq) return;
      const { event, myRegistration, myAttendance } = detail;
      const attendance = myAttendance ?? null;
      if (event.status === 'cancelled' || myRegistration?.status !== 'confirmed') {
        removePass(eventId);
        set({
          phase: 'unavailable',
          pass: null,
          event: eventInfo(event),
          attendance,
          offline: false,
          error: unavailableMessage(event, myRegistration?.status ?? null),
          errorCode: null,
        });
        return;
      }
      noteChange(get().attendance, attendance, get().syncedAt !== null);
      const info = eventInfo(event);
      set({ event: info });
      const holder: PassHolder | null = me?.student
        ? { studentNo: me.student.studentNo, name: me.student.name, className: me.student.className }
        : get().pass?.holder ?? null;
      let pass = get().pass;
      // Another student's pass (an H5 tester switched identities) or one about to expire: ask for a fresh one.
      if (pass && ((holder && holder.studentNo !== pass.studentNo) || !passUsable(pass, nowMs()))) pass = null;
      if (!pass) {
        pass = await issue(mine, eventId, info, holder);
        if (mine !== seq) return;
      } else {
        pass = { ...pass, event: info, holder: holder && holder.studentNo === pass.studentNo ? holder : pass.holder };
        savePass(pass);
      }
      set({
        phase: 'ready',
        pass,
        attendance,
        purpose: get().phase === 'ready' && !first ? get().purpose : defaultPurpose(pass, attendance),
        offline: false,
        syncedAt: nowMs(),
        error: null,
        errorCode: null,
      });
    } catch (error) {
      if (mine !== seq) return;
      const code = codeOf(error);
      if (get().pass) {
        // A stored pass keeps working with no network: only the status is stale.
        set({ offline: code === 'NETWORK' || code === 'INTERNAL' || code === null, error: code === 'NETWORK' ? null : messageOf(error) });
        return;
      }
      const message =
        code === 'NETWORK'
          ? '需要联网领取一次签到码；领取后，现场没有信号也能出示'
          : code
            ? messageOf(error)
            : '未能领取签到码，请稍后重试';
      // Refusals that retrying cannot fix (no confirmed registration, not bound, check-out closed…): no 重试.
      const unavailable =
        code === 'NOT_BOUND' || code === 'NOT_SIGNED_IN' || code === 'NOT_SIGNED_UP' || code === 'NOT_FOUND' || code === 'FORBIDDEN' ||
        (code?.startsWith('CHECKIN_') ?? false);
      set({ phase: unavailable ? 'unavailable' : 'failed', error: message, errorCode: code });
    }
  }

  function noteChange(before: AttendanceTimes | null, after: AttendanceTimes | null, known: boolean) {
    if (!known) return;
    if (after?.checkedOutAt && !before?.checkedOutAt) set({ lastChange: { kind: 'out', at: after.checkedOutAt, seq: ++changeSeq } });
    else if (after?.checkedInAt && !before?.checkedInAt) {
      set({ lastChange: { kind: 'in', at: after.checkedInAt, seq: ++changeSeq } });
      // Checked in: what the student shows next is the check-out code (events that record hours).
      if (get().pass?.event?.checkout) set({ purpose: 'out' });
    }
  }

  return {
    eventId: null,
    phase: 'idle',
    pass: null,
    event: null,
    attendance: null,
    purpose: 'in',
    offline: false,
    syncedAt: null,
    error: null,
    errorCode: null,
    issuing: false,
    lastChange: null,

    async open(eventId) {
      const mine = ++seq;
      const now = nowMs();
      pruneExpiredPasses(now);
      const stored = loadPass(eventId);
      const pass = stored && passUsable(stored, now) ? stored : null;
      set({
        eventId,
        phase: pass ? 'ready' : 'loading',
        pass,
        event: pass?.event ?? null,
        attendance: null,
        purpose: 'in',
        offline: false,
        syncedAt: null,
        error: null,
        errorCode: null,
        issuing: false,
        lastChange: null,
      });
      await sync(mine, eventId, true);
    },

    async refresh() {
      const { eventId, phase } = get();
      if (!eventId || phase === 'loading' || phase === 'idle') return;
      if (phase !== 'ready') {
        await get().open(eventId);
        return;
      }
      await sync(seq, eventId, false);
    },

    async reissue() {
      const { eventId, pass, issuing } = get();
      if (!eventId || issuing) return { ok: false, message: '正在领取，请稍候' };
      const mine = seq;
      set({ issuing: true });
      try {
        const fresh = await issue(mine, eventId, pass?.event ?? null, pass?.holder ?? null);
        if (mine === seq) set({ pass: fresh, phase: 'ready', error: null, errorCode: null, offline: false });
        return { ok: true };
      } catch (error) {
        return { ok: false, message: codeOf(error) === 'NETWORK' ? '重新领取需要联网，请连接网络后再试' : messageOf(error) };
      } finally {
        if (mine === seq) set({ issuing: false });
      }
    },

    setPurpose(purpose) {
      set({ purpose });
    },

    leave() {
      seq++;
      set({ eventId: null, phase: 'idle', issuing: false });
    },
  };
});
