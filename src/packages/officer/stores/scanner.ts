import { create } from 'zustand';
import type { CheckinPurposeName } from '../../../../types/checkin';
import type { AttendanceCountsView, CheckinEvent } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import { decodeTrustedKeys, phoneEd25519Verify } from '../../../shared/services/checkin-crypto';
import { subscribe } from '../../../stores/session-events';
import { watchNetwork } from '../services/network-watch';
import {
  RepeatFilter,
  applyScan,
  attendanceOfPackage,
  batchPayload,
  countsWithQueue,
  judgeOffline,
  learnFromResult,
  learnFromUpload,
  mergeAttendance,
  mergeReports,
  newScanId,
  preparePackage,
  reportOfUpload,
  uploadBatches,
  withoutAnswered,
  type LocalAttendance,
  type PreparedPackage,
  type ShownResult,
  type StoredPackage,
  type UploadReport,
} from '../services/offline-scanner';
import { loadAttendance, loadPackage, loadQueue, saveAttendance, savePackage, saveQueue } from '../services/scan-storage';

/**
 * 扫码签到 (officer subpackage): one scan at a time, online when the network answers, on the phone when it does not.
 *  - Online: recordScans with one scan (offline: false); the server's answer is shown and its counts.
 *  - No network (NETWORK, or no answer within ONLINE_TIMEOUT_MS): the phone judges the code itself against the
 *    downloaded package (services/offline-scanner.ts, the domain's rules), shows the same label marked 离线, and
 *    queues a recorded scan under the same scan id, so a request that did reach the server is not counted twice.
 *  - The queue is uploaded (offline: true, in batches of ≤ 500) when the network is back: on the browser's
 *    `online` / WeChat's network event, after the next successful scan, and every AUTO_UPLOAD_MS while scans wait.
 * Pages call open / scan / flush; nothing here touches the UI.
 */
const ONLINE_TIMEOUT_MS = 2500;
/** After a failed request, scans go straight to the phone for this long (a dead network is not asked every time). */
const OFFLINE_RETRY_MS = 10_000;
const AUTO_UPLOAD_MS = 15_000;

export interface PackageInfo {
  /** The server's time of the download. */
  downloadedAt: string;
  members: number;
}

interface ScannerState {
  eventId: string | null;
  event: CheckinEvent | null;
  purpose: CheckinPurposeName;
  /** The server's last counts (from the download, a scan's answer or an upload). */
  serverCounts: AttendanceCountsView | null;
  /** serverCounts plus the scans waiting in the queue: what 已到 N / 报名 M shows. */
  counts: AttendanceCountsView | null;
  pkg: PackageInfo | null;
  pkgLoading: boolean;
  /** The download failed and no earlier one is kept. */
  pkgError: string | null;
  /** A scan or the download found no network (cleared by the next answer from the server). */
  offline: boolean;
  /** The last result, and a number that changes with every result (the page vibrates on it). */
  last: ShownResult | null;
  lastSeq: number;
  /** Scans waiting for upload: this event's, and every event's. */
  pending: number;
  pendingAll: number;
  uploading: boolean;
  /** What the last uploads found (conflicts, refusals); shown until dismissed. */
  report: UploadReport | null;
  uploadError: string | null;
  /** FORBIDDEN: this account may not run check-in for the event. */
  forbidden: string | null;

  open: (eventId: string) => Promise<void>;
  refreshPackage: () => Promise<void>;
  setPurpose: (purpose: CheckinPurposeName) => void;
  /** A scanned (camera) or typed code. Camera sightings of the same code within 2 s are one scan. */
  scan: (code: string, source: 'camera' | 'typed') => Promise<void>;
  /** Uploads every waiting scan (of every event); resolves when done or the network failed again. */
  flush: () => Promise<void>;
  dismissReport: () => void;
  reset: () => void;
}

const initial = {
  eventId: null,
  event: null,
  purpose: 'in' as CheckinPurposeName,
  serverCounts: null,
  counts: null,
  pkg: null,
  pkgLoading: false,
  pkgError: null,
  offline: false,
  last: null,
  lastSeq: 0,
  pending: 0,
  pendingAll: 0,
  uploading: false,
  report: null,
  uploadError: null,
  forbidden: null,
};

