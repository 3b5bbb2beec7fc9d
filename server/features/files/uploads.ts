import { ApiError, UPLOAD_LIMITS, UPLOAD_PART_BYTES, type ActionOutput, type ActionParsedInput, type UploadPurpose } from '../../../types';
import { unguessableId } from '../../security/unguessable-id';
import type { UploadSession } from '../../storage/ports';
import type { HandlerContext } from '../shared/context';
import { callerRoles, currentStudent, requireOpenid } from '../shared/caller';
import { campusYearMonth } from '../shared/campus-time';
import { requireFiles, UPLOADED_FILE_MS, XLSX } from './file-answers';
import { imageTypeOf } from './image-type';
import { sweepNowAndThen } from './sweep';

/**
 * Uploads in parts (startUpload → uploadPart × n → finishUpload): the one way a file reaches the server, from the
 * mini program (wx.cloud.callFunction, whose payload should stay under ~100 KB) and from a browser alike. Each part
 * is UPLOAD_PART_BYTES (48 KiB, 64 KiB as base64), so a call is about 66 KB. Parts may come in any order, several at
 * once, and again (the same index replaces itself). Limits per purpose (types/bulk.ts UPLOAD_LIMITS) are checked at
 * the start (size, name) and at the finish (the content is the type the name says).
 */

/** An upload not finished within an hour is forgotten with its parts. */
export const UPLOAD_SESSION_MS = 3_600_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** The caller's own upload, still open: anything else reads as unknown (a caller learns nothing of others' uploads). */
async function ownUpload(ctx: HandlerContext, uploadId: string): Promise<UploadSession> {
  const owner = await requireOpenid(ctx);
  const session = await ctx.storage.getUpload(uploadId);
  if (!session || session.owner !== owner || Date.parse(session.expiresAt) <= ctx.now().getTime()) throw new ApiError('UPLOAD_NOT_FOUND');
  return session;
}

/**
 * Who may upload for a purpose (the door lets any account in): a roster or a sheet of awards is the committee's; a
 * contest entry's slides or video a bound student's; a talk's photo a member of this year's (or last year's) lecturer
 * team. FORBIDDEN otherwise, with what the purpose needs.
 */
async function checkPurpose(ctx: HandlerContext, purpose: UploadPurpose, owner: string): Promise<void> {
  switch (purpose) {
    case 'roster':
    case 'creditAwards':
      if (!(await callerRoles(ctx)).some((g) => g.role === 'committee_admin')) throw new ApiError('FORBIDDEN', '名单与学分表只能由校团委上传');
      return;
    case 'contestSlides':
    case 'contestVideo':
      if (!(await currentStudent(ctx))) throw new ApiError('NOT_BOUND', '请先在“我的”页面绑定学号后再上传参赛材料');
      return;
    case 'leavePhoto':
      // A photo for leave (a sick note): the bound student's own, taken by requestLeave.
      if (!(await currentStudent(ctx))) throw new ApiError('NOT_BOUND', '请先在“我的”页面绑定学号后再上传请假证明');
      return;
    case 'cover':
      if (!(await callerRoles(ctx)).some((g) => g.role === 'committee_admin' || g.role === 'college_officer')) {
        throw new ApiError('FORBIDDEN', '活动封面只能由院团总支或校团委在发布活动时上传');
      }
      return;
    case 'talkPhoto': {
      const { year } = campusYearMonth(ctx.now());
      const found = await Promise.all([year, year - 1].map((y) => ctx.storage.getLecturer(y, owner)));
      if (!found.some((l) => l?.active)) throw new ApiError('NOT_A_LECTURER');
      return;
    }
  }
}

export async function startUpload(input: ActionParsedInput<'startUpload'>, ctx: HandlerContext): Promise<ActionOutput<'startUpload'>> {
  const owner = await requireOpenid(ctx);
  requireFiles(ctx);
  await checkPurpose(ctx, input.purpose, owner);
  const limit = UPLOAD_LIMITS[input.purpose];
  const extension = extensionOf(input.fileName);
  if (limit.kind === 'image') {
    // The name says nothing (a phone's picker names files as it likes): the first bytes decide, at the finish.
    if (input.size > limit.maxBytes) {
      throw new ApiError('IMAGE_TOO_LARGE', `图片有 ${mb(input.size)}，${limit.label}不能超过 ${mb(limit.maxBytes)}：请压缩或截图后重新上传`);
    }
  } else if (!limit.extensions.includes(extension)) {
    throw new ApiError('UPLOAD_TYPE_NOT_ALLOWED', `不支持「${input.fileName}」这种文件：${limit.label}请选择 ${limit.extensions.join(' 或 ')} 文件`);
  }
  if (limit.kind !== 'image' && input.size > limit.maxBytes) {
    throw new ApiError('UPLOAD_TOO_LARGE', `文件有 ${mb(input.size)}，${limit.label}不能超过 ${mb(limit.maxBytes)}：请删去多余的工作表或列，或另存为 .csv 后重试`);
  }
  const now = ctx.now();
  await sweepNowAndThen(ctx.storage, ctx.files, now);
  const session: UploadSession = {
    uploadId: unguessableId('u'),
    purpose: input.purpose,
    owner,
    fileName: input.fileName,
    size: input.size,
    partBytes: UPLOAD_PART_BYTES,
    parts: Math.ceil(input.size / UPLOAD_PART_BYTES),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + UPLOAD_SESSION_MS).toISOString(),
    fileId: null,
  };
  await ctx.storage.startUpload(session);
  return { uploadId: session.uploadId, partBytes: session.partBytes, parts: session.parts, expiresAt: session.expiresAt };
}

