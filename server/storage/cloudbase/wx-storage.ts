/**
 * The part of wx-server-sdk's cloud storage API the CloudBase file store calls (`cloud.uploadFile`,
 * `cloud.downloadFile`, `cloud.getTempFileURL`, `cloud.deleteFile`), as structural types: the real `cloud` object
 * fits (tests: the real SDK with its last hop replaced, tests/support/cloudbase-storage). Shapes read from
 * wx-server-sdk 4.0.2 (src/api/storage/api/*.ts and src/api/cloud/provider/tcb/api/*.ts):
 * - uploadFile({ cloudPath, fileContent: Buffer }) → { fileID, statusCode, errMsg }
 * - downloadFile({ fileID }) → { fileContent: Buffer, statusCode, errMsg }
 * - getTempFileURL({ fileList: [{ fileID, maxAge }] }) → { fileList: [{ fileID, tempFileURL, status, errMsg, maxAge }] }
 *   (status 0 is success; a missing file has a non-zero status and an empty URL)
 * - deleteFile({ fileList: [fileID] }) → { fileList: [{ fileID, status, errMsg }] }
 * Failures reject with `{ errCode, errMsg }`.
 */
export interface WxCloudStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
  }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg?: string }> }>;
}
