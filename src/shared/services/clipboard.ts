export interface CopyResult {
  /** The text is on the clipboard. */
  ok: boolean;
  /**
   * The platform has already told the person (WeChat shows its own 内容已复制 toast after setClipboardData): the page
   * must not show a second toast on top of it, only mark the button.
   */
  announced: boolean;
}

/** The classic way: select a hidden textarea and copy (works without the async clipboard API's permission). */
function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.readOnly = true;
  area.value = text;
  area.style.position = 'fixed';
  area.style.left = '-10000px';
  document.body.appendChild(area);
  try {
    area.select();
    area.setSelectionRange(0, text.length);
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    document.body.removeChild(area);
  }
}

/**
 * Copies text (a code, an address) in the browser. Not Taro.setClipboardData: on H5 it shows a toast of its own
 * (内容已复制), which landed under the page's own. The page's toast is the one confirmation here.
 */
export async function copyText(text: string): Promise<CopyResult> {
  if (copyBySelection(text)) return { ok: true, announced: false };
  try {
    await navigator.clipboard.writeText(text);
    return { ok: true, announced: false };
  } catch {
    return { ok: false, announced: false };
  }
}
