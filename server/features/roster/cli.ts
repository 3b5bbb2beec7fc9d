import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localIdHashKey } from '../../local/id-hash-key';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage';
import { importRoster } from './import-roster';
import { RosterFileError } from '../../spreadsheets/read-table';

/**
 * Bulk roster load into the local database (scripts/import-roster.mjs runs this):
 *   node scripts/import-roster.mjs <file.xlsx|file.csv> [--commit] [--clean-rows-only]
 * Without --commit it only reports. DATA_DIR as for the server (default .data/). Exit code 0 when the file was
 * clean (or imported), 1 when rows have errors, 2 when the file cannot be read.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('用法：node scripts/import-roster.mjs <名单.xlsx|名单.csv> [--commit] [--clean-rows-only]');
    return 2;
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const storage = new SqliteStorage({ file: path.join(dataDir, 'app.db') });
  try {
    const started = performance.now();
    const report = await importRoster(storage, readFileSync(file), path.basename(file), {
      commit: args.includes('--commit'),
      cleanRowsOnly: args.includes('--clean-rows-only'),
      idHashKey: localIdHashKey(dataDir),
      actor: 'system:import-roster',
      now: new Date(),
    });
    for (const p of report.problems) console.log(`${p.severity === 'error' ? '错误' : '提示'}  ${p.message}`);
    console.log(
      `${report.format.toUpperCase()}：${report.dataRows} 行数据，${report.cleanRows} 行无误；` +
        (report.committed ? `已导入（新增 ${report.created}，更新 ${report.updated}）` : '未导入') +
        `，用时 ${(performance.now() - started).toFixed(0)} ms`,
    );
    return report.problems.some((p) => p.severity === 'error') && !report.committed ? 1 : 0;
  } catch (error) {
    if (error instanceof RosterFileError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

main().then((code) => process.exit(code));
