// The end-to-end tests drive Debian's Chromium through playwright-core (never a downloaded browser).
// Installs it with apt when missing; CI and fresh machines run as root.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log('▶ 安装 Debian chromium（端到端测试需要）…');
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'chromium']]) {
    const cmd = [...sudo, ...args];
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`failed: ${cmd.join(' ')}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} after install`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
