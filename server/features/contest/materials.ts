import { ApiError, type MaterialKind } from '../../../types';
import type { Material } from '../../../core';
import { requireFiles, DOWNLOAD_LINK_MS } from '../files/file-answers';
import type { HandlerContext } from '../shared/context';
import { RELEASE_AFTER_MS } from './common';

/**
 * A contest entry's materials and a talk's photo are uploads (startUpload → uploadPart × n → finishUpload, purposes
 * contestSlides, contestVideo, talkPhoto): an entry names the files by id. A file named for the first time must be the
 * caller's own upload for a material's purpose; it is then kept as long as the contest's records (FileStore.keep),
 * and one the entry no longer names is let go. Keeping comes before the entry is written, so a crash between the two
 * can leave a kept file nothing names, never an entry whose file is gone.
 */

const KIND_OF_PURPOSE: Readonly<Record<string, MaterialKind>> = { contestSlides: 'slides', contestVideo: 'video' };

const MATERIAL_GONE = '材料文件已过期或不存在（上传的文件须在一天内提交），请重新上传';

/**
 * The files an entry is to name: those it names already are kept as they are; new ones must be the caller's own
 * uploads of a material's purpose (FILE_NOT_FOUND otherwise: nothing is said of others' files).
 */
export async function materialsOf(ctx: HandlerContext, fileIds: readonly string[], owner: string, current: readonly Material[]): Promise<Material[]> {
  if (new Set(fileIds).size !== fileIds.length) throw new ApiError('INVALID_INPUT', '同一个文件不能提交两次');
  const files = fileIds.length ? requireFiles(ctx) : null;
  const now = ctx.now();
  const out: Material[] = [];
  for (const fileId of fileIds) {
    const named = current.find((m) => m.fileId === fileId);
    if (named) {
      out.push(named);
      continue;
    }
    const file = await files!.info(fileId, now);
    const kind = file ? KIND_OF_PURPOSE[file.purpose] : undefined;
    if (!file || file.owner !== owner || !kind) throw new ApiError('FILE_NOT_FOUND', MATERIAL_GONE);
    out.push({ fileId, kind, name: file.name, size: file.size });
  }
  return out;
}

/** Keeps the files until `until`; FILE_NOT_FOUND if one is gone meanwhile. */
export async function keepFiles(ctx: HandlerContext, fileIds: readonly string[], until: Date): Promise<void> {
  if (!fileIds.length) return;
  const files = requireFiles(ctx);
  for (const fileId of fileIds) {
    if (!(await files.keep(fileId, until, ctx.now()))) throw new ApiError('FILE_NOT_FOUND', MATERIAL_GONE);
  }
}

/** Lets files go a day from now (best effort: a file already gone is simply gone). */
export async function releaseFiles(ctx: HandlerContext, fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length || !ctx.files) return;
  const now = ctx.now();
  for (const fileId of fileIds) await ctx.files.keep(fileId, new Date(now.getTime() + RELEASE_AFTER_MS), now);
}

/** A link to a stored file, good for ten minutes. */
export async function fileLink(ctx: HandlerContext, fileId: string): Promise<{ fileId: string; fileName: string; url: string; expiresAt: string; size: number }> {
  const files = requireFiles(ctx);
  const now = ctx.now();
  const info = await files.info(fileId, now);
  const until = new Date(now.getTime() + DOWNLOAD_LINK_MS);
  const url = info ? await files.downloadUrl(fileId, until, now) : null;
  if (!info || !url) throw new ApiError('FILE_NOT_FOUND', '文件已过期或不存在');
  return { fileId, fileName: info.name, url, expiresAt: until.toISOString(), size: info.size };
}
