// Roster import: read + validate a generated 10,000-row roster with each candidate reader, in fresh processes, and
// the chosen reader's full import into SQLite. Prints markdown tables (copied into docs/roster-import.md).
//   node bench/roster-import.mjs [--install-candidates] [--runs N]
// The candidates other than our reader are not project dependencies: they are installed, on request, into a
// throw-away folder (ROSTER_BENCH_DEPS, default <tmp>/roster-bench-deps) and skipped when absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const CANDIDATES = {
  exceljs: { pkg: 'exceljs@4.4.0', module: 'exceljs' },
  excelts: { pkg: '@cj-tech-master/excelts@10.2.0', module: '@cj-tech-master/excelts' },
  'read-excel-file': { pkg: 'read-excel-file@9.3.17', module: 'read-excel-file/node' },
};
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const deps = process.env.ROSTER_BENCH_DEPS ?? path.join(os.tmpdir(), 'roster-bench-deps');

if (args.includes('--install-candidates')) {
  execFileSync('npm', ['install', '--prefix', deps, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', ...Object.values(CANDIDATES).map((c) => c.pkg)], { stdio: 'inherit' });
}
const present = (name) => name === 'ours' || existsSync(path.join(deps, 'node_modules', CANDIDATES[name].module.split('/').slice(0, CANDIDATES[name].module.startsWith('@') ? 2 : 1).join('/')));
const candidates = ['ours', ...Object.keys(CANDIDATES)].filter(present);
const skipped = Object.keys(CANDIDATES).filter((c) => !present(c));

const worker = path.resolve('dist/bench/roster-import.js');
await build({
  entryPoints: ['bench/roster-import.ts'], outfile: worker, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  external: ['better-sqlite3'], logLevel: 'warning',
});
const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
const run = (argv, nodeArgs = [], timeoutMs = 180_000) => {
  const r = spawnSync(process.execPath, [...nodeArgs, worker, ...argv], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, ROSTER_BENCH_DEPS: deps } });
  const line = r.stdout.trim().split('\n').pop();
  if (r.signal === 'SIGTERM' && r.error?.code === 'ETIMEDOUT') return { failed: `still busy after ${timeoutMs / 1000} s, stopped` };
  if (r.status !== 0 || !line) return { failed: (r.signal ? `killed (${r.signal})` : r.stderr.split('\n').find((l) => /Error|heap/i.test(l)) ?? `exit ${r.status}`).slice(0, 120) };
  return JSON.parse(line);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');

run(['generate', dir]);
const files = { xlsx: path.join(dir, 'roster-10000.xlsx'), csv: path.join(dir, 'roster-10000.csv'), gbk: path.join(dir, 'roster-10000-gbk.csv') };

// Bundle size of what a cloud function would carry for each reader (minified, as scripts/build-functions.mjs does).
async function bundleSize(name) {
  const contents = name === 'ours'
    ? `export { readRosterTable } from './server/spreadsheets/read-table'; export { validateRoster } from './server/features/roster/validate';`
    : `export * from '${CANDIDATES[name].module}';`;
  try {
    const out = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, platform: 'node', target: 'node16', format: 'cjs',
      minify: true, write: false, logLevel: 'silent', nodePaths: [path.join(deps, 'node_modules')], legalComments: 'none',
    });
    return out.outputFiles[0].contents.length / 1024;
  } catch (e) {
    return NaN;
  }
}

