import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes';

/**
 * The member code (反扫): the QR a student shows and a branch officer scans, verifiable with no network and no secret
 * on the officer's phone. Two Ed25519 signatures:
 *
 *  1. The pass: the server signs, once per registration, claims naming the event, the student, the pass's sequence
 *     number, its expiry and a device public key. Its private half goes to the student's app only.
 *  2. The proof: every 30 seconds the student's app signs the pass, the current time window and the purpose
 *     (check in or out) with the device key.
 *
 * The officer checks (1) with the server's public key (known to the app; looked up by key id), (2) with the device
 * key named in (1), then the event, the purpose and the window. A screenshot lives at most two windows (≤ 60 s), a
 * changed byte breaks a signature, another event's code names another event, and another key is not trusted.
 * Revocation: a pass whose sequence number is below the registration's current one is refused (the officer's
 * download carries each registration's number), and a cancelled registration is not in the download at all.
 * Crypto is passed in (node:crypto on the server, @noble/curves on phones) so the rules are one pure module.
 */
export const CODE_PREFIX = 'Y1';
export const WINDOW_MS = 30_000;
/** Windows either side of the verifier's own that are still accepted: scanning latency and clock drift. */
export const WINDOW_TOLERANCE = 1;

export type CheckinPurpose = 'in' | 'out';

export interface PassClaims {
  /** Format version. */
  v: 1;
  /** Id of the server key that signed the pass. */
  k: string;
  /** Event id. */
  e: string;
  /** Student number. */
  s: string;
  /** Sequence number of the pass for this registration: issuing a new pass revokes the older ones. */
  q: number;
  /** Device public key (Ed25519, 32 bytes, base64url). */
  p: string;
  /** Expiry, seconds since the epoch. */
  x: number;
}

/** A signed pass as the student's app keeps it: `<claims base64url>.<signature base64url>`. */
export type SignedPass = string;

export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
export type Ed25519Sign = (message: Uint8Array) => Uint8Array;

export type MemberCodeRefusal =
  | 'CHECKIN_CODE_MALFORMED'
  | 'CHECKIN_CODE_UNTRUSTED_KEY'
  | 'CHECKIN_CODE_FORGED'
  | 'CHECKIN_CODE_WRONG_EVENT'
  | 'CHECKIN_CODE_WRONG_PURPOSE'
  | 'CHECKIN_CODE_EXPIRED'
  | 'CHECKIN_CODE_NOT_YET_VALID';

export type MemberCodeCheck =
  | { ok: true; claims: PassClaims; window: number }
  | { ok: false; code: MemberCodeRefusal; claims?: PassClaims };

export function windowOf(at: Date | number): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / WINDOW_MS);
}

/** When the code of a window stops being accepted. */
export function windowAcceptedUntil(window: number): Date {
  return new Date((window + 1 + WINDOW_TOLERANCE) * WINDOW_MS);
}

export function passMessage(claimsB64: string): Uint8Array {
  return utf8(`YSC-PASS-1\n${claimsB64}`);
}

function proofMessage(pass: SignedPass, window: number, purpose: CheckinPurpose): Uint8Array {
  return utf8(`YSC-CODE-1\n${pass}.${window}.${purpose === 'in' ? 'i' : 'o'}`);
}

/** Server side: the signed pass for these claims. */
export function signPass(claims: PassClaims, sign: Ed25519Sign): SignedPass {
  const claimsB64 = toBase64Url(utf8(JSON.stringify(claims)));
  return `${claimsB64}.${toBase64Url(sign(passMessage(claimsB64)))}`;
}

/** The claims of a pass, unverified (the student's app reads its own pass for display). */
export function readPassClaims(pass: SignedPass): PassClaims | null {
  const [claimsB64] = pass.split('.');
  const bytes = claimsB64 ? fromBase64Url(claimsB64) : null;
  const text = bytes && fromUtf8(bytes);
  if (!text) return null;
  try {
    const c = JSON.parse(text) as PassClaims;
    const valid =
      c && c.v === 1 && typeof c.k === 'string' && typeof c.e === 'string' && typeof c.s === 'string' &&
      Number.isInteger(c.q) && c.q >= 1 && typeof c.p === 'string' && Number.isInteger(c.x);
    return valid ? c : null;
  } catch {
    return null;
  }
}

