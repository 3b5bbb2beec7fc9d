import { create } from 'zustand';
import type { ActionInput } from '../../../../types/actions';
import type { AttendanceCountsView, AttendanceRow, CheckinEvent, CheckinStaff } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { saveFailureMessage, saveXlsxFile, type SavedFile } from '../../../shared/services/xlsx-file';

/**
 * 到场名单 (officer subpackage): who came, who did not, walk-ins; corrections by hand; export; check-in staff.
 * Every request of the page goes through here.
 */
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; code: ClientErrorCode | null; message: string };

interface AttendanceState {
  eventId: string | null;
  event: CheckinEvent | null;
  counts: AttendanceCountsView | null;
  rows: AttendanceRow[];
  /** Check-in helpers by name, 学号 and branch (a teacher by name). */
  staff: CheckinStaff[];
  loading: boolean;
  loaded: boolean;
  /** The first page is shown and the next ones are being read (a big event's list comes 800 people a call). */
  paging: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  /** When the list was last answered (phone clock): 'updated hh:mm:ss'. */
  updatedAt: number | null;
  correcting: boolean;
  exporting: boolean;
  staffBusy: boolean;

  load: (eventId: string, opts?: { silent?: boolean }) => Promise<void>;
  correct: (input: Omit<ActionInput<'correctAttendance'>, 'eventId'>) => Promise<Outcome<AttendanceRow>>;
  exportXlsx: () => Promise<Outcome<SavedFile>>;
  setStaff: (account: string, assigned: boolean) => Promise<Outcome>;
  reset: () => void;
}

const initial = {
  eventId: null,
  event: null,
  counts: null,
  rows: [],
  staff: [],
  loading: false,
  loaded: false,
  paging: false,
  error: null,
  errorCode: null,
  updatedAt: null,
  correcting: false,
  exporting: false,
  staffBusy: false,
};

let seq = 0;

/** The load under way (see load), if any. */
let inFlight: { seq: number; eventId: string } | null = null;

/** Rows corrected by hand since the current load began (see correct). */
const corrected = new Map<string, AttendanceRow>();

/** `rows` with `row` in place of the same 学号's (or added: a walk-in checked in by hand). */
export function withRow(rows: readonly AttendanceRow[], row: AttendanceRow): AttendanceRow[] {
  return rows.some((r) => r.studentNo === row.studentNo) ? rows.map((r) => (r.studentNo === row.studentNo ? row : r)) : [...rows, row];
}

function withCorrections(rows: readonly AttendanceRow[]): AttendanceRow[] {
  let out = [...rows];
  for (const row of corrected.values()) out = withRow(out, row);
  return out;
}

function refusal(error: unknown): { ok: false; code: ClientErrorCode | null; message: string } {
  return { ok: false, code: codeOf(error), message: messageOf(error) };
}

