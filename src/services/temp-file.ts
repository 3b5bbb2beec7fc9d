import Taro from '@tarojs/taro';

/**
 * WeChat's choosers (chooseMedia, chooseMessageFile) hand back temporary paths: what the pickers of the app and its
 * subpackages do with them, once. Used by the weapp pickers only (`*.weapp.ts`); H5 reads a File instead.
 */

/** The person dismissed the chooser: not a failure, nothing to say. */
export function isChooserCancel(error: unknown): boolean {
  return /cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '');
}

/** A chosen file's temporary path read as base64; rejects with `failure` (the sentence the picker shows). */
export function readTempFileBase64(filePath: string, failure: Error): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (r) => resolve(typeof r.data === 'string' ? r.data : ''),
      fail: (e) => {
        console.warn('[file] readFile failed', filePath, e);
        reject(failure);
      },
    });
  });
}
