// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI is imported on demand: `import { Button } from '@nutui/nutui-react-taro'` becomes the component's ES module
// plus its compiled CSS (`style/css` → style.css), so only the components we use reach the weapp main package.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        style: 'css',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      },
      'nutui-react-taro',
    ],
  ],
};
