/**
 * The exact copies of the SDK's inner modules that wx-server-sdk 4.0.2 uses, found the way Node finds them from
 * wx-server-sdk's own folder (wx-server-sdk → @cloudbase/node-sdk → @cloudbase/database → bson). Pinning the
 * transport on a different copy of @cloudbase/database (a nested node_modules one) would leave the real one in place
 * and let a real network request happen, so nothing here is resolved from the test's own folder.
 *
 * Everything is required lazily and through `require`, so that under jest these are the same module instances that
 * the test's `require('wx-server-sdk')` loads (one registry per test file).
 */
import path from 'path';

export interface Ejson {
  parse(text: string, options?: { relaxed?: boolean }): unknown;
  stringify(value: unknown, options?: { relaxed?: boolean }): string;
}

/** The static side of @cloudbase/database's `Db`: `reqClass` is the transport every request is built with. */
export interface DbClass {
  reqClass: unknown;
}

export interface SdkPaths {
  wxServerSdk: string;
  nodeSdk: string;
  database: string;
  bson: string;
  nodeSdkUtils: string;
}

let paths: SdkPaths | null = null;

export function sdkPaths(): SdkPaths {
  if (!paths) {
    const wxServerSdk = require.resolve('wx-server-sdk');
    const nodeSdk = require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(wxServerSdk)] });
    const database = require.resolve('@cloudbase/database', { paths: [path.dirname(nodeSdk)] });
    const bson = require.resolve('bson', { paths: [path.dirname(database)] });
    // node-sdk's `processReturn`: how its HTTP requester turns an answer with a `code` into a thrown TcbError.
    const nodeSdkUtils = path.join(path.dirname(nodeSdk), 'utils', 'utils.js');
    paths = { wxServerSdk, nodeSdk, database, bson, nodeSdkUtils };
  }
  return paths;
}

export function ejson(): Ejson {
  return (require(sdkPaths().bson) as { EJSON: Ejson }).EJSON;
}

export function databaseModule(): { Db: DbClass } {
  return require(sdkPaths().database) as { Db: DbClass };
}

export function nodeSdkUtils(): { processReturn(result: unknown): unknown } {
  return require(sdkPaths().nodeSdkUtils) as { processReturn(result: unknown): unknown };
}
