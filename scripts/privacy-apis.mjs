#!/usr/bin/env node
/**
 * Lists every WeChat privacy interface the front end calls (Taro.x / wx.x, and the privacy components such as
 * <Camera>), and checks each against the 用户隐私保护指引 the college fills in the admin console (docs/privacy-guide.json).
 * Exits 1, naming the file and line, when the code calls one the guide does not list: WeChat refuses such a call
 * ("privacy api banned") once the mini program is released, and review rejects a guide that does not match.
 *
 *   node scripts/privacy-apis.mjs                 # check src/ against docs/privacy-guide.json
 *   node scripts/privacy-apis.mjs --json          # the interfaces used, with where (for docs/deploy.md)
 *   node scripts/privacy-apis.mjs --root DIR --guide FILE   # another tree / guide (the unit test's fixtures)
 *
 * `known` is WeChat's list of privacy interfaces (小程序用户隐私保护指引内容介绍) that a mini program of this kind might
 * call; an interface not in it is not a privacy interface and is not reported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KNOWN_PRIVACY_APIS = {
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  startLocationUpdate: '位置信息',
  startLocationUpdateBackground: '位置信息',
  onLocationChange: '位置信息',
  chooseLocation: '位置信息',
  choosePoi: '位置信息',
  chooseAddress: '地址',
  chooseInvoiceTitle: '发票信息',
  chooseInvoice: '发票信息',
  getWeRunData: '微信运动步数',
  getUserProfile: '用户信息（微信昵称、头像）',
  getUserInfo: '用户信息（微信昵称、头像）',
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
  saveVideoToPhotosAlbum: '相册（仅写入）权限',
  scanCode: '摄像头',
  createCameraContext: '摄像头',
  camera: '摄像头',
  getClipboardData: '剪切板',
  setClipboardData: '剪切板',
  startRecord: '麦克风',
  getRecorderManager: '麦克风',
  openBluetoothAdapter: '蓝牙',
  createBLEConnection: '蓝牙',
  startWifi: '设备信息（Wi-Fi）',
  getConnectedWifi: '设备信息（Wi-Fi）',
  chooseContact: '通讯录（仅写入）权限',
  addPhoneContact: '通讯录（仅写入）权限',
  addPhoneCalendar: '日历（仅写入）权限',
  addPhoneRepeatCalendar: '日历（仅写入）权限',
  chooseLicensePlate: '车牌号',
  getPhoneNumber: '手机号',
};

const SOURCE_EXT = /\.(ts|tsx|js|jsx)$/;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (SOURCE_EXT.test(name)) out.push(full);
  }
  return out;
}

/** Strips comments so a sentence about getLocation in a doc comment is not a call. */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Every privacy interface called under `root`: { api → [{ file, line }] }. */
export function scanPrivacyApis(root) {
  const used = new Map();
  const add = (api, file, line) => {
    if (!used.has(api)) used.set(api, []);
    used.get(api).push({ file: path.relative(process.cwd(), file), line });
  };
  for (const file of walk(root)) {
    const lines = code(readFileSync(file, 'utf8')).split('\n');
    lines.forEach((text, i) => {
      for (const m of text.matchAll(/\b(?:Taro|wx)\.([A-Za-z]+)\s*\(/g)) if (m[1] in KNOWN_PRIVACY_APIS) add(m[1], file, i + 1);
      // Components: <Camera …> (a privacy component), <Button openType='getPhoneNumber'>.
      if (/<Camera\b/.test(text)) add('camera', file, i + 1);
      for (const m of text.matchAll(/openType=['"{]+([A-Za-z]+)/g)) if (m[1] in KNOWN_PRIVACY_APIS) add(m[1], file, i + 1);
    });
  }
  return used;
}

/** The interfaces used that the guide does not list. */
export function missingFromGuide(used, guide) {
  const listed = new Set(guide.entries.flatMap((e) => e.apis));
  return [...used.keys()].filter((api) => !listed.has(api)).sort();
}

function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const root = path.resolve(arg('--root', path.join(repo, 'src')));
  const guideFile = path.resolve(arg('--guide', path.join(repo, 'docs/privacy-guide.json')));
  const guide = JSON.parse(readFileSync(guideFile, 'utf8'));
  const used = scanPrivacyApis(root);
  if (argv.includes('--json')) {
    const list = [...used].sort(([a], [b]) => a.localeCompare(b)).map(([api, where]) => ({ api, info: KNOWN_PRIVACY_APIS[api], where }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  }
  const missing = missingFromGuide(used, guide);
  if (missing.length) {
    for (const api of missing) {
      const where = used.get(api).map((w) => `${w.file}:${w.line}`).join(', ');
      process.stderr.write(`privacy interface ${api} (${KNOWN_PRIVACY_APIS[api]}) is called but not in ${path.relative(process.cwd(), guideFile)}: ${where}\n`);
    }
    process.stderr.write('Add it to the guide (and to the admin console: docs/deploy.md), or stop calling it.\n');
    return 1;
  }
  if (!argv.includes('--json')) {
    for (const [api, where] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
      process.stdout.write(`${api}\t${KNOWN_PRIVACY_APIS[api]}\t${where.length} call(s)\n`);
    }
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
