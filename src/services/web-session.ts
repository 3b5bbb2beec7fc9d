import Taro from '@tarojs/taro';

/**
 * H5 web login: the session token the browser received by scanning a QR code with the mini program
 * (pollWebLogin), kept across reloads and sent by the HTTP transport as `Authorization: Bearer <token>`. The weapp
 * build resolves this module to web-session.weapp.ts: the mini program is always its WeChat user, with no token.
 */
const KEY = 'ysc.webSession';

type Listener = () => void;
const endedListeners = new Set<Listener>();

export function getWebSession(): string | null {
  try {
    const value = Taro.getStorageSync(KEY);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export function setWebSession(token: string | null): void {
  if (token) Taro.setStorageSync(KEY, token);
  else Taro.removeStorageSync(KEY);
}

/**
 * The server answered SESSION_EXPIRED to a request that carried `token` (expired, revoked or unknown): forget it,
 * unless a newer login replaced it meanwhile, and tell the listener (the user store refreshes who we are).
 */
export function webSessionRefused(token: string): void {
  if (getWebSession() !== token) return;
  setWebSession(null);
  for (const listener of [...endedListeners]) listener();
}

/** Called after the stored token was dropped because the server refused it. */
export function onWebSessionEnded(listener: Listener): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}
