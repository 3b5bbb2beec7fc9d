import Taro from '@tarojs/taro';

let saved: number | null = null;

/**
 * While a code is shown: keep the screen on and turn it up, the way payment codes do, so the officer's camera reads
 * it at once in a bright hall. The brightness the user had is restored when the page is hidden.
 */
export async function brightenForCode(): Promise<void> {
  try {
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    if (saved === null) saved = (await Taro.getScreenBrightness()).value;
    await Taro.setScreenBrightness({ value: 1 });
  } catch {
    // Not allowed on this device: the code still shows.
  }
}

export async function restoreScreen(): Promise<void> {
  try {
    void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    if (saved !== null) await Taro.setScreenBrightness({ value: saved });
  } catch {
    // nothing to do
  } finally {
    saved = null;
  }
}
