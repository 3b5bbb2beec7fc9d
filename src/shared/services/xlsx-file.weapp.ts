import Taro from '@tarojs/taro';

/**
 * weapp: a mini program cannot download into the phone's folders; the file is downloaded to its user folder and
 * opened with WeChat's document viewer, whose menu can send it to a chat or open it in another app. (The link's host is
 * CloudBase storage's, which a mini program of the same environment may download from.)
 */
export interface SavedFile {
  fileName: string;
  rowCount: number;
}

export async function saveXlsxFile(file: { fileName: string; url: string; rowCount: number }): Promise<SavedFile> {
  const safeName = file.fileName.replace(/[\\/:*?"<>|\s]+/g, '_');
  const filePath = `${Taro.env.USER_DATA_PATH}/${safeName}`;
  try {
    const { statusCode } = await Taro.downloadFile({ url: file.url, filePath });
    if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
  } catch (e) {
    console.warn('[xlsx] download failed', e);
    throw new Error('导出的文件下载失败，请稍后重试（下载链接 10 分钟内有效）');
  }
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  return { fileName: safeName, rowCount: file.rowCount };
}

/** A failure of saving or opening the file, as a sentence (the weapp side throws Chinese sentences). */
export function saveFailureMessage(error: unknown): string {
  return error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message) ? error.message : '无法打开导出的文件，请稍后重试';
}
