// First: @noble/curves needs TextEncoder while it loads, which older mini program engines lack.
import './text-encoding';
import { ed25519 } from '@noble/curves/ed25519';
import { fromBase64Url, type Ed25519Sign, type Ed25519Verify } from '../../../core/checkin';

/**
 * Ed25519 on the phone (@noble/curves: audited pure JS, so it runs in the mini program's engine, which has no
 * WebCrypto). The rules around it — the code format, what is signed, what is refused — are the domain's
 * (core/checkin), the same module the server verifies with, so a code is judged alike online and offline.
 * Import this only from the check-in subpackages: it must not weigh on the main package.
 */
export const phoneEd25519Verify: Ed25519Verify = (publicKey, message, signature) => ed25519.verify(signature, message, publicKey);

/** A signer for the device key the server issued with the pass (32-byte seed, base64url). */
export function deviceSigner(deviceKeyB64: string): Ed25519Sign {
  const seed = fromBase64Url(deviceKeyB64);
  if (!seed || seed.length !== 32) throw new Error('签到凭证已损坏，请重新领取');
  return (message) => ed25519.sign(message, seed);
}

/** The trusted server keys of an offline package, decoded once. */
export function decodeTrustedKeys(keys: ReadonlyArray<{ kid: string; publicKey: string }>): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const k of keys) {
    const raw = fromBase64Url(k.publicKey);
    if (raw?.length === 32) out[k.kid] = raw;
  }
  return out;
}
