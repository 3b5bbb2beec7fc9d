import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The linter holds the architecture's walls (eslint.config.mjs); npm test fails on any violation. These prove each
 * wall stands: probe files placed in the rooms import across a wall, one eslint run lints them all, and each must
 * break the rule named (or, for the allowed case, nothing). ESLint loads its config with a dynamic import, which jest's
 * module system cannot do, so it runs as the CLI does.
 */
const root = path.resolve(__dirname, '../..');
const tag = `__lint_probe_${process.pid}`;

const probes: Array<{ file: string; code: string; breaks: string[] }> = [
  { file: 'src/utils', code: "import { dispatch } from '../../server/dispatch';\nexport const x = dispatch;\n", breaks: ['import-x/no-restricted-paths'] },
  { file: 'server/features/shared', code: "import { formatCredits } from '../../../src/utils/credits';\nexport const x = formatCredits;\n", breaks: ['import-x/no-restricted-paths'] },
  { file: 'core', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", breaks: ['no-restricted-imports'] },
  { file: 'core', code: "import * as v from 'valibot';\nexport const x = v;\n", breaks: ['no-restricted-imports'] },
  { file: 'core', code: "import { dispatch } from '../server/dispatch';\nexport const x = dispatch;\n", breaks: ['import-x/no-restricted-paths'] },
  { file: 'core', code: "import { ACTION_NAMES } from '../types';\nimport { decideSignup } from './signup-rules';\nexport const x = [ACTION_NAMES, decideSignup];\n", breaks: [] },
  { file: 'types', code: "import { decideSignup } from '../core';\nexport const x = decideSignup;\n", breaks: ['import-x/no-restricted-paths'] },
  { file: 'src/packages/teams', code: "import { useScannerStore } from '../officer/stores/scanner';\nexport const x = useScannerStore;\n", breaks: ['import-x/no-restricted-paths'] },
  { file: 'src/pages/me', code: "import { useScannerStore } from '../../packages/officer/stores/scanner';\nexport const x = useScannerStore;\n", breaks: ['import-x/no-restricted-paths'] },
  // Two modules that import each other (probes 9 and 10: their files are named by position).
  { file: 'core', code: `import { b } from './${tag}_10';\nexport const a = () => b;\n`, breaks: ['import-x/no-cycle'] },
  { file: 'core', code: `import { a } from './${tag}_9';\nexport const b = () => a;\n`, breaks: ['import-x/no-cycle'] },
];

let results: Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string }> }>;
const files = probes.map((p, i) => path.join(root, p.file, `${tag}_${i}.ts`));

beforeAll(() => {
  probes.forEach((p, i) => writeFileSync(files[i], p.code));
  try {
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--no-warn-ignored', ...files], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    results = JSON.parse(run.stdout);
  } finally {
    for (const f of files) rmSync(f, { force: true });
  }
}, 120_000);

describe('the walls the linter holds', () => {
  it.each(probes.map((p, i) => [p.file, p.code.split('\n')[0], i] as const))('in %s: %s', (_room, _line, i) => {
    const result = results.find((r) => r.filePath === files[i])!;
    const broken = [...new Set(result.messages.map((m) => m.ruleId ?? m.message))];
    if (probes[i].breaks.length === 0) expect(broken).toEqual([]);
    else expect(broken).toEqual(expect.arrayContaining(probes[i].breaks));
  });
});
