import Taro from '@tarojs/taro';

/** Copies text (a code, an address); false when the platform refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: text });
    return true;
  } catch {
    return false;
  }
}
