import type { UserConfigExport } from '@tarojs/cli';

/** Production builds (the default of `taro build`): minified; nothing else differs from the base config. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
