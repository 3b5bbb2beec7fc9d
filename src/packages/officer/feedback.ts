import Taro from '@tarojs/taro';

/**
 * A scan's outcome felt in the hand: a short buzz when it went through (or was already in), a long one for a
 * refusal, so the officer need not look twice. Taro maps both to navigator.vibrate on H5 (where phones allow it).
 * Never fails: a phone (or browser) that cannot vibrate still shows the result.
 */
export function vibrateFor(status: 'recorded' | 'already' | 'refused'): void {
  try {
    const buzz = status === 'refused' ? Taro.vibrateLong({}) : Taro.vibrateShort({ type: 'heavy' });
    void Promise.resolve(buzz).catch(() => undefined);
  } catch {
    /* no vibration here */
  }
}

/** weapp: keep the screen on while scanning or showing the event code (H5 has no such API). */
export function keepScreenOn(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') return;
  try {
    void Promise.resolve(Taro.setKeepScreenOn({ keepScreenOn: on })).catch(() => undefined);
  } catch {
    /* not available */
  }
}
