import { composeMemberCode, WINDOW_MS, windowAcceptedUntil, windowOf, type CheckinPurpose } from '../../../../core/checkin/member-code';
import { deviceSigner } from '../../../shared/services/checkin-crypto';

export { WINDOW_MS, windowOf, type CheckinPurpose };

type Signer = ReturnType<typeof deviceSigner>;
let cached: { deviceKey: string; sign: Signer } | null = null;

/** The device key decoded once per pass, not once per code. Throws (with a Chinese message) when it is damaged. */
function signerFor(deviceKey: string): Signer {
  if (cached?.deviceKey !== deviceKey) cached = { deviceKey, sign: deviceSigner(deviceKey) };
  return cached.sign;
}

export interface MemberCode {
  /** What the QR code carries (about 350 characters). */
  text: string;
  /** The 30-second window it proves (epoch ms / 30 000). */
  window: number;
  /** When the officer's scanner stops accepting it (one window of grace for latency and clock drift). */
  acceptedUntil: number;
}

/**
 * The member code for one window: the server's pass plus this phone's signature over the pass, the window and the
 * purpose. Pure and offline; ~1–5 ms of Ed25519 signing on a phone, so it is made once per window.
 */
export function memberCodeFor(pass: string, deviceKey: string, window: number, purpose: CheckinPurpose): MemberCode {
  const text = composeMemberCode(pass, new Date(window * WINDOW_MS), purpose, signerFor(deviceKey));
  return { text, window, acceptedUntil: windowAcceptedUntil(window).getTime() };
}
