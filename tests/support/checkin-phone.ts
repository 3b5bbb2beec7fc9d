import { createPrivateKey, sign } from 'node:crypto';
import { composeMemberCode, readPassClaims, signPass, type CheckinPurpose, type PassClaims } from '../../core';
import { newDeviceKey, type CheckinKeyring } from '../../server/security/checkin-keys';

/**
 * A student's phone as the tests play it: it holds the pass and the device key `issueCheckinPass` answered, and
 * signs each window's code with node:crypto (the app does the same with @noble/curves).
 */
export function studentPhone(pass: string, deviceKey: string) {
  const claims = readPassClaims(pass);
  if (!claims) throw new Error('not a pass');
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: deviceKey, x: claims.p }, format: 'jwk' });
  const signer = (message: Uint8Array) => new Uint8Array(sign(null, message, key));
  return {
    claims,
    code: (at: Date, purpose: CheckinPurpose = 'in') => composeMemberCode(pass, at, purpose, signer),
  };
}

/** A pass made outside the server, e.g. signed by a key the server does not trust. */
export function passSignedBy(keyring: CheckinKeyring, claims: Omit<PassClaims, 'v' | 'k' | 'p'>) {
  const device = newDeviceKey();
  const pass = signPass({ v: 1, k: keyring.signerKid, p: device.publicKey, ...claims }, keyring.sign);
  return studentPhone(pass, device.seed);
}

let counter = 0;
/** A fresh scan id, as the scanning app makes one per scan. */
export function scanId(prefix = 'scan'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}
