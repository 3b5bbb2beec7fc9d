import Taro from '@tarojs/taro';
import type { CopyResult } from './clipboard';
import { ensurePrivacyAgreed } from '../../services/privacy';

export type { CopyResult } from './clipboard';

/**
 * Copies text in WeChat. setClipboardData shows WeChat's own 内容已复制 toast, which the mini program cannot word or
 * replace reliably (hiding it right away flickers, and iOS ignores it): that toast is the one the person sees, and the
 * page only marks its button (已复制).
 */
export async function copyText(text: string): Promise<CopyResult> {
  // The clipboard is a privacy interface: refused, the caller's 复制失败 stands and the text stays on screen to copy by hand.
  if (!(await ensurePrivacyAgreed('setClipboardData'))) return { ok: false, announced: false };
  try {
    await Taro.setClipboardData({ data: text });
    return { ok: true, announced: true };
  } catch {
    return { ok: false, announced: false };
  }
}
