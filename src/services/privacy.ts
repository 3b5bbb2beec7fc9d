/**
 * H5: browsers ask for location and the camera themselves; there is no WeChat privacy agreement to wait for.
 * The weapp build uses privacy.weapp.ts.
 */
export function installPrivacyListener(): void {
  // Nothing to listen to on the web.
}

/** Always agreed on the web. */
export async function ensurePrivacyAgreed(_api: string): Promise<boolean> {
  return true;
}

export function openPrivacyContract(): void {
  // The in-app 隐私政策 page is the guide on the web (packages/privacy/policy).
}
