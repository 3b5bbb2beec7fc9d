// `npm test`: everything CI runs, in order. Each step fails fast with its name.
//  1. Debian chromium for the e2e tests (installed with apt when missing)
//  2. type-check (tsc; core/ again without DOM or Node), lint (eslint)
//  3. builds: weapp, h5, cloud functions, local server
//  4. jest: unit + contract + server, the weapp build in miniprogram-simulate, e2e in Chromium
import { readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

ensureChromium();
step('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// core/ runs on the server and on phones: type-checked again with neither DOM nor Node types.
step('type-check core (no DOM, no Node)', 'npx', ['tsc', '--noEmit', '-p', 'core/tsconfig.json']);
// The architecture's walls (eslint.config.mjs): no cycles, core/ and types/ pure, src/ and server/ apart, subpackages apart.
step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('build weapp', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' });
step('build h5', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
step('build cloud functions', 'node', ['scripts/build-functions.mjs']);
step('build local server', 'node', ['scripts/build-server.mjs']);

const report = '/tmp/ysc-jest-report.json';
rmSync(report, { force: true });
console.log('\n▶ jest (unit, contract, server, weapp, e2e)');
const jest = spawnSync('npx', ['jest', '--ci', '--runInBand', '--json', `--outputFile=${report}`], { stdio: 'inherit' });
let summary = null;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  /* jest crashed before writing its report */
}
if (summary) {
  console.log(`\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
  if (summary.numTotalTests === 0) {
    console.error('✖ jest ran no test');
    process.exit(1);
  }
}
process.exit(jest.status ?? 1);
