/**
 * Where a student goes once bound: a shared card opened the event page, sign-up answered 请先绑定学号, and 去绑定 took
 * them to 我的 (a tab page, which takes no query). The event's path waits here; 我的 opens it after a successful
 * bindStudent. Only paths inside the app are kept (a shared card's path; never a full URL), and nothing personal.
 */
let pending: string | null = null;

export function rememberReturnAfterBind(path: string): void {
  pending = path.startsWith('/pages/') || path.startsWith('/packages/') ? path : null;
}

/** The path to open now that the student is bound, once (cleared as it is read). */
export function takeReturnAfterBind(): string | null {
  const path = pending;
  pending = null;
  return path;
}

export function peekReturnAfterBind(): string | null {
  return pending;
}