const lines = [];
const print = (s = '') => { lines.push(s); console.log(s); };
print(`Roster import, 10,000 rows (${(statSync(files.xlsx).size / 1024).toFixed(0)} KB xlsx), Node ${process.version}, ${os.cpus().length} cores; median of ${runs} fresh processes`);
print();
print('| reader | file | cold read+validate (ms) | warm (ms) | peak RSS over baseline (MB) | clean rows | bundle (KB, minified) |');
print('|---|---|---|---|---|---|---|');
for (const name of candidates) {
  const size = await bundleSize(name);
  const targets = name === 'ours' ? ['xlsx', 'csv', 'gbk'] : ['xlsx'];
  for (const kind of targets) {
    const results = Array.from({ length: runs }, () => run(['measure', name, files[kind]]));
    const failed = results.find((r) => r.failed);
    if (failed) {
      print(`| ${name} | ${kind} | failed: ${failed.failed} | | | | ${fmt(size, 1)} |`);
      continue;
    }
    print(`| ${name} | ${kind === 'gbk' ? 'csv (GBK)' : kind === 'csv' ? 'csv (UTF-8 BOM)' : 'xlsx'} | ${fmt(median(results.map((r) => r.coldMs)))} | ${fmt(median(results.map((r) => r.warmMs)))} | ${fmt(median(results.map((r) => r.peakMb)))} | ${results[0].cleanRows} / ${results[0].dataRows} | ${kind === 'xlsx' ? fmt(size, 1) : ''} |`);
  }
}

print();
print('Untrusted input (one fresh process each, --max-old-space-size=512, stopped after 60 s):');
print();
print('| reader | 150 MB sheet in a 150 KB zip | formula without cached value | 000000-formatted 012345 | `__proto__` header |');
print('|---|---|---|---|---|');
const describe = (r, pick) => {
  if (r.failed) return r.failed.startsWith('still busy') ? r.failed : `crashed: ${r.failed}`;
  if (r.outcome === 'refused') {
    const code = /^ROSTER_\w+/.exec(r.error)?.[0];
    return code ? `refused in ${fmt(r.ms)} ms, +${fmt(r.peakMb)} MB (${code})` : `threw after ${fmt(r.ms)} ms, +${fmt(r.peakMb)} MB: ${r.error.slice(0, 40)}`;
  }
  return pick(r);
};
for (const name of candidates) {
  const p = (file) => run(['probe', name, path.join(dir, file)], ['--max-old-space-size=512'], 60_000);
  const bomb = describe(p('bomb-150mb.xlsx'), (r) => `read it: ${fmt(r.ms)} ms, +${fmt(r.peakMb)} MB`);
  const formula = describe(p('formula-no-cache.xlsx'), (r) => (r.problems.some((x) => x.startsWith('FORMULA')) ? 'row refused (FORMULA)' : r.problems.some((x) => x.startsWith('MISSING_NAME')) ? 'read as a blank cell' : JSON.stringify(r.problems)));
  const padded = describe(p('zero-padded.xlsx'), (r) => (r.students[0] ? `read as ${r.students[0].secondFactor}` : `leading 0 lost, row refused (${r.problems[0]?.split(':')[0]})`));
  const proto = describe(p('proto-header.xlsx'), (r) => (r.polluted ? 'POLLUTED' : 'nothing polluted'));
  print(`| ${name} | ${bomb} | ${formula} | ${padded} | ${proto} |`);
}

print();
const db = path.join(dir, 'roster.db');
const imports = Array.from({ length: runs }, () => {
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  return run(['sqlite', files.xlsx, db]);
});
const failedImport = imports.find((r) => r.failed);
if (failedImport) print(`Full import into SQLite: failed: ${failedImport.failed}`);
else {
  print('Full import of the 10,000-row xlsx into SQLite, as the importRoster action and scripts/import-roster.mjs run it (read + validate + HMAC of second factors + importStudents with its audit entry, synchronous=FULL); target < 10,000 ms:');
  print();
  print('| total (ms) | students imported | committed | process peak RSS (MB) |');
  print('|---|---|---|---|');
  const m = (k) => fmt(median(imports.map((r) => r[k])));
  print(`| ${m('totalMs')} | ${imports[0].students} | ${imports[0].committed} | ${m('peakMb')} |`);
}
if (skipped.length) print(`\nSkipped (not installed in ${deps}; run with --install-candidates): ${skipped.join(', ')}`);
rmSync(dir, { recursive: true, force: true });
