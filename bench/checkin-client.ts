import { composeMemberCode } from '../core/checkin';
import { deviceSigner } from '../src/shared/services/checkin-crypto';

/**
 * What the benchmarks' scanners need of the student's phone: compose the member code of a pass for a moment, with
 * the device key the server issued (@noble/curves, exactly as the app does).
 */
export function codeComposer(pass: string, deviceKey: string): (at: Date, purpose: 'in' | 'out') => string {
  const sign = deviceSigner(deviceKey);
  return (at, purpose) => composeMemberCode(pass, at, purpose, sign);
}
