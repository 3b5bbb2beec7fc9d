import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { localCheckinKeys } from '../server/local/checkin-keys';
import { createLocalServer } from '../server/local/http-server';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import { seedCheckinBench } from './checkin-seed';

/**
 * The local server as `npm start` runs it (same createLocalServer, handlers, SQLite adapter with synchronous=FULL,
 * check-in keys generated into DATA_DIR/checkin-keys.json; demo mode, so X-Demo-User names the officer or the
 * student), over a fresh database holding the check-in bench's event, BENCH_MEMBERS confirmed members and four
 * officers (bench/checkin-seed.ts). Prints `READY <port>` when listening.
 */
const dataDir = process.env.DATA_DIR!;
const members = Number(process.env.BENCH_MEMBERS ?? 500);

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const storage = new SqliteStorage({ file: path.join(dataDir, 'bench.db') });
  await seedCheckinBench(storage, members, new Date());
  const server = createLocalServer({ storage, demoMode: true, staticDir: null, checkinKeys: localCheckinKeys(dataDir) });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, () => {
    const address = server.address();
    console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void storage.close().then(() => process.exit(0)));
  });
}

void main();
