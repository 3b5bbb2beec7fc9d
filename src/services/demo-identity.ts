import Taro from '@tarojs/taro';

/**
 * The demo identity of the H5 build: the student number a tester picked on 我的, kept across reloads and sent as
 * X-Demo-User by the HTTP transport. The local server honours it only in demo mode. The weapp build resolves this
 * module to demo-identity.weapp.ts, where there is no demo identity at all.
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

export function setDemoUser(studentNo: string | null): void {
  if (studentNo) Taro.setStorageSync(KEY, studentNo);
  else Taro.removeStorageSync(KEY);
}
