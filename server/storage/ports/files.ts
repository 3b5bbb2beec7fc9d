/**
 * Files: what a caller uploaded (a roster, a sheet of credit awards) and what the server made for a caller (an
 * export, a problem report). Never carried inline in an API answer: a file is put here and handed out as a
 * short-lived download URL. Not part of StoragePort (it is not the database): the local server keeps files on disk
 * (server/storage/disk/file-store.ts), CloudBase in cloud storage with a record per file in the database
 * (server/storage/cloudbase/file-store.ts); one contract suite (tests/contract/file-store-contract.ts) runs on both.
 */
export interface StoredFile {
  /** Our own id (`f-` and 26 base-32 characters): unguessable, and the only name a caller ever sees. */
  fileId: string;
  /** The name to save it under (an upload's own name, or the export's). */
  name: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** Why it exists: an upload's purpose ('roster', 'creditAwards'), 'export', or 'problems'. */
  purpose: string;
  /** The account (openid) it belongs to: only they may import an uploaded file. */
  owner: string;
  createdAt: string;
  /** After this instant the file reads as missing, and `expire` deletes it. */
  expiresAt: string;
}

export interface PutFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
  purpose: string;
  owner: string;
  expiresAt: Date;
}

export interface FileStore {
  /** Stores the bytes under a new id. */
  put(file: PutFile, now: Date): Promise<StoredFile>;
  /** The file's record, or null when unknown, removed or expired at `now`. */
  info(fileId: string, now: Date): Promise<StoredFile | null>;
  /** The bytes, or null when unknown, removed or expired at `now`. */
  read(fileId: string, now: Date): Promise<Uint8Array | null>;
  /**
   * A URL that downloads the file until `until` (and no longer): unguessable, never derived from the file id alone.
   * Null when the file is unknown or expired.
   */
  downloadUrl(fileId: string, until: Date, now: Date): Promise<string | null>;
  /**
   * Moves the file's end to `expiresAt` (later, to keep an upload a record now refers to, e.g. a contest entry's
   * materials; sooner, to let one go that nothing refers to any more). False when the file is unknown or expired at
   * `now`: a file that is gone stays gone.
   */
  keep(fileId: string, expiresAt: Date, now: Date): Promise<boolean>;
  remove(fileIds: readonly string[]): Promise<void>;
  /** Deletes up to `limit` files whose `expiresAt` has passed at `now`; answers how many. */
  expire(now: Date, limit: number): Promise<number>;
}
