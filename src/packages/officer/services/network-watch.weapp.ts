import Taro from '@tarojs/taro';

/** weapp: WeChat reports network changes; a connection coming back is the moment to upload waiting scans. */
export function watchNetwork(onOnline: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) onOnline();
  };
  try {
    Taro.onNetworkStatusChange(listener);
  } catch {
    // No network events on this host: the periodic upload still runs.
    return () => undefined;
  }
  return () => {
    try {
      Taro.offNetworkStatusChange(listener);
    } catch {
      /* nothing to stop */
    }
  };
}
