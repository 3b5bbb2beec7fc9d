import Taro from '@tarojs/taro';
import type { ActionOutput } from '../../../../types/actions';
import { readPassClaims } from '../../../../core/checkin/member-code';

export type IssuedPass = ActionOutput<'issueCheckinPass'>;

/** What the pass page shows about the event, kept with the pass so it can be shown with no network. */
export interface PassEventInfo {
  title: string;
  startAt: string;
  endAt: string;
  location: string;
  /** The event records check-out: the page offers 签到 / 签退. */
  checkout: boolean;
}

/** Who the code belongs to, for the officer to compare with the person in front of them. */
export interface PassHolder {
  studentNo: string;
  name: string;
  className: string;
}

/**
 * The phone's copy of a check-in pass for one event: the server-signed pass and the device key that signs each
 * 30-second code. Issued once and kept, so that codes can be shown where the venue has no signal; asking again
 * (重新领取) revokes this one.
 */
export interface StoredPass extends IssuedPass {
  v: 1;
  /** From the pass's own claims: whose pass it is (an H5 tester may switch identities on one browser). */
  studentNo: string;
  event: PassEventInfo | null;
  holder: PassHolder | null;
}

const KEY_PREFIX = 'ysc.checkin.pass.';
/** A pass about to expire is renewed rather than shown: a code must outlive the walk to the officer. */
const RENEW_BEFORE_MS = 5 * 60_000;

const keyOf = (eventId: string) => `${KEY_PREFIX}${eventId}`;

function isStoredPass(value: unknown, eventId: string): value is StoredPass {
  const p = value as Partial<StoredPass> | null;
  if (!p || typeof p !== 'object' || p.v !== 1 || p.eventId !== eventId) return false;
  if (typeof p.pass !== 'string' || typeof p.deviceKey !== 'string' || typeof p.expiresAt !== 'string') return false;
  const claims = readPassClaims(p.pass);
  return !!claims && claims.e === eventId && claims.s === p.studentNo;
}

/** The stored pass of an event, or null (none, unreadable, or of another format). */
export function loadPass(eventId: string): StoredPass | null {
  try {
    const value: unknown = Taro.getStorageSync(keyOf(eventId));
    return isStoredPass(value, eventId) ? value : null;
  } catch {
    return null;
  }
}

/** A freshly issued pass, with what the page knows about the event and the holder. */
export function toStoredPass(issued: IssuedPass, event: PassEventInfo | null, holder: PassHolder | null): StoredPass | null {
  const claims = readPassClaims(issued.pass);
  if (!claims || claims.e !== issued.eventId) return null;
  return { ...issued, v: 1, studentNo: claims.s, event, holder: holder && holder.studentNo === claims.s ? holder : null };
}

export function savePass(pass: StoredPass): void {
  try {
    Taro.setStorageSync(keyOf(pass.eventId), pass);
  } catch {
    // Storage full or unavailable: the pass still works while the page is open; it is asked for again next time.
  }
}

export function removePass(eventId: string): void {
  try {
    Taro.removeStorageSync(keyOf(eventId));
  } catch {
    // nothing to do
  }
}

/** Still good for a while: not expired, and not about to. */
export function passUsable(pass: StoredPass, now: number): boolean {
  const expires = Date.parse(pass.expiresAt);
  return Number.isFinite(expires) && expires - RENEW_BEFORE_MS > now;
}

/** Forgets the passes of other events that have expired (they only take room). */
export function pruneExpiredPasses(now: number): void {
  try {
    const { keys } = Taro.getStorageInfoSync();
    for (const key of keys) {
      if (!key.startsWith(KEY_PREFIX)) continue;
      const value = Taro.getStorageSync(key) as Partial<StoredPass> | null;
      const expires = value && typeof value === 'object' && typeof value.expiresAt === 'string' ? Date.parse(value.expiresAt) : NaN;
      if (!(expires > now)) Taro.removeStorageSync(key);
    }
  } catch {
    // Housekeeping only.
  }
}
