/**
 * H5: the browser says when it is back online (`online` on window). The weapp build resolves this module to
 * network-watch.weapp.ts (WeChat's network status events). Returns a function that stops watching.
 */
export function watchNetwork(onOnline: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const listener = () => onOnline();
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}
