import { useEffect, useRef, useState } from 'react';
import type { ToastKind } from '../../components/PageToast';
import { copyText } from '../services/clipboard';

/** How long a copy button reads 已复制. */
const COPIED_MS = 2000;

/**
 * Copying with exactly one confirmation: on H5 the page's toast (`message`); in WeChat, WeChat's own 内容已复制 (the
 * platform speaks, the page does not add a second toast). Either way the button that was tapped reads 已复制 for two
 * seconds: `copied` is the key of that button. A refusal is the page's toast on both.
 */
export function useCopy(showToast: (text: string, kind?: ToastKind) => void) {
  const [copied, setCopied] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function copy(text: string, key: string, message: string): Promise<void> {
    const result = await copyText(text);
    if (!result.ok) {
      showToast('复制失败，请手动抄写', 'fail');
      return;
    }
    setCopied(key);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), COPIED_MS);
    if (!result.announced) showToast(message, 'success');
  }

  return [copied, copy] as const;
}
