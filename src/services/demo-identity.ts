import Taro from '@tarojs/taro';

/**
 * The demo identity of the H5 build: the id a tester picked on 我的 (a student number, or an openid for the
 * committee teacher and for new WeChat users who have not bound yet), kept across reloads and sent as X-Demo-User by
 * the HTTP transport. The local server honours it only in demo mode. The weapp build resolves this module to
 * demo-identity.weapp.ts, where there is no demo identity at all.
 */
const KEY = 'ysc.demoUser';

export function getDemoUser(): string | null {
  try {
    const value = Taro.getStorageSync(KEY);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export function setDemoUser(id: string | null): void {
  if (id) Taro.setStorageSync(KEY, id);
  else Taro.removeStorageSync(KEY);
}