/** Student side: the code to show in the window of `at`. */
export function composeMemberCode(pass: SignedPass, at: Date, purpose: CheckinPurpose, signWithDeviceKey: Ed25519Sign): string {
  const window = windowOf(at);
  const proof = toBase64Url(signWithDeviceKey(proofMessage(pass, window, purpose)));
  return `${CODE_PREFIX}.${pass}.${window}.${purpose === 'in' ? 'i' : 'o'}.${proof}`;
}

export interface VerifyExpectation {
  eventId: string;
  purpose: CheckinPurpose;
  /** The verifier's time: the server's clock online, the officer's phone's clock offline. */
  at: Date;
  /** Server public keys by key id (32-byte Ed25519). */
  trustedKeys: Readonly<Record<string, Uint8Array>>;
}

/**
 * Verifies a scanned member code. Order matters: nothing read from a code is believed before its signatures hold,
 * so a refusal for the event, the purpose or the time is only ever about a genuine code.
 */
export function verifyMemberCode(code: string, expect: VerifyExpectation, verify: Ed25519Verify): MemberCodeCheck {
  const parts = code.trim().split('.');
  if (parts.length !== 6 || parts[0] !== CODE_PREFIX) return { ok: false, code: 'CHECKIN_CODE_MALFORMED' };
  const [, claimsB64, passSigB64, windowText, purposeChar, proofB64] = parts;
  if (!/^(0|[1-9][0-9]{0,12})$/.test(windowText) || (purposeChar !== 'i' && purposeChar !== 'o')) {
    return { ok: false, code: 'CHECKIN_CODE_MALFORMED' };
  }
  const pass = `${claimsB64}.${passSigB64}`;
  const claims = readPassClaims(pass);
  const passSig = fromBase64Url(passSigB64);
  const proof = fromBase64Url(proofB64);
  const devicePub = claims ? fromBase64Url(claims.p) : null;
  if (!claims || passSig?.length !== 64 || proof?.length !== 64 || devicePub?.length !== 32) {
    return { ok: false, code: 'CHECKIN_CODE_MALFORMED' };
  }
  const serverKey = Object.prototype.hasOwnProperty.call(expect.trustedKeys, claims.k) ? expect.trustedKeys[claims.k] : undefined;
  if (!serverKey) return { ok: false, code: 'CHECKIN_CODE_UNTRUSTED_KEY' };
  const window = Number(windowText);
  const purpose: CheckinPurpose = purposeChar === 'i' ? 'in' : 'out';
  if (!safeVerify(verify, serverKey, passMessage(claimsB64), passSig) || !safeVerify(verify, devicePub, proofMessage(pass, window, purpose), proof)) {
    return { ok: false, code: 'CHECKIN_CODE_FORGED' };
  }
  if (claims.e !== expect.eventId) return { ok: false, code: 'CHECKIN_CODE_WRONG_EVENT', claims };
  if (purpose !== expect.purpose) return { ok: false, code: 'CHECKIN_CODE_WRONG_PURPOSE', claims };
  const current = windowOf(expect.at);
  if (window < current - WINDOW_TOLERANCE || claims.x * 1000 <= expect.at.getTime()) {
    return { ok: false, code: 'CHECKIN_CODE_EXPIRED', claims };
  }
  if (window > current + WINDOW_TOLERANCE) return { ok: false, code: 'CHECKIN_CODE_NOT_YET_VALID', claims };
  return { ok: true, claims, window };
}

function safeVerify(verify: Ed25519Verify, key: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(key, message, signature) === true;
  } catch {
    return false;
  }
}
