import { timingSafeEqual } from 'node:crypto';
import { fromBase64Url, fromUtf8, toBase64Url, utf8, windowOf, WINDOW_TOLERANCE, type CheckinPurpose } from '../../core';
import { eventCodeTag } from './checkin-keys';

/**
 * The event code (正扫): a QR shown on a projector or an officer's phone that students scan to check themselves in.
 * Only the server verifies it (the student's scan is sent online), so an HMAC under a server secret suffices:
 *   Y1E.<event id, base64url>.<30-second window>.<i|o>.<tag>
 * It rotates every window, like member codes, so a photo sent to a friend at home is stale within a minute.
 */
const PREFIX = 'Y1E';

export type EventCodeRefusal = 'CHECKIN_CODE_MALFORMED' | 'CHECKIN_CODE_FORGED' | 'CHECKIN_CODE_EXPIRED' | 'CHECKIN_CODE_NOT_YET_VALID';

function tagInput(eventB64: string, window: number, p: string): string {
  return `YSC-EVENT-1\n${eventB64}.${window}.${p}`;
}

export function composeEventCode(secret: Buffer, eventId: string, purpose: CheckinPurpose, at: Date): string {
  const eventB64 = toBase64Url(utf8(eventId));
  const window = windowOf(at);
  const p = purpose === 'in' ? 'i' : 'o';
  return `${PREFIX}.${eventB64}.${window}.${p}.${eventCodeTag(secret, tagInput(eventB64, window, p))}`;
}

export function isEventCode(code: string): boolean {
  return code.trim().startsWith(`${PREFIX}.`);
}

export function verifyEventCode(
  secret: Buffer,
  code: string,
  at: Date,
): { ok: true; eventId: string; purpose: CheckinPurpose } | { ok: false; code: EventCodeRefusal } {
  const parts = code.trim().split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX || !/^(0|[1-9][0-9]{0,12})$/.test(parts[2]) || !/^[io]$/.test(parts[3])) {
    return { ok: false, code: 'CHECKIN_CODE_MALFORMED' };
  }
  const [, eventB64, windowText, p, tag] = parts;
  const eventBytes = fromBase64Url(eventB64);
  const eventId = eventBytes && fromUtf8(eventBytes);
  if (!eventId) return { ok: false, code: 'CHECKIN_CODE_MALFORMED' };
  const window = Number(windowText);
  const expected = Buffer.from(eventCodeTag(secret, tagInput(eventB64, window, p)));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'CHECKIN_CODE_FORGED' };
  const current = windowOf(at);
  if (window < current - WINDOW_TOLERANCE) return { ok: false, code: 'CHECKIN_CODE_EXPIRED' };
  if (window > current + WINDOW_TOLERANCE) return { ok: false, code: 'CHECKIN_CODE_NOT_YET_VALID' };
  return { ok: true, eventId, purpose: p === 'i' ? 'in' : 'out' };
}