export const useAttendanceStore = create<AttendanceState>()((set, get) => ({
  ...initial,

  async load(eventId, opts) {
    // A refresh while the last load of the same list is still under way is skipped: a 5,000-member list is 7 calls,
    // which may take longer than the 5 s between refreshes — restarting each time, it would never be whole.
    if (opts?.silent && inFlight !== null && inFlight.seq === seq && inFlight.eventId === eventId) return;
    const mine = ++seq;
    inFlight = { seq: mine, eventId };
    corrected.clear();
    const same = get().eventId === eventId && get().loaded;
    set({ eventId, loading: !opts?.silent || !same, ...(same ? {} : { ...initial, eventId, loading: true }) });
    try {
      let answer = await call('getEventAttendance', { eventId });
      const rows = [...answer.rows];
      // A first load shows the first page at once and the rest as it comes; a refresh swaps the list when whole.
      const progressive = !same;
      while (answer.next) {
        if (mine !== seq) return;
        if (progressive) set({ event: answer.event, counts: answer.counts, rows: withCorrections(rows), staff: answer.staff, loading: false, loaded: true, paging: true });
        answer = await call('getEventAttendance', { eventId, cursor: answer.next });
        rows.push(...answer.rows);
      }
      if (mine !== seq) return;
      inFlight = null;
      set({
        event: answer.event,
        counts: answer.counts,
        rows: withCorrections(rows),
        staff: answer.staff,
        loading: false,
        loaded: true,
        paging: false,
        error: null,
        errorCode: null,
        updatedAt: Date.now(),
      });
    } catch (error) {
      if (mine !== seq) return;
      inFlight = null;
      // The live refresh failing (a dropped connection) keeps the list on screen; only a first load shows the error.
      if (opts?.silent && same && codeOf(error) !== 'FORBIDDEN') return set({ loading: false, paging: false });
      set({ loading: false, loaded: true, paging: false, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  async correct(input) {
    const { eventId } = get();
    if (!eventId || get().correcting) return { ok: false, code: null, message: '正在提交，请稍候' };
    set({ correcting: true });
    try {
      const { row, counts } = await call('correctAttendance', { eventId, ...input });
      if (get().eventId === eventId) {
        // In place; remembered too, so pages of a load begun before the correction do not bring the old row back.
        corrected.set(row.studentNo, row);
        set({ rows: withRow(get().rows, row), counts });
      }
      return { ok: true, value: row };
    } catch (error) {
      return refusal(error);
    } finally {
      set({ correcting: false });
    }
  },

  async exportXlsx() {
    const { eventId } = get();
    if (!eventId || get().exporting) return { ok: false, code: null, message: '正在导出，请稍候' };
    set({ exporting: true });
    try {
      const file = await call('exportAttendance', { eventId });
      try {
        return { ok: true, value: await saveXlsxFile(file) };
      } catch (error) {
        return { ok: false, code: null, message: saveFailureMessage(error) };
      }
    } catch (error) {
      return refusal(error);
    } finally {
      set({ exporting: false });
    }
  },

  async setStaff(account, assigned) {
    const { eventId } = get();
    if (!eventId || get().staffBusy) return { ok: false, code: null, message: '正在提交，请稍候' };
    set({ staffBusy: true });
    try {
      const { staff } = await call('setCheckinStaff', { eventId, account, assigned });
      if (get().eventId === eventId) set({ staff });
      return { ok: true, value: undefined };
    } catch (error) {
      return refusal(error);
    } finally {
      set({ staffBusy: false });
    }
  },

  reset() {
    seq++;
    corrected.clear();
    set(initial);
  },
}));

/** The three lists of the page. Walk-ins are their own tab; a member whose registration was cancelled but who came is 已到. */
export type AttendanceTab = 'in' | 'absent' | 'walkin';

export function rowsOfTab(rows: readonly AttendanceRow[], tab: AttendanceTab): AttendanceRow[] {
  const picked = rows.filter((r) => (tab === 'walkin' ? r.walkIn : !r.walkIn && (tab === 'in' ? r.state !== 'absent' : r.state === 'absent')));
  // Arrivals newest first (the live list shows who just came); absentees by student number.
  return tab === 'absent'
    ? picked.sort((a, b) => a.studentNo.localeCompare(b.studentNo))
    : picked.sort((a, b) => (b.checkedInAt ?? '').localeCompare(a.checkedInAt ?? '') || a.studentNo.localeCompare(b.studentNo));
}

/**
 * 到场名单's search: rows whose name or 学号 contains the query (a 学号's tail is what an officer usually types), in
 * every tab — those who came first (newest first), then those who did not.
 */
export function searchRows(rows: readonly AttendanceRow[], query: string): AttendanceRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const found = rows.filter((r) => r.name.toLowerCase().includes(q) || r.studentNo.toLowerCase().includes(q));
  const came = found.filter((r) => r.state !== 'absent').sort((a, b) => (b.checkedInAt ?? '').localeCompare(a.checkedInAt ?? ''));
  const absent = found.filter((r) => r.state === 'absent').sort((a, b) => a.studentNo.localeCompare(b.studentNo));
  return [...came, ...absent];
}

/** Walk-ins who are here: counted in 已到 but not in 报名, so the header says how many (含现场 N). */
export function walkInsPresent(rows: readonly AttendanceRow[]): number {
  return rows.filter((r) => r.walkIn && r.state !== 'absent').length;
}

export function tabCounts(rows: readonly AttendanceRow[]): Record<AttendanceTab, number> {
  const out = { in: 0, absent: 0, walkin: 0 };
  for (const r of rows) {
    if (r.walkIn) out.walkin++;
    else if (r.state === 'absent') out.absent++;
    else out.in++;
  }
  return out;
}

subscribe('identityChanged', () => useAttendanceStore.getState().reset());
