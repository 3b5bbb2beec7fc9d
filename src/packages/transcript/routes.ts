import Taro from '@tarojs/taro';

/** The transcript subpackage's own routes (the main package reaches its entry through utils/navigation). */
export const TRANSCRIPT_ROUTES = {
  index: '/packages/transcript/index/index',
  share: '/packages/transcript/share/index',
  print: '/packages/transcript/print/index',
  verify: '/packages/transcript/verify/index',
} as const;

/** 生成可验证成绩单; with a shareId, the one issued earlier on this phone (its code is kept here). */
export function openShare(shareId?: string): void {
  const query = shareId ? `?shareId=${encodeURIComponent(shareId)}` : '';
  void Taro.navigateTo({ url: `${TRANSCRIPT_ROUTES.share}${query}` });
}

export function openPrint(shareId: string): void {
  void Taro.navigateTo({ url: `${TRANSCRIPT_ROUTES.print}?shareId=${encodeURIComponent(shareId)}` });
}

export function openVerify(code?: string): void {
  const query = code ? `?code=${encodeURIComponent(code)}` : '';
  void Taro.navigateTo({ url: `${TRANSCRIPT_ROUTES.verify}${query}` });
}
