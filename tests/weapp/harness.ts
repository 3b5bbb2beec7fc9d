/**
 * Runs the BUILT WeChat output (dist/weapp) inside miniprogram-simulate, with the `api` cloud function answered in
 * process by the real handlers over a real SQLite database. One harness per test file (jest gives every file its
 * own module registry and jsdom, which the Taro runtime and the simulator both treat as process-wide singletons).
 *
 *   const backend = await createBackend({ openid: 'o-demo-2023011101' });
 *   bootWeapp(backend);                                   // globals + app.js + onLaunch/onShow
 *   const page = await openPage('pages/events/index');    // load, render, attach, onLoad/onShow/onReady
 *   await page.waitForText('百生讲坛');
 *   await page.tap(page.find('signup-button'));
 *
 * What is real: the webpack output of `taro build --type weapp` (app.js, taro.js, vendors.js, the page chunks, the
 * wxml compiled by the official Linux wcc), the front end's API client, the handlers, the domain rules and SQLite.
 * What is simulated: the WeChat page host (Page/App/getCurrentPages), layout (no sizes), navigation (recorded, not
 * performed), and the cloud: callFunction calls dispatch() directly instead of going through CloudBase.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearImmediate as nodeClearImmediate, setImmediate as nodeSetImmediate } from 'node:timers';
import { dispatch, type Caller } from '../../server/dispatch';
import { seedDemoData } from '../../server/local/seed';
import { generateKeyringConfig, keyringFromConfig, type CheckinKeyring } from '../../server/security/checkin-keys';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import type { StoragePort } from '../../server/storage/ports';
import { CloudbaseBackend, createRealSdkDatabase, type RealSdkDatabase } from '../support/cloudbase-backend';
import { startClockAt } from '../support/fixed-clock';
import { TEST_MOMENT } from '../support/test-moment';

export const WEAPP_DIR = path.resolve(__dirname, '../../dist/weapp');

// The weapp, its API client and the handlers share this process's clock: it starts at TEST_MOMENT and moves on at the
// normal pace, so that the seeded term, the passes the phone signs and the handlers' "now" agree whatever the hour
// the tests run at.
startClockAt(TEST_MOMENT);

/** How long waitFor* polls before failing with a dump of what the page shows. */
export const DEFAULT_WAIT_MS = 5000;

// ---------------------------------------------------------------------------------------------------------------
// The minimal typed view of miniprogram-simulate / j-component that the harness uses (their own typings need the
// WechatMiniprogram namespace from miniprogram-api-typings, which the project does not install).

interface SimComponent {
  readonly dom: HTMLElement;
  readonly instance: unknown;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): SimComponent | undefined;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; compilerOptions?: { maxBuffer?: number } }): string;
  render(id: string): SimComponent;
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };
type AnyFn = (...args: any[]) => any;
type MiniProgramConfig = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// The backend: real handlers over a seeded SQLite file.

// The SQLite adapter groups commits per event-loop turn with setImmediate, which jsdom's global (this project's
// jest environment) does not have. Node's own is the one the server uses in production.
if (typeof globalThis.setImmediate !== 'function') {
  Object.assign(globalThis, { setImmediate: nodeSetImmediate, clearImmediate: nodeClearImmediate });
}

export interface ApiCallRecord {
  action: string;
  payload: unknown;
  ok: boolean;
  code?: string;
}

export interface Backend {
  storage: StoragePort;
  /** With `storage: 'cloudbase'`: the database the adapter talks to (the real wx-server-sdk over the in-process backend). */
  cloudDb: RealSdkDatabase | null;
  caller: Caller;
  /** The key of the ID-digits hash: the seed hashed the students' "ID last six" with it, and dispatch checks with it. */
  idHashKey: string;
  /** The check-in keys the handlers sign passes and event codes with (CHECKIN_KEYS on CloudBase); fresh per backend. */
  checkinKeys: CheckinKeyring;
  /** Every callFunction the weapp made, in order: lets a test prove a tap reached the handlers. */
  calls: ApiCallRecord[];
  close(): Promise<void>;
}