/** Bytes part `index` must have: partBytes, or what is left for the last one. */
function expectedBytes(session: UploadSession, index: number): number {
  return index < session.parts - 1 ? session.partBytes : session.size - session.partBytes * (session.parts - 1);
}

export async function uploadPart(input: ActionParsedInput<'uploadPart'>, ctx: HandlerContext): Promise<ActionOutput<'uploadPart'>> {
  const session = await ownUpload(ctx, input.uploadId);
  if (input.index >= session.parts) {
    throw new ApiError('UPLOAD_PART_INVALID', `分片序号 ${input.index} 超出范围：这个文件共 ${session.parts} 片（序号 0–${session.parts - 1}）`);
  }
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const expected = expectedBytes(session, input.index);
  if (bytes.length !== expected || bytes.toString('base64') !== input.dataBase64) {
    throw new ApiError('UPLOAD_PART_INVALID', `第 ${input.index} 片应为 ${expected} 字节，收到 ${bytes.length} 字节，请重新上传这一片`);
  }
  // A part sent again after the upload was finished (its first answer was lost) changes nothing.
  if (!session.fileId) await ctx.storage.putUploadPart(session.uploadId, input.index, bytes);
  return { index: input.index, bytes: bytes.length };
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * Whether the bytes are what the name says: an xlsx or pptx is a zip; a CSV is text (UTF-16 with its BOM, or no NUL
 * byte); a PDF starts %PDF-; an mp4 or mov has its `ftyp` box (or a QuickTime `moov`/`wide`/`mdat` atom) at byte 4; a
 * JPEG starts FF D8 FF, a PNG with its eight-byte signature.
 */
function contentMatches(extension: string, bytes: Uint8Array): boolean {
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  switch (extension) {
    case '.xlsx':
    case '.pptx':
      return zip;
    case '.csv': {
      if (zip) return false;
      const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
      return utf16 || !bytes.subarray(0, 8192).includes(0);
    }
    case '.pdf':
      return startsWith(bytes, ascii('%PDF-'));
    case '.mp4':
    case '.mov':
      return ['ftyp', 'moov', 'wide', 'mdat', 'free'].some((box) => startsWith(bytes, ascii(box), 4));
    case '.jpg':
    case '.jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case '.png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    default:
      return false;
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.xlsx': XLSX,
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

/**
 * The stored content type of an upload's bytes, or its refusal: a cover is JPEG, PNG or WebP by its first bytes,
 * whatever its name (an SVG, which can carry script, is never an image here); anything else must be what its name says.
 */
function contentTypeOf(session: UploadSession, bytes: Uint8Array): string {
  const limit = UPLOAD_LIMITS[session.purpose as UploadPurpose];
  if (limit.kind === 'image') {
    const type = bytes.length === session.size ? imageTypeOf(bytes) : null;
    if (!type) throw new ApiError('IMAGE_TYPE_NOT_ALLOWED', `「${session.fileName}」不是 JPG、PNG 或 WebP 图片，请换一张图片（可截图后上传）`);
    return type;
  }
  const extension = extensionOf(session.fileName);
  if (bytes.length !== session.size || !contentMatches(extension, bytes)) {
    throw new ApiError('UPLOAD_TYPE_NOT_ALLOWED', `「${session.fileName}」的内容不是 ${extension} 文件：${limit.label}请另存为 ${limit.extensions.join(' 或 ')} 后重新上传`);
  }
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

export async function finishUpload(input: ActionParsedInput<'finishUpload'>, ctx: HandlerContext): Promise<ActionOutput<'finishUpload'>> {
  const session = await ownUpload(ctx, input.uploadId);
  const files = requireFiles(ctx);
  const now = ctx.now();
  const answer = async (fileId: string) => {
    const file = await files.info(fileId, now);
    if (!file) throw new ApiError('FILE_NOT_FOUND');
    return { fileId: file.fileId, fileName: file.name, size: file.size, sha256: file.sha256 };
  };
  // Finished before (the first answer was lost): the same file.
  if (session.fileId) return answer(session.fileId);
  const parts = await ctx.storage.uploadParts(session.uploadId, session.parts);
  const missing = parts.flatMap((p, i) => (p ? [] : [i]));
  if (missing.length) {
    const listed = missing.slice(0, 10).join('、') + (missing.length > 10 ? ' 等' : '');
    throw new ApiError('UPLOAD_INCOMPLETE', `文件还差 ${missing.length} 片没有传到（序号 ${listed}），请补传后再完成上传`);
  }
  const bytes = Buffer.concat(parts as Uint8Array[]);
  const contentType = contentTypeOf(session, bytes);
  const stored = await files.put(
    {
      name: session.fileName,
      contentType,
      bytes,
      purpose: session.purpose as UploadPurpose,
      owner: session.owner,
      expiresAt: new Date(now.getTime() + UPLOADED_FILE_MS),
    },
    now,
  );
  const finished = await ctx.storage.finishUpload(session.uploadId, stored.fileId);
  // Two finishes at once: the one recorded first counts; the other's copy goes.
  if (finished.fileId !== stored.fileId) {
    await files.remove([stored.fileId]);
    return answer(finished.fileId!);
  }
  return { fileId: stored.fileId, fileName: stored.name, size: stored.size, sha256: stored.sha256 };
}
