import Taro from '@tarojs/taro';

/** A short buzz for a success, a long one for a refusal: the result can be felt without looking. */
export function vibrateFor(ok: boolean): void {
  try {
    const p = ok ? Taro.vibrateShort({ type: 'heavy' }) : Taro.vibrateLong();
    void Promise.resolve(p).catch(() => undefined);
  } catch {
    // No vibration on this device or browser.
  }
}