/** The ID-hash key of the test backends unless a test passes its own (ID_HASH_KEY on CloudBase). */
export const TEST_ID_HASH_KEY = 'weapp-test-id-hash-key';

/**
 * A fresh SQLite database in a temp folder, seeded with the demo term (events around `now`, several hundred students).
 * Every seeded student has an "ID last six" (the last six of the student number), hashed with `idHashKey`; the same
 * key reaches the handlers, as ID_HASH_KEY does on CloudBase, so binding checks it as in production.
 */
export async function createBackend(options: { openid: string; idHashKey?: string; storage?: 'sqlite' | 'cloudbase' }): Promise<Backend> {
  const idHashKey = options.idHashKey ?? TEST_ID_HASH_KEY;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-weapp-'));
  // 'cloudbase': production's adapter on the real wx-server-sdk (only its transport replaced), for what only CloudBase
  // does (a sign-up rush's queue).
  const cloudDb = options.storage === 'cloudbase' ? createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }) : null;
  const storage: StoragePort & { close(): Promise<void> } = cloudDb
    ? Object.assign(new CloudbaseStorage(cloudDb), { close: async () => {} })
    : new SqliteStorage({ file: path.join(dir, 'weapp.sqlite'), synchronous: 'NORMAL' });
  await seedDemoData(storage, new Date(), idHashKey);
  return {
    storage,
    cloudDb,
    caller: { kind: 'wechat', openid: options.openid },
    idHashKey,
    checkinKeys: keyringFromConfig(generateKeyringConfig()),
    calls: [],
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A call of the real handlers as `openid` (what another phone does meanwhile): the data, or it throws naming the refusal. */
export async function callAs(backend: Backend, action: string, payload: object, openid: string): Promise<any> {
  const result = await dispatch(
    { action: action as never, payload: payload as never },
    { storage: backend.storage, caller: { kind: 'wechat', openid }, now: () => new Date(), demoMode: false, idHashKey: backend.idHashKey, checkinKeys: backend.checkinKeys },
  );
  if (!result.ok) throw new Error(`${action}: ${result.code} ${result.message}`);
  return result.data;
}

/** Fails with the command to run when the weapp build is missing (`npm test` builds it before jest). */
export function assertWeappBuilt(): void {
  const missing = ['app.js', 'app.json', 'taro.js', 'base.wxml'].filter((f) => !existsSync(path.join(WEAPP_DIR, f)));
  if (missing.length) {
    throw new Error(
      `The weapp build is missing (${missing.join(', ')} not found in ${WEAPP_DIR}).\n` +
        'Build it first:  NODE_ENV=production npx taro build --type weapp   (npm test does this before jest)',
    );
  }
  // A stale build is tested as it is, but say so: the failure may be about code that no longer exists.
  const built = statSync(path.join(WEAPP_DIR, 'app.js')).mtimeMs;
  const newer = newestFile(path.resolve(__dirname, '../../src'));
  if (newer && newer.mtimeMs > built) {
    console.warn(`dist/weapp is older than ${path.relative(process.cwd(), newer.file)}: rebuild it (NODE_ENV=production npx taro build --type weapp) to test the current sources`);
  }
}

function newestFile(dir: string): { file: string; mtimeMs: number } | null {
  let best: { file: string; mtimeMs: number } | null = null;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    const candidate = d.isDirectory() ? newestFile(full) : { file: full, mtimeMs: statSync(full).mtimeMs };
    if (candidate && (!best || candidate.mtimeMs > best.mtimeMs)) best = candidate;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// The WeChat host, as globals.

const g = globalThis as unknown as Record<string, any>;

let simulate: Simulate | null = null;
let appConfig: MiniProgramConfig | null = null;
/** The page instances, oldest first, as getCurrentPages() returns them. */
const pageStack: Record<string, unknown>[] = [];
/** Route and query of the page being mounted: Page() has no way to receive them from simulate.load. */
let mounting: { route: string; query: Record<string, string> } | null = null;

const openedRoutes = new Set<string>();

/** Navigation requests (navigateTo, switchTab, …) the app made: recorded, not performed. */
export const navigations: Array<{ api: string; url: string }> = [];

/**
 * What WeChat itself shows or holds: setClipboardData puts text on the clipboard and shows WeChat's own toast
 * (内容已复制), which a page cannot word; showToast's titles (WeChat's native toasts, not the page's own).
 */
export const clipboard: string[] = [];
export const systemToasts: string[] = [];

/** Answers to showModal, first in first out; when empty the user confirms (the brief's "user says yes"). */
export const modalAnswers: boolean[] = [];

function settle(opts: Callbacks | undefined, ok: boolean, res: unknown): void {
  // WeChat calls success/fail, then complete, asynchronously.
  setTimeout(() => {
    if (ok) opts?.success?.(res);
    else opts?.fail?.(res);
    opts?.complete?.(res);
  }, 0);
}

/**
 * wx APIs in the style WeChat has them: with success/fail/complete callbacks when given, else a promise. Taro
 * promisifies by passing callbacks, the app's own code may await the bare call: both must work.
 */
function wxApi<T>(name: string, run: (opts: any) => Promise<T>): AnyFn {
  return (opts: any = {}) => {
    const hasCallbacks = ['success', 'fail', 'complete'].some((k) => typeof opts[k] === 'function');
    const p = run(opts).then(
      (res) => ({ ok: true, res }),
      (err) => ({ ok: false, res: { errMsg: `${name}:fail ${err instanceof Error ? err.message : String(err)}` } }),
    );
    if (hasCallbacks) {
      void p.then(({ ok, res }) => settle(opts, ok, res));
      return undefined;
    }
    return p.then(({ ok, res }) => (ok ? res : Promise.reject(res)));
  };
}

/** A selector query for a page without layout: every node measures 0 × 0 and selectAll finds nothing to measure. */
function layoutlessSelectorQuery() {
  const results: unknown[] = [];
  const zeroRect = { id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, scrollLeft: 0, scrollTop: 0 };
  const query = {
    in: () => query,
    select: () => nodesRef(false),
    selectAll: () => nodesRef(true),
    selectViewport: () => nodesRef(false),
    exec(cb?: (res: unknown[]) => void) {
      setTimeout(() => cb?.(results), 0);
      return query;
    },
  };
  function nodesRef(all: boolean) {
    const push = (cb?: (r: unknown) => void) => {
      const r = all ? [] : { ...zeroRect };
      results.push(r);
      if (cb) setTimeout(() => cb(r), 0);
      return query;
    };
    return { boundingClientRect: push, scrollOffset: push, fields: (_f: unknown, cb?: (r: unknown) => void) => push(cb), node: push, context: push };
  }
  return query;
}

/**
 * Installs everything the built app expects from WeChat, then loads app.js and runs the app's launch hooks.
 * Call once per test file, before openPage.
 */
export function bootWeapp(backend: Backend): void {
  assertWeappBuilt();
  if (simulate) throw new Error('bootWeapp() was already called in this test file');

  // miniprogram-simulate defines global `wx` (stubbed APIs), `Component` and `Behavior` when required; everything
  // below is layered on top of its `wx`, so it must be required first.
  simulate = require('miniprogram-simulate') as Simulate;
  const wx = g.wx;

  // wx.cloud: Taro copies `wx.cloud` onto `Taro.cloud` while taro.js loads, so it must exist before app.js. The app
  // calls init() once at launch and then callFunction({ name: 'api', data: { action, payload } }) for every action.
  // Each call goes to the real dispatch() as the configured WeChat user; the result crosses a JSON boundary as it
  // would coming back from CloudBase.
  wx.cloud = {
    init: () => undefined,
    callFunction: wxApi('cloud.callFunction', async (opts: { name?: string; data?: { action?: string; payload?: unknown } }) => {
      if (opts.name !== 'api') throw new Error(`unknown cloud function "${String(opts.name)}"`);
      const { action, payload } = opts.data ?? {};
      const result = await dispatch(
        { action: action as never, payload: payload as never },
        {
          storage: backend.storage,
          caller: backend.caller,
          now: () => new Date(),
          demoMode: false,
          idHashKey: backend.idHashKey,
          checkinKeys: backend.checkinKeys,
        },
      );
      backend.calls.push({ action: String(action), payload, ok: result.ok, code: result.ok ? undefined : result.code });
      return { result: JSON.parse(JSON.stringify(result)), errMsg: 'cloud.callFunction:ok', requestID: `req-${backend.calls.length}` };
    }),
  };

  // showModal: the user confirms unless a test queued another answer. showToast/showLoading: nothing to show.
  wx.showModal = wxApi('showModal', async () => {
    const confirm = modalAnswers.length ? modalAnswers.shift()! : true;
    return { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
  });
  for (const name of ['hideToast', 'showLoading', 'hideLoading', 'stopPullDownRefresh', 'setNavigationBarTitle']) {
    wx[name] = wxApi(name, async () => ({ errMsg: `${name}:ok` }));
  }
  wx.showToast = wxApi('showToast', async (opts: { title?: string }) => {
    systemToasts.push(opts.title ?? '');
    return { errMsg: 'showToast:ok' };
  });
  wx.setClipboardData = wxApi('setClipboardData', async (opts: { data?: string }) => {
    clipboard.push(opts.data ?? '');
    systemToasts.push('内容已复制');
    return { errMsg: 'setClipboardData:ok' };
  });

  // Navigation: recorded so a test can check where a tap leads; the simulator has no page stack to navigate.
  for (const name of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']) {
    wx[name] = wxApi(name, async (opts: { url?: string; delta?: number }) => {
      navigations.push({ api: name, url: opts.url ?? `delta=${opts.delta ?? 1}` });
      return { errMsg: `${name}:ok` };
    });
  }

  // createSelectorQuery: NutUI's Tabs measures its titles; the simulator's query never calls back and returns
  // undefined from select(), which throws inside the page. Without layout, report empty measurements instead.
  wx.createSelectorQuery = layoutlessSelectorQuery;

  // App(config): app.js registers the Taro app (onLaunch/onShow and the mount/unmount methods pages use); keep it.
  g.App = (config: MiniProgramConfig) => {
    appConfig = config;
  };
  // getApp / getCurrentPages: read by the Taro runtime (Current.app, current page, router) during page lifecycles.
  g.getApp = () => appConfig;
  g.getCurrentPages = () => pageStack;

  // Page(config): each page chunk calls Page(createPageConfig(...)), which the simulator does not implement. Register
  // it as a Component whose methods are the page config's functions (the event handler `eh`, lifecycles, …) and whose
  // attachment plays the page lifecycle WeChat would: onLoad(query) → onShow → onReady.
  g.Page = (config: MiniProgramConfig) => {
    const methods: Record<string, AnyFn> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value as AnyFn;
    g.Component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, any>) {
          const target = mounting;
          if (!target) throw new Error('a page was attached outside openPage()');
          this.route = target.route;
          this.__route__ = target.route;
          this.options = target.query;
          pageStack.push(this);
          this.onLoad?.(target.query);
          this.onShow?.();
          this.onReady?.();
        },
        detached(this: Record<string, any>) {
          this.onHide?.();
          this.onUnload?.();
          const i = pageStack.indexOf(this);
          if (i >= 0) pageStack.splice(i, 1);
        },
      },
    });
  };

  // The app bundle: common/vendors/taro/runtime chunks, then App(...). Launch as WeChat would.
  require(path.join(WEAPP_DIR, 'app.js'));
  if (!appConfig) throw new Error(`${WEAPP_DIR}/app.js did not call App(): is it a Taro weapp build?`);
  const launch = { path: 'pages/events/index', query: {}, scene: 1001 };
  (appConfig.onLaunch as AnyFn | undefined)?.call(appConfig, launch);
  (appConfig.onShow as AnyFn | undefined)?.call(appConfig, launch);
}

