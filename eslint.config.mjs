// The linter (npm test runs it; a violation fails CI): typescript-eslint's recommended rules, and the rules that hold
// the architecture — no import cycles; core/ imports only core/ and types/ (it runs on servers and phones alike);
// types/ imports nothing of ours; src/ never imports server/; server/ never imports src/; a subpackage never imports
// another subpackage's files; the main package never imports subpackage code. docs/architecture.md draws the rooms.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const subpackages = readdirSync(new URL('./src/packages', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Every subpackage is a room of its own: what two of them share lives in src/shared or src/components. */
const subpackageZones = subpackages.map((name) => ({
  target: `./src/packages/${name}`,
  from: './src/packages',
  except: [`./${name}`],
  message: `子包 ${name} 不能引用其他子包的文件：共用的放到 src/shared 或 src/components`,
}));

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'cloudfunctions/*/index.js', '.data/**', 'coverage/**', '**/*.d.ts', 'src/assets/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      // Without the parser settings above, no-cycle cannot read a TypeScript dependency and silently finds nothing.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src', from: './server', message: '前端不能引用 server/：共用的规则在 core/，接口契约在 types/' },
            { target: './server', from: './src', message: 'server/ 不能引用前端代码' },
            { target: './core', from: ['./server', './src', './tests', './cloudfunctions', './bench', './scripts'], message: 'core/ 只能引用 core/ 和 types/' },
            { target: './types', from: ['./core', './server', './src', './tests'], message: 'types/ 是接口契约，不引用实现' },
            {
              target: ['./src/pages', './src/components', './src/stores', './src/services', './src/utils', './src/styles', './src/app.ts', './src/shared'],
              from: './src/packages',
              message: '主包和共用代码不能引用子包：主包体积有上限，子包按需加载',
            },
            {
              target: ['./src/pages', './src/components', './src/stores', './src/services', './src/utils', './src/styles', './src/app.ts'],
              from: './src/shared',
              message: 'src/shared 只给子包用：主包引用它会把它带进主包',
            },
            ...subpackageZones,
          ],
        },
      ],
      // The code base names unused parameters and locals with a leading underscore on purpose (a handler's input).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The pure core: no I/O and no platform. Node's modules and any package are refused (types/ is imported relatively).
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: 'core/ 不做 I/O，不能引用 Node 模块' })),
          patterns: [
            { group: ['node:*'], message: 'core/ 不做 I/O，不能引用 Node 模块' },
            { regex: '^[^.]', message: 'core/ 只能引用 core/ 和 types/（相对路径），不引用任何依赖包' },
          ],
        },
      ],
    },
  },
  {
    // Tests, benches and scripts may use require() (jest.mock factories, CommonJS helpers) and `any` for payloads.
    files: ['tests/**', 'bench/**', 'scripts/**', '*.js', '*.mjs', 'config/**'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
