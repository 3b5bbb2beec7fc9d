/**
 * @cloudbase/node-sdk's one door to CloudBase's API (`utils/tcbapirequester.request({ config, params, opts })`),
 * replaced on the exact module copy wx-server-sdk resolves, and routed by the request's `params.action`: cloud storage
 * (`storage.*`, tests/support/cloudbase-storage) and WeChat's open API (`wx.openApi`, tests/support/cloudbase-openapi)
 * each register their in-process backend here. A request no route takes is refused in process (node-sdk's own
 * `processReturn` turns the refusal into its thrown error): nothing can leave the machine.
 *
 * node-sdk's modules call it through their module objects at call time (`tcbapicaller.request(…)`), so replacing the
 * exported function is enough; the replacement is installed once per module registry (jest gives each file its own).
 */
import path from 'node:path';
import { nodeSdkUtils, sdkPaths } from './cloudbase-backend/sdk-modules';

export interface ApiRequestArgs {
  params?: { action?: string } & Record<string, unknown>;
  opts?: Record<string, unknown>;
}

type Route = (action: string, params: Record<string, unknown>, args: ApiRequestArgs) => Promise<unknown>;

interface RequesterModule {
  request: (args: ApiRequestArgs) => Promise<unknown>;
}

const routes = new Map<string, Route>();
let pinned: RequesterModule | null = null;

/** node-sdk's `utils/` folder of the copy wx-server-sdk uses. */
export function nodeSdkUtilsDir(): string {
  return path.join(path.dirname(sdkPaths().nodeSdk), 'utils');
}

/**
 * Routes every API request whose action starts with `prefix` to `route`; installs the replacement on first use.
 * A later registration of the same prefix replaces the earlier one (the backend created last answers).
 */
export function routeApiRequests(prefix: string, route: Route): void {
  routes.set(prefix, route);
  const api = require(path.join(nodeSdkUtilsDir(), 'tcbapirequester.js')) as RequesterModule;
  if (pinned === api) return;
  api.request = async (args) => {
    const action = String(args?.params?.action ?? '');
    const match = [...routes.entries()].find(([p]) => action.startsWith(p));
    if (!match) {
      return nodeSdkUtils().processReturn({ requestId: 'inproc-refused', code: 'INVALID_PARAM', message: `in-process API: ${action || 'request'} refused (no network here)` });
    }
    const { action: _action, ...params } = args.params ?? {};
    return match[1](action, params, args);
  };
  pinned = api;
}