// ---------------------------------------------------------------------------------------------------------------
// Pages.

/** Text as a student would read it: all text nodes, whitespace collapsed. */
export function visibleText(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The page's text nodes one by one, separated by " | ", for failure messages. */
export function textDump(el: Element): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
  }
  return parts.join(' | ');
}

/**
 * True when `el` carries the class `name`. The simulator prefixes classes with the component's tag name
 * (`main--event-card`, `comp--event-card`): one such prefix is stripped before comparing.
 */
export function hasClass(el: Element, name: string): boolean {
  return Array.from(el.classList).some((c) => c === name || c.replace(/^[a-z0-9_]+--/, '') === name);
}

export interface PageHandle {
  readonly route: string;
  readonly root: SimComponent;
  readonly dom: HTMLElement;
  text(): string;
  /** All elements carrying a className hook, in document order. */
  findAll(className: string, within?: Element): HTMLElement[];
  /** The first element carrying the hook; throws with the page text when there is none. */
  find(className: string, within?: Element): HTMLElement;
  /** Polls until the text (or pattern) appears; fails with the page text and the API calls so far. */
  waitForText(expected: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Polls until `probe` returns a truthy value and returns it. */
  waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs?: number): Promise<T>;
  /** A user's tap on the element (bubbles to the nearest tap handler, as on a phone). */
  tap(el: Element): Promise<void>;
  /**
   * A user typing `value` into a native input (the element carrying the hook, a `wx-input`): fires the `input` event
   * WeChat fires, with `detail.value`, which Taro hands to the React `onInput` as `e.detail.value`. The simulator's
   * wx-input is an empty shell, so the whole value is "typed" in one event, like a paste.
   */
  type(el: Element, value: string): Promise<void>;
  /**
   * Another event a native component fires (WeChat's own name, lower case: `agreeprivacyauthorization` from a button
   * with open-type="agreePrivacyAuthorization"), through the simulator's event system as a tap is.
   */
  trigger(el: Element, name: string, detail?: Record<string, unknown>): Promise<void>;
  close(): void;
}

