import { useEffect, useMemo, useState } from 'react';
import { nowMs } from '../../../utils/time';
import { memberCodeFor, WINDOW_MS, windowOf, type CheckinPurpose, type MemberCode } from '../services/member-code';
import type { StoredPass } from '../services/pass-storage';

export interface RotatingCode {
  code: MemberCode | null;
  /** Whole seconds until the next code (30 → 1). */
  secondsLeft: number;
  /** The device key could not sign (a damaged stored pass): 重新领取 fixes it. */
  error: string | null;
}

/**
 * The member code of the current 30-second window, made on the phone (no network), and a once-a-second clock for
 * the countdown. Ticks only while `active` (the page is shown).
 */
export function useMemberCode(pass: StoredPass | null, purpose: CheckinPurpose, active: boolean): RotatingCode {
  const [now, setNow] = useState(nowMs);

  useEffect(() => {
    if (!active) return undefined;
    setNow(nowMs());
    // Tick on the second boundary, so the countdown and the change of code happen together.
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = nowMs();
      setNow(t);
      timer = setTimeout(tick, 1000 - (t % 1000) + 5);
    };
    timer = setTimeout(tick, 1000 - (nowMs() % 1000) + 5);
    return () => clearTimeout(timer);
  }, [active]);

  const window = windowOf(now);
  const signed = pass?.pass ?? null;
  const deviceKey = pass?.deviceKey ?? null;
  const made = useMemo(() => {
    if (!signed || !deviceKey) return { code: null, error: null };
    try {
      return { code: memberCodeFor(signed, deviceKey, window, purpose), error: null };
    } catch (error) {
      return { code: null, error: error instanceof Error ? error.message : '签到码生成失败，请重新领取' };
    }
  }, [signed, deviceKey, window, purpose]);

  const secondsLeft = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
  return { code: made.code, error: made.error, secondsLeft };
}
