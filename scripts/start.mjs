// `npm start`: builds the H5 app and the local server, then runs the server (API + H5 + demo data) in the
// foreground. Ctrl-C stops it. PORT, HOST, DATA_DIR and DEMO_MODE are passed through (see server/local/main.ts).
import { spawn, spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n命令失败：${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

console.log('▶ 构建 H5 …');
run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
console.log('▶ 构建本地服务 …');
run('node', ['scripts/build-server.mjs']);
const server = spawn('node', ['dist/server/local.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
