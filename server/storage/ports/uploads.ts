/**
 * Uploads in parts: a file too large for one call (a mini program's callFunction should stay under ~100 KB) goes up
 * as parts of a fixed size, each stored by index (sending a part again replaces it: idempotent), then is put together
 * into the file store by finishUpload. An upload not finished by `expiresAt` is forgotten with its parts.
 */
export interface UploadSession {
  uploadId: string;
  /** UploadPurpose ('roster', 'creditAwards'): what the file may be imported as. */
  purpose: string;
  /** The account (openid) that started it: the only one that may send parts, finish it and import the file. */
  owner: string;
  fileName: string;
  /** Bytes of the whole file, as announced. */
  size: number;
  /** Bytes of every part but the last. */
  partBytes: number;
  parts: number;
  createdAt: string;
  expiresAt: string;
  /** Set by finishUpload: the file it became (null while parts are still coming). */
  fileId: string | null;
}

export interface UploadsPort {
  startUpload(session: UploadSession): Promise<void>;
  getUpload(uploadId: string): Promise<UploadSession | null>;
  /** Stores part `index` (replacing what was stored under that index). */
  putUploadPart(uploadId: string, index: number, bytes: Uint8Array): Promise<void>;
  /** Parts 0 … parts − 1 in order; a part not received is null. */
  uploadParts(uploadId: string, parts: number): Promise<Array<Uint8Array | null>>;
  /**
   * Marks the upload finished as `fileId`, unless it was finished already (a second finish racing the first): answers
   * the session as stored, whose `fileId` is the one that counts. Its parts are dropped.
   */
  finishUpload(uploadId: string, fileId: string): Promise<UploadSession>;
  /** Forgets up to `limit` uploads whose `expiresAt` has passed at `now`, with their parts; answers how many. */
  expireUploads(now: Date, limit: number): Promise<number>;
}
