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
/** "kind=id,kind=id" → { kind: id }; unknown kinds and empty ids are dropped. */
function subscribeTemplateIds(spec: string | undefined): Record<string, string> {
  const kinds = ['event_reminder', 'waitlist_promoted', 'event_cancelled', 'new_event'];
  const ids: Record<string, string> = {};
  for (const pair of (spec ?? '').split(',')) {
    const [kind, id] = pair.split('=').map((x) => x.trim());
    if (kinds.includes(kind) && id) ids[kind] = id;
  }
  return ids;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  // The API contract (types/) sits beside src/ and must be compiled like it (Taro only compiles src/ by default).
  const contractDir = path.resolve(__dirname, '..', 'types');
  // The pure core (core/: rules with no I/O) is shared with the phones: the check-in subpackages judge codes with it,
  // and the committee's pages sum credits with the same tallies the server uses.
  const domainDir = path.resolve(__dirname, '..', 'core');
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
    defineConstants: {
      // Where the H5 build is served (CloudBase static hosting in production). The mini program cannot show a web
      // address of its own, so the QR on a shared transcript (成绩单) encodes <H5_SITE_ORIGIN>/#/packages/transcript/
      // verify/index?code=…; set H5_SITE_ORIGIN when building weapp for a deployment. The H5 build uses its own origin.
      H5_SITE_ORIGIN: JSON.stringify(process.env.H5_SITE_ORIGIN || 'https://second-classroom.example.edu.cn'),
      // The subscribe-message templates the student is asked to allow at the sign-up tap (weapp), by reminder kind:
      // SUBSCRIBE_TEMPLATE_IDS="event_reminder=<id>,waitlist_promoted=<id>,event_cancelled=<id>" (the template ids of
      // the mini program's 订阅消息 settings). Empty (the default): the app never asks. `new_event=<id>` adds the template of
      // 活动提醒 (a followed kind opened for sign-up), asked alone at the 关注 tap, never at sign-up.
      SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(subscribeTemplateIds(process.env.SUBSCRIBE_TEMPLATE_IDS)),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [contractDir, domainDir] },
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
      compile: { include: [contractDir, domainDir] },
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
      // Styles several pages share load once, before any page's own. Taro splits only initial chunks, so each lazily
      // loaded page carried its own copy of NutUI's and the shared components' CSS; on H5 every stylesheet stays in
      // the document, so a subpackage page opened later re-appended `.nut-button` after the event page's overrides and
      // won (the 签到码 pill fell to a 32 px box). One chunk for the library's CSS, one for src/components, src/shared
      // and src/styles; the library's first, and each loaded once, so a page's own rules always come after both.
      // tests/e2e/style-stability.test.ts visits subpackage pages and checks the event page is unchanged.
      webpackChain(chain) {
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              uiLibraryStyles: {
                name: 'ui-library-styles',
                type: 'css/mini-extract',
                test: /[\\/]node_modules[\\/]@nutui[\\/]/,
                chunks: 'all',
                enforce: true,
                priority: 300,
              },
              sharedStyles: {
                name: 'shared-styles',
                type: 'css/mini-extract',
                test: /[\\/]src[\\/](components|shared|styles)[\\/]/,
                chunks: 'all',
                enforce: true,
                priority: 290,
              },
            },
          },
        });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