/**
 * Loads a page of the build, renders it, attaches it (which runs onLoad/onShow/onReady) and returns a handle.
 * Each route can be opened once per test file: the simulator runs a page's chunk only on its first load.
 */
export async function openPage(route: string, query: Record<string, string> = {}, backend?: Backend): Promise<PageHandle> {
  if (!simulate) throw new Error('call bootWeapp(backend) before openPage()');
  if (!existsSync(path.join(WEAPP_DIR, `${route}.js`))) throw new Error(`no page ${route} in ${WEAPP_DIR}`);
  // simulate.load runs the page chunk with require(); jest caches it, so Page() (and hence the component
  // registration) happens on the first load only and a second load of the same route renders nothing.
  if (openedRoutes.has(route)) {
    throw new Error(`${route} was already opened in this test file: a route can be opened once per file (use another file)`);
  }
  openedRoutes.add(route);
  const id = simulate.load(path.join(WEAPP_DIR, route), {
    rootPath: WEAPP_DIR,
    // base.wxml of a Taro build is large: wcc's output exceeds the default 1 MB child-process buffer.
    compilerOptions: { maxBuffer: 64 << 20 },
  });
  const root = simulate.render(id);
  const container = document.createElement('div');
  container.setAttribute('data-route', route);
  document.body.appendChild(container);
  mounting = { route, query };
  try {
    root.attach(container);
  } finally {
    mounting = null;
  }

  const dom = root.dom;
  const describe = () => {
    const calls = backend?.calls.map((c) => `${c.action}${c.ok ? '' : ` → ${c.code}`}`).join(', ');
    return `\n--- ${route} shows ---\n${textDump(dom) || '(nothing)'}\n---` + (backend ? `\nAPI calls so far: ${calls || '(none)'}` : '');
  };

  /**
   * Taro binds `bindtap="eh"`, `bindinput="eh"`… on the rendered node and finds the React handler through the node's
   * data-sid, so an event has to travel through the simulator's event system (exparser), not as a bare DOM event:
   * find the simulator's wrapper of the node (by its wxml id, which is `uid || sid`) and dispatch on it.
   */
  async function fire(el: Element, name: string, detail: Record<string, unknown>): Promise<void> {
    const target = el.closest('[data-sid]');
    if (!target) throw new Error(`the element to ${name} was not rendered by Taro (no data-sid) on ${route}${describe()}`);
    const wxElement = (target as unknown as { __wxElement?: { id?: string } }).__wxElement;
    const id = wxElement?.id || target.getAttribute('data-sid');
    const node = root.querySelector(`#${cssEscape(String(id))}`);
    if (node && node.dom === target) {
      node.dispatchEvent(name, { detail });
    } else if (wxElement) {
      // Inside a nested custom component (Taro renders very deep trees through its recursive `comp`), which the
      // root's querySelector does not enter: dispatch on the node itself the way the simulator does.
      dispatchThroughExparser(target, wxElement, name, detail);
    } else {
      throw new Error(`cannot reach node #${id} through the simulator on ${route}${describe()}`);
    }
    // The simulator delivers events on a microtask; let the handler start before returning.
    await new Promise((r) => setTimeout(r, 0));
  }

  const handle: PageHandle = {
    route,
    root,
    dom,
    text: () => visibleText(dom),
    findAll: (className, within = dom) =>
      Array.from(within.querySelectorAll<HTMLElement>('*')).filter((el) => hasClass(el, className)),
    find(className, within = dom) {
      const el = handle.findAll(className, within)[0];
      if (!el) throw new Error(`no element with class "${className}" on ${route}${describe()}`);
      return el;
    },
    async waitFor(what, probe, timeoutMs = DEFAULT_WAIT_MS) {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown = null;
      for (;;) {
        try {
          const value = probe();
          if (value) return value;
        } catch (error) {
          lastError = error;
        }
        if (Date.now() > deadline) {
          const cause = lastError instanceof Error ? `\n(last probe error: ${lastError.message.split('\n')[0]})` : '';
          throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} on ${route}${cause}${describe()}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async waitForText(expected, timeoutMs = DEFAULT_WAIT_MS) {
      const matches = (t: string) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
      await handle.waitFor(`text ${typeof expected === 'string' ? `"${expected}"` : String(expected)}`, () => matches(handle.text()), timeoutMs);
    },
    async tap(el) {
      await fire(el, 'tap', { x: 0, y: 0 });
    },
    async type(el, value) {
      await fire(el, 'input', { value, cursor: value.length, keyCode: 0 });
    },
    async trigger(el, name, detail = {}) {
      await fire(el, name, detail);
    },
    close() {
      root.detach();
      container.remove();
    },
  };
  return handle;
}

function cssEscape(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}

/** What j-component's Component.dispatchEvent does, for a node its querySelector cannot reach. */
function dispatchThroughExparser(dom: Element, wxElement: unknown, name: string, detail: Record<string, unknown>): void {
  // miniprogram-exparser is the simulator's own event system (a dependency of j-component): the same instance the
  // rendered tree uses, since jest resolves it to the one copy in node_modules.
  const exparser = require('miniprogram-exparser') as {
    Event: { create(name: string, detail: unknown, opts: unknown): unknown; dispatchEvent(target: unknown, event: unknown): void };
  };
  const original = new CustomEvent(name, { detail });
  void Promise.resolve().then(() => {
    dom.dispatchEvent(original);
    exparser.Event.dispatchEvent(
      wxElement,
      exparser.Event.create(name, detail, {
        originalEvent: original,
        bubbles: true,
        capturePhase: true,
        composed: true,
        extraFields: { touches: {}, changedTouches: {} },
      }),
    );
  });
}
