// Two kinds of jest tests: node (domain, contract suite, handlers, local server, e2e in Chromium) and the weapp
// build rendered in miniprogram-simulate (jsdom). TypeScript is compiled by babel without type-checking; `npm test`
// type-checks separately with tsc.
const transform = {
  '^.+\\.[tj]sx?$': [
    'babel-jest',
    {
      configFile: false,
      babelrc: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    },
  ],
};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      setupFiles: ['<rootDir>/tests/support/property-seed.ts'],
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/tests/contract/**/*.test.ts', '<rootDir>/tests/server/**/*.test.ts'],
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      // The CloudBase backend under the rush test (mingo) is server code: jsdom's "browser" condition would pick mingo's
      // ES-module browser build, which jest cannot require. Its CommonJS build, as on the server.
      moduleNameMapper: { '^mingo$': '<rootDir>/node_modules/mingo/cjs/index.js', '^mingo/(.*)$': '<rootDir>/node_modules/mingo/cjs/$1.js' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
