import Taro from '@tarojs/taro';

/**
 * weapp: the 小程序码 is saved to the phone's album (downloaded first: the link is CloudBase storage's), for a
 * poster made elsewhere or sent to a group. Saving to the album is a privacy interface: WeChat asks for agreement
 * first, and a refusal leaves the page as it was with a sentence saying what could not be done.
 */
export const POSTER_OUTPUT_LABEL = '保存小程序码到相册';

export async function outputPoster(codeUrl: string): Promise<string> {
  let filePath: string;
  try {
    const { statusCode, tempFilePath } = await Taro.downloadFile({ url: codeUrl });
    if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
    filePath = tempFilePath;
  } catch (e) {
    console.warn('[poster] download failed', e);
    throw new Error('小程序码下载失败，请稍后重试');
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
  } catch (e) {
    console.warn('[poster] save failed', e);
    throw new Error('未能保存到相册：需要允许保存到相册（可在右上角 ··· → 设置中开启）');
  }
  return '已保存到相册';
}
