import { imageAccept, imageProblem } from '../../src/services/image-file-rules';

/**
 * A picture picked for a 请假 photo or an event cover is checked on the phone before any part is sent: its type by the
 * name's ending (when it has one: WeChat's temporary paths may not), its size against the purpose's limit, in
 * sentences a student understands. The server checks again by the bytes.
 */
describe('image-file rules', () => {
  it('takes a JPG or PNG up to 3 MB as a leave photo', () => {
    expect(imageProblem('leavePhoto', '病假条.JPG', 3 * 1024 * 1024)).toBeNull();
    expect(imageProblem('leavePhoto', 'IMG_0001.png', 10)).toBeNull();
    expect(imageProblem('leavePhoto', 'wxfile-tmp', 10)).toBeNull();
  });

  it('refuses another type by name, saying which are taken', () => {
    expect(imageProblem('leavePhoto', '病假条.heic', 1000)).toBe('“病假条.heic”不是 JPG、PNG 图片：请换一张，或截图后重新选择');
    expect(imageProblem('leavePhoto', 'note.webp', 1000)).toMatch(/不是 JPG、PNG 图片/);
    expect(imageProblem('cover', 'cover.webp', 1000)).toBeNull();
  });

  it('refuses a picture over the limit with its size and the limit, and an empty one', () => {
    expect(imageProblem('leavePhoto', 'a.jpg', 5 * 1024 * 1024)).toBe('图片有 5.0 MB，照片不能超过 3 MB：请压缩或截图后重新选择');
    expect(imageProblem('cover', 'a.jpg', 2 * 1024 * 1024 + 1)).toBe('图片有 2.1 MB，封面不能超过 2 MB：请压缩或截图后重新选择');
    expect(imageProblem('leavePhoto', 'a.png', 0)).toBe('这张图片是空的，请重新选择');
  });

  it('offers the purpose\'s image types to a file input, each once', () => {
    expect(imageAccept('leavePhoto')).toBe('image/jpeg,image/png');
    expect(imageAccept('cover')).toBe('image/jpeg,image/png,image/webp');
  });
});
