import Taro from '@tarojs/taro';
import type { LocalAttendance, QueuedScan, StoredPackage } from './offline-scanner';

/**
 * What the officer's phone keeps for scanning with no network (Taro storage: localStorage on H5, the mini
 * program's storage on weapp; synchronous, so a scan is on disk before its result is shown):
 *  - `ysc.checkin.pkg.<eventId>`: the downloaded package (keys, confirmed members, event rules), with its time;
 *  - `ysc.checkin.att.<eventId>`: who this phone knows to be checked in or out;
 *  - `ysc.checkin.queue`: scans recorded offline and not uploaded yet, of every event.
 * At most MAX_PACKAGES packages are kept; the oldest is dropped first, never one with scans waiting.
 */
const PKG = 'ysc.checkin.pkg.';
const ATT = 'ysc.checkin.att.';
const QUEUE = 'ysc.checkin.queue';
const INDEX = 'ysc.checkin.pkgs';
const MAX_PACKAGES = 6;

function read<T>(key: string): T | null {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined || value === null ? null : (value as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch (error) {
    // Full storage (weapp: 10 MB): the scan is still shown; say so in the console for whoever debugs it.
    console.warn(`[checkin] could not save ${key}`, error);
  }
}

function remove(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    /* nothing to remove */
  }
}

export function loadPackage(eventId: string): StoredPackage | null {
  return read<StoredPackage>(PKG + eventId);
}

export function savePackage(pkg: StoredPackage): void {
  const eventId = pkg.event.id;
  write(PKG + eventId, pkg);
  const index = (read<string[]>(INDEX) ?? []).filter((id) => id !== eventId);
  index.push(eventId);
  const waiting = new Set(loadQueue().map((q) => q.eventId));
  while (index.length > MAX_PACKAGES) {
    const oldest = index.findIndex((id) => !waiting.has(id) && id !== eventId);
    if (oldest < 0) break;
    const [dropped] = index.splice(oldest, 1);
    remove(PKG + dropped);
    remove(ATT + dropped);
  }
  write(INDEX, index);
}

export function loadAttendance(eventId: string): LocalAttendance | null {
  return read<LocalAttendance>(ATT + eventId);
}

export function saveAttendance(eventId: string, attendance: LocalAttendance): void {
  write(ATT + eventId, attendance);
}

export function loadQueue(): QueuedScan[] {
  const queue = read<QueuedScan[]>(QUEUE);
  return Array.isArray(queue) ? queue : [];
}

export function saveQueue(queue: readonly QueuedScan[]): void {
  if (queue.length) write(QUEUE, queue);
  else remove(QUEUE);
}
