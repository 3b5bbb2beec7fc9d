import * as v from 'valibot';

/**
 * Files and bulk work (issue 17): every file travels through storage, never inline, and bulk work runs in resumable
 * chunks. Shared by the upload actions, the imports, the exports and the job actions (types/bulk-actions.ts), and by
 * the front end, which needs the limits before it sends anything.
 */

/**
 * What an upload is for; each purpose has its own size and type limits (UPLOAD_LIMITS) and its own uploaders: the
 * committee's sheets (roster, creditAwards), a contest entry's materials (contestSlides, contestVideo: any bound
 * student), a lecturer's evidence photo (talkPhoto: members of the lecturer team), a photo for leave (leavePhoto: a bound
 * student, requestLeave takes it), an event's cover picture (cover:
 * college officers and the committee, in 发布活动).
 */
export const UPLOAD_PURPOSES = ['roster', 'creditAwards', 'contestSlides', 'contestVideo', 'talkPhoto', 'leavePhoto', 'cover'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/**
 * Bytes of one part of an upload: 48 KiB, 64 KiB as base64 (65,536 characters). A whole `uploadPart` call is about
 * 66 KB of JSON, far under the ~100 KB a mini program's `wx.cloud.callFunction` should carry (and CloudBase's HTTP
 * access allows for a text body).
 */
export const UPLOAD_PART_BYTES = 48 * 1024;

export interface UploadLimit {
  /**
   * `image`: JPEG, PNG or WebP decided by the first bytes alone (the name is not trusted: a phone's picker names files
   * as it likes), too large refused as IMAGE_TOO_LARGE. Absent: the name's ending, then the content matches it.
   */
  kind?: 'image';
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Accepted file name endings (lower case). */
  extensions: readonly string[];
  /** In words, for refusals. */
  label: string;
}

/**
 * A contest video goes up in the same parts as everything else: 50 MB is about 1,070 parts (a few minutes on a phone
 * with three parts in flight) and should be what the `api` function can put together within its 256 MB and 20 s (not yet measured on CloudBase:
 * docs/contest.md); a longer video is to be compressed (WeChat's chooser does) or cut. Why not a direct
 * cloud-storage upload: docs/contest.md.
 */
export const UPLOAD_LIMITS: Readonly<Record<UploadPurpose, UploadLimit>> = {
  roster: { maxBytes: 10 * 1024 * 1024, extensions: ['.xlsx', '.csv'], label: '学生名单' },
  creditAwards: { maxBytes: 10 * 1024 * 1024, extensions: ['.xlsx', '.csv'], label: '批量记分表' },
  contestSlides: { maxBytes: 20 * 1024 * 1024, extensions: ['.pdf', '.pptx'], label: '参赛课件' },
  contestVideo: { maxBytes: 50 * 1024 * 1024, extensions: ['.mp4', '.mov'], label: '参赛视频' },
  talkPhoto: { maxBytes: 10 * 1024 * 1024, extensions: ['.jpg', '.jpeg', '.png'], label: '宣讲照片' },
  /** A student's photo for leave (a sick note): the only purpose a student may upload for (requestLeave). */
  leavePhoto: { maxBytes: 3 * 1024 * 1024, extensions: ['.jpg', '.jpeg', '.png'], label: '请假证明照片' },
  /** An event's cover picture (发布活动): shown on every card, so small; extensions only for the picker. */
  cover: { kind: 'image', maxBytes: 2 * 1024 * 1024, extensions: ['.jpg', '.jpeg', '.png', '.webp'], label: '活动封面' },
};

/** Most parts any upload may have (the largest limit over the part size). */
export const MAX_UPLOAD_PARTS = Math.ceil(Math.max(...Object.values(UPLOAD_LIMITS).map((l) => l.maxBytes)) / UPLOAD_PART_BYTES);

/** Scans one `recordScans` call may carry: the offline scanner sends its queue in batches of this size. */
export const MAX_SCANS_PER_CALL = 100;

/** Problems listed in an import's answer; all of them are in `problemsFile` when there are more. */
export const MAX_PROBLEMS_LISTED = 100;

/** A file the server made for the caller (an export, a problem report): fetch it from `url` before `expiresAt`. */
export const FileAnswerSchema = v.object({
  fileId: v.string(),
  fileName: v.string(),
  /**
   * Where to download it: on CloudBase a temporary https URL of cloud storage; on the local server a path
   * `/files/<token>` of the same origin as the API. Unguessable, and valid until `expiresAt` only.
   */
  url: v.string(),
  expiresAt: v.string(),
  /** Data rows in the file (without the header). */
  rowCount: v.number(),
  /** Bytes of the file. */
  size: v.number(),
});

const RosterReportSchema = v.object({ created: v.number(), updated: v.number() });
const AwardReportSchema = v.object({ awarded: v.number(), alreadyAwarded: v.number() });

const jobFields = {
  jobId: v.string(),
  /** The file the job works through. */
  fileName: v.string(),
  status: v.picklist(['running', 'done', 'failed']),
  /** Rows finished, of `total`. */
  done: v.number(),
  total: v.number(),
  /** Chunks finished, of `chunks` (a chunk is written as a whole, and written again harmlessly after a crash). */
  chunksDone: v.number(),
  chunks: v.number(),
  /**
   * Set when another call is working on the job right now (or crashed while doing so): call continueJob again after
   * this many milliseconds. Null otherwise.
   */
  retryAfterMs: v.nullable(v.number()),
  /** Why a failed job stopped (Chinese), else null. */
  error: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  finishedAt: v.nullable(v.string()),
};

/** A bulk job's progress: show `done / total`, and call continueJob again while `status` is 'running'. */
export const JobProgressSchema = v.variant('kind', [
  v.object({ kind: v.literal('roster'), ...jobFields, report: RosterReportSchema }),
  v.object({ kind: v.literal('creditAwards'), ...jobFields, report: AwardReportSchema }),
]);

export type FileAnswer = v.InferOutput<typeof FileAnswerSchema>;
export type JobProgress = v.InferOutput<typeof JobProgressSchema>;
export type JobKind = JobProgress['kind'];
