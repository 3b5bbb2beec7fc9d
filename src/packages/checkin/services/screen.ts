/**
 * H5: keep the screen awake while a code is shown (Screen Wake Lock API, where the browser has it). Browsers cannot
 * change the brightness; the weapp build turns it up (screen.weapp.ts).
 */
interface WakeLockSentinelLike {
  release(): Promise<void>;
}

let lock: WakeLockSentinelLike | null = null;

export async function brightenForCode(): Promise<void> {
  try {
    const wakeLock = (navigator as unknown as { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;
    if (wakeLock && !lock) lock = await wakeLock.request('screen');
  } catch {
    // Refused (e.g. the page is not visible): the code still shows.
  }
}

export async function restoreScreen(): Promise<void> {
  const held = lock;
  lock = null;
  try {
    await held?.release();
  } catch {
    // already released
  }
}
