import Taro from '@tarojs/taro';

/**
 * weapp: a mini program cannot download into the phone's folders; the file is written to its user folder and opened
 * with WeChat's document viewer, whose menu can send it to a chat or open it in another app.
 */
export interface SavedFile {
  fileName: string;
  rowCount: number;
}

export async function saveXlsxFile(fileName: string, contentBase64: string, rowCount: number): Promise<SavedFile> {
  const safeName = fileName.replace(/[\\/:*?"<>|\s]+/g, '_');
  const filePath = `${Taro.env.USER_DATA_PATH}/${safeName}`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: contentBase64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => {
        console.warn('[xlsx] writeFile failed', e);
        reject(new Error('无法保存导出的文件，请检查手机存储空间后重试'));
      },
    });
  });
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  return { fileName: safeName, rowCount };
}

/** A failure of saving or opening the file, as a sentence (the weapp side throws Chinese sentences). */
export function saveFailureMessage(error: unknown): string {
  return error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message) ? error.message : '无法打开导出的文件，请稍后重试';
}
