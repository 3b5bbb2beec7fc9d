/**
 * The port behind a poster's code: what makes the image a phone scans to open an event. On CloudBase WeChat's
 * 小程序码 (wxacode.getUnlimited through wx-server-sdk's `cloud.openapi`, wxacode-maker.ts): scanned with WeChat it
 * opens the mini program's event page with the scene. On the local server a plain QR of the H5 event page with the
 * same scene (server/local/local-mini-codes.ts), since there is no mini program to open. Either way the handler
 * stores the image once per event (the interface is rate-limited) and hands out links to it.
 */
export interface MiniCode {
  /** The PNG. */
  bytes: Uint8Array;
  /** What scanning opens: `pages/event/index?scene=…` (mini program) or the H5 address. */
  target: string;
}

export interface MiniCodeMaker {
  readonly kind: 'wxacode' | 'qr';
  /** Makes the code for a scene of the event page; throws MiniCodeError when the platform refuses. */
  make(scene: string): Promise<MiniCode>;
}

/** The platform would not make the code (quota, page not published, no permission…): `detail` goes to the log. */
export class MiniCodeError extends Error {
  constructor(readonly detail: string) {
    super(`mini program code failed: ${detail}`);
    this.name = 'MiniCodeError';
  }
}
