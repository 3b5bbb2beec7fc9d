import * as v from 'valibot';
import { FileAnswerSchema, JobProgressSchema, MAX_UPLOAD_PARTS, UPLOAD_PART_BYTES, UPLOAD_PURPOSES } from './bulk';

/**
 * Uploads in parts, bulk jobs and their upkeep (issue 17). Merged into `actions` (types/actions.ts). Every call stays
 * far under 100 KB: a file goes up in parts of UPLOAD_PART_BYTES (startUpload → uploadPart × n → finishUpload), an
 * import names the finished file, and a committed import is a job that `continueJob` works through a chunk at a time.
 */
const FileName = v.pipe(v.string(), v.trim(), v.minLength(1, '请选择文件'), v.maxLength(200, '文件名过长'));
/** Our own ids: a letter, '-', and 26 base-32 characters (130 random bits). */
const OwnId = (what: string) => v.pipe(v.string(), v.regex(/^[a-z]-[a-z2-7]{26}$/, `${what}不正确`));
export const FileIdSchema = OwnId('文件编号');
export const UploadIdSchema = OwnId('上传编号');
export const JobIdSchema = OwnId('任务编号');

/** A part's bytes as base64: at most UPLOAD_PART_BYTES bytes (65,536 characters). */
const PartBase64 = v.pipe(
  v.string(),
  v.minLength(1, '分片为空'),
  v.maxLength((UPLOAD_PART_BYTES / 3) * 4, '分片过大'),
  v.regex(/^[A-Za-z0-9+/]*={0,2}$/, '分片应为 base64'),
);

export const bulkActions = {
  startUpload: {
    summary: '开始上传文件（分片上传第一步）：说明用途、文件名和大小，取得上传编号与分片大小',
    input: v.strictObject({
      purpose: v.picklist(UPLOAD_PURPOSES),
      fileName: FileName,
      /** Bytes of the whole file. */
      size: v.pipe(v.number(), v.integer('文件大小应为整数'), v.minValue(1, '文件是空的，请检查后重新选择')),
    }),
    output: v.object({
      uploadId: v.string(),
      /** Send the file in parts of exactly this many bytes (the last one: what is left). */
      partBytes: v.number(),
      parts: v.number(),
      /** The upload is forgotten after this instant unless finished. */
      expiresAt: v.string(),
    }),
  },
  uploadPart: {
    summary: '上传一个分片（分片上传第二步）：按序号，可重传、可并发；每个分片不超过 48 KB',
    input: v.strictObject({
      uploadId: UploadIdSchema,
      index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_UPLOAD_PARTS - 1)),
      dataBase64: PartBase64,
    }),
    output: v.object({ index: v.number(), bytes: v.number() }),
  },
  finishUpload: {
    summary: '完成上传（分片上传第三步）：校验分片齐全后合成文件，返回文件编号供导入使用；重复调用返回同一文件',
    input: v.strictObject({ uploadId: UploadIdSchema }),
    output: v.object({ fileId: v.string(), fileName: v.string(), size: v.number(), sha256: v.string() }),
  },
  continueJob: {
    summary: '继续执行批量任务（导入名单、批量记分）：每次处理若干批，返回进度；未完成时页面再次调用即可，中断后可从上次完成的批次继续',
    input: v.strictObject({ jobId: JobIdSchema }),
    output: JobProgressSchema,
  },
  rebuildCreditTotals: {
    summary: '重算学分合计（校团委，一次性维护）：按学号分页，从学分明细重算每名学生的合计；返回下一页的起点，直到为空',
    input: v.strictObject({
      /** Start after this student number (what the previous call answered as `next`); absent: from the start. */
      after: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20))),
    }),
    output: v.object({
      checked: v.number(),
      /** Students whose stored totals differed from their ledger and were rewritten. */
      changed: v.number(),
      /** Where the next call starts; null when every student has been checked. */
      next: v.nullable(v.string()),
    }),
  },
} as const;

/** Problems of an import, as listed in its answer (at most MAX_PROBLEMS_LISTED; all in `problemsFile`). */
export const importAnswerFields = {
  dataRows: v.number(),
  cleanRows: v.number(),
  /** How many problems the file has in all. */
  problemCount: v.number(),
  /** Every problem as an xlsx (行, 列, 问题, 说明), when there are more than the answer lists; else null. */
  problemsFile: v.nullable(FileAnswerSchema),
  /** True when the import was accepted and its job created. */
  committed: v.boolean(),
  /** The job writing the rows (commit: true); call continueJob with its id until it is done. Null for a preview. */
  job: v.nullable(JobProgressSchema),
};
