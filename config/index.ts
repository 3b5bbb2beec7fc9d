import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro build configuration for both targets:
 * - weapp: output dist/weapp, opened by WeChat DevTools through project.config.json (miniprogramRoot).
 * - h5: output dist/h5, hash router so any static server (the local server, Playwright) can open deep links.
 * Design width is 375 everywhere: NutUI's styles are written for it, and so are ours (1 design px = 2 rpx).
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  // The API contract (types/) sits beside src/ and must be compiled like it (Taro only compiles src/ by default).
  const contractDir = path.resolve(__dirname, '..', 'types');
  // The check-in code rules (pure TS, no I/O) are shared with the phones: the check-in subpackages import them.
  const checkinRulesDir = path.resolve(__dirname, '..', 'server', 'domain', 'checkin');
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'youth-second-classroom',
    date: '2026-11-25',
    designWidth: 375,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist/h5' : 'dist/weapp',
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [contractDir, checkinRulesDir] },
      // Components are shared by several pages; their CSS order between pages does not matter (BEM-scoped names).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Modules used only by future subpackages (officer, committee pages) move out of the main package.
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [contractDir, checkinRulesDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
