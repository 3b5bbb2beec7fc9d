import Taro from '@tarojs/taro';
import type { CopyResult } from './clipboard';

export type { CopyResult } from './clipboard';

/**
 * Copies text in WeChat. setClipboardData shows WeChat's own 内容已复制 toast, which the mini program cannot word or
 * replace reliably (hiding it right away flickers, and iOS ignores it): that toast is the one the person sees, and the
 * page only marks its button (已复制).
 */
export async function copyText(text: string): Promise<CopyResult> {
  try {
    await Taro.setClipboardData({ data: text });
    return { ok: true, announced: true };
  } catch {
    return { ok: false, announced: false };
  }
}