// Working data kept beside the state: the prepared package (decoded keys, member index) and this phone's record.
let prepared: PreparedPackage | null = null;
let attendance: LocalAttendance = {};
let skipOnlineUntil = 0;
let uploading: Promise<void> | null = null;
let openSeq = 0;
const repeats = new RepeatFilter();

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function unreachable(error: unknown): boolean {
  return error instanceof Timeout || codeOf(error) === 'NETWORK';
}

function summaryOf(pkg: StoredPackage): PackageInfo {
  return { downloadedAt: pkg.downloadedAt, members: pkg.members.length };
}

export const useScannerStore = create<ScannerState>()((set, get) => {
  /** Recomputes what depends on the queue: pending counts and the counts shown. */
  function syncQueue(serverCounts = get().serverCounts) {
    const queue = loadQueue();
    const eventId = get().eventId;
    set({
      serverCounts,
      counts: serverCounts && eventId ? countsWithQueue(serverCounts, queue, eventId) : serverCounts,
      pending: eventId ? queue.filter((q) => q.eventId === eventId).length : 0,
      pendingAll: queue.length,
    });
  }

  function show(result: ShownResult) {
    set({ last: result, lastSeq: get().lastSeq + 1 });
  }

  function adoptPackage(pkg: StoredPackage) {
    prepared = preparePackage(pkg, decodeTrustedKeys);
    set({ event: pkg.event, pkg: summaryOf(pkg) });
  }

  function wentOffline() {
    skipOnlineUntil = Date.now() + OFFLINE_RETRY_MS;
    set({ offline: true });
  }

  function cameBack() {
    skipOnlineUntil = 0;
    if (get().offline) set({ offline: false });
  }

  async function download(eventId: string, mine: number) {
    set({ pkgLoading: true });
    try {
      const answer = await call('getCheckinPackage', { eventId });
      if (mine !== openSeq) return;
      const stored: StoredPackage = { ...answer, savedAt: new Date().toISOString() };
      savePackage(stored);
      attendance = mergeAttendance(attendanceOfPackage(answer), loadQueue(), eventId);
      saveAttendance(eventId, attendance);
      adoptPackage(stored);
      cameBack();
      set({ pkgLoading: false, pkgError: null });
      syncQueue(answer.counts);
    } catch (error) {
      if (mine !== openSeq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      if (unreachable(error)) wentOffline();
      // A download kept from earlier still serves; say so only when there is none.
      set({ pkgLoading: false, pkgError: get().pkg ? null : messageOf(error) });
    }
  }

  return {
    ...initial,

    async open(eventId) {
      const mine = ++openSeq;
      if (get().eventId !== eventId) {
        prepared = null;
        attendance = {};
        set({ ...initial, purpose: get().purpose, eventId });
        const kept = loadPackage(eventId);
        if (kept) {
          attendance = loadAttendance(eventId) ?? mergeAttendance(attendanceOfPackage(kept), loadQueue(), eventId);
          adoptPackage(kept);
          syncQueue(kept.counts);
        } else syncQueue(null);
      } else syncQueue();
      await download(eventId, mine);
      if (loadQueue().length) void get().flush();
    },

    async refreshPackage() {
      const { eventId } = get();
      if (eventId) await download(eventId, ++openSeq);
    },

    setPurpose(purpose) {
      set({ purpose });
    },

    async scan(raw, source) {
      const code = raw.trim();
      const { eventId, purpose } = get();
      if (!code || !eventId) return;
      if (source === 'camera' && !repeats.accept(code, Date.now())) return;
      const scanId = newScanId();
      const scannedAt = new Date();

      if (Date.now() >= skipOnlineUntil) {
        try {
          const answer = await withTimeout(
            call('recordScans', { eventId, scans: [{ scanId, code, purpose, scannedAt: scannedAt.toISOString(), offline: false }] }),
            ONLINE_TIMEOUT_MS,
          );
          const result = answer.results[0];
          if (get().eventId !== eventId) return;
          attendance = learnFromResult(attendance, result);
          saveAttendance(eventId, attendance);
          cameBack();
          syncQueue(answer.counts);
          show({ ...result, offline: false, studentNo: result.member?.studentNo ?? null });
          if (get().pendingAll) void get().flush();
          return;
        } catch (error) {
          if (get().eventId !== eventId) return;
          if (!unreachable(error)) {
            // The request itself was refused (not staff of this event, unknown event, malformed input).
            if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
            show({
              scanId,
              status: 'refused',
              duplicate: false,
              purpose,
              code: codeOf(error),
              label: '未通过',
              message: messageOf(error),
              member: null,
              at: null,
              conflict: null,
              offline: false,
              studentNo: null,
            });
            return;
          }
          wentOffline();
        }
      }

      if (!prepared || prepared.eventId !== eventId) {
        show({
          scanId,
          status: 'refused',
          duplicate: false,
          purpose,
          code: null,
          label: '无法离线验码',
          message: '网络不可用，且本机没有该活动的离线名单：请在有网络时打开本页下载名单',
          member: null,
          at: null,
          conflict: null,
          offline: true,
          studentNo: null,
        });
        return;
      }
      const judged = judgeOffline({ pkg: prepared, attendance, code, purpose, now: scannedAt, scanId, verify: phoneEd25519Verify });
      if (judged.queued) {
        saveQueue([...loadQueue(), judged.queued]);
        attendance = applyScan(attendance, judged.queued.studentNo, purpose, judged.queued.scannedAt);
        saveAttendance(eventId, attendance);
        syncQueue();
      }
      show(judged.result);
    },

    flush() {
      if (uploading) return uploading;
      if (!loadQueue().length) return Promise.resolve();
      const run = async () => {
        set({ uploading: true, uploadError: null });
        try {
          for (const batch of uploadBatches(loadQueue())) {
            let answer;
            try {
              answer = await call('recordScans', batchPayload(batch));
            } catch (error) {
              if (unreachable(error)) wentOffline();
              else set({ uploadError: `${batch.scans.length} 条扫码记录未能上传：${messageOf(error)}` });
              return;
            }
            cameBack();
            saveQueue(withoutAnswered(loadQueue(), answer.results.map((r) => r.scanId)));
            const report = reportOfUpload(batch.scans, answer.results);
            const current = batch.eventId === get().eventId;
            const next = learnFromUpload(current ? attendance : loadAttendance(batch.eventId) ?? {}, batch.scans, answer.results);
            saveAttendance(batch.eventId, next);
            if (current) {
              attendance = next;
              syncQueue(answer.counts);
            } else syncQueue();
            set({ report: mergeReports(get().report, report) });
          }
        } finally {
          set({ uploading: false });
          syncQueue();
        }
      };
      const done = () => {
        uploading = null;
      };
      uploading = run().then(done, done);
      return uploading;
    },

    dismissReport() {
      set({ report: null });
    },

    reset() {
      openSeq++;
      prepared = null;
      attendance = {};
      skipOnlineUntil = 0;
      set(initial);
    },
  };
});

/**
 * While a check-in page is shown: upload waiting scans when the network comes back and every AUTO_UPLOAD_MS while
 * any wait. Returns the function that stops it (call it when the page hides).
 */
export function startAutoUpload(): () => void {
  const tryUpload = () => {
    if (loadQueue().length) void useScannerStore.getState().flush();
  };
  const stopWatching = watchNetwork(() => {
    skipOnlineUntil = 0;
    tryUpload();
  });
  const timer = setInterval(tryUpload, AUTO_UPLOAD_MS);
  return () => {
    stopWatching();
    clearInterval(timer);
  };
}

/** Scans waiting for upload, per event (the events page shows them). */
export function pendingByEvent(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of loadQueue()) out[q.eventId] = (out[q.eventId] ?? 0) + 1;
  return out;
}

// Another identity (H5 demo switch) starts from nothing; the queue stays on the phone for whoever scanned it.
subscribe('identityChanged', () => useScannerStore.getState().reset());
