import type { ContestTrack, EntryMode, EntryStatus, LecturerLevel, MaterialKind, RoundLevel, RoundStatus, TalkStatus } from '../../types/contest';
import type { ErrorCode } from '../../types/errors';

/**
 * What 百生讲坛's contest and the lecturer team store (docs/data-model.md). Scores are hundredths of a point (a
 * judge's total is out of 100 points); credits hundredths of a credit.
 */

/** One line of a scoring sheet. Weights add up to 100 (percent of the total); a criterion is marked 0..max points. */
export interface Criterion {
  id: string;
  name: string;
  weight: number;
  max: number;
}

export interface ContestCredits {
  module: string;
  entered: number;
  advanced: number;
  /** 一等奖, 二等奖, 三等奖. */
  awards: [number, number, number];
}

/** A judge of a round: the account, a name to show, and the college they belong to ('' none) for the conflict rule. */
export interface JudgeSeat {
  openid: string;
  name: string;
  college: string;
}

export type AdvanceRule = { kind: 'top'; n: number } | { kind: 'threshold'; min: number } | { kind: 'none' };

/** Where one entry stands in its track once the results are published. */
export interface EntryResult {
  entryId: string;
  track: ContestTrack;
  rank: number;
  /** Entries ranked in the track. */
  of: number;
  score: number;
  judges: number;
  advanced: boolean;
  /** 1 一等奖, 2 二等奖, 3 三等奖. */
  award: 1 | 2 | 3 | null;
  tieBrokenBy: 'criterion' | 'submittedAt' | null;
}

export interface RoundResults {
  advance: AdvanceRule;
  awards: [number, number, number];
  publishedAt: string;
  publishedBy: string;
  entries: EntryResult[];
}

export interface ContestRound {
  id: string;
  year: number;
  level: RoundLevel;
  /** The college whose round it is; '' for the school round. */
  college: string;
  title: string;
  description: string;
  tracks: ContestTrack[];
  entryMode: EntryMode;
  deadlineAt: string;
  status: RoundStatus;
  sheet: Criterion[];
  conflictRule: boolean;
  judgesPerEntry: number | null;
  credits: ContestCredits;
  eventId: string | null;
  judges: JudgeSeat[];
  /** Fixed when judging starts: who scores which entry. */
  assignments: Array<{ entryId: string; judges: string[] }>;
  /** Grows with every entry written (entered, edited, withdrawn): judging is planned on the entries it saw. */
  entrySeq: number;
  results: RoundResults | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Material {
  fileId: string;
  kind: MaterialKind;
  name: string;
  size: number;
}

export interface ContestEntry {
  /** `<roundId>.<track>.<key>`: one entry per entrant, track and round, by construction. */
  id: string;
  roundId: string;
  track: ContestTrack;
  entrantKind: 'student' | 'branch';
  /** The speaker (主讲人), or null for a branch's entry. */
  studentNo: string | null;
  /** The entrant's branch (a speaker's own branch, for the record). */
  branch: string;
  college: string;
  teamName: string;
  /** Students credited with the entry: the speaker, or the branch's named team. */
  members: string[];
  topic: string;
  outline: string;
  mentor: string;
  materials: Material[];
  status: EntryStatus;
  /** The account that last submitted or changed it. */
  submittedBy: string;
  /** When it was (last) entered: a withdrawn entry entered again counts from then (the tie rule's "earlier entry"). */
  submittedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContestScore {
  roundId: string;
  entryId: string;
  judge: string;
  /** Points per criterion id. */
  marks: Record<string, number>;
  /** Weighted total, hundredths of a point. */
  total: number;
  comment: string;
  submittedAt: string;
}

export interface Lecturer {
  year: number;
  openid: string;
  level: LecturerLevel;
  college: string;
  active: boolean;
  addedBy: string;
  updatedAt: string;
}

export interface LecturerTalk {
  id: string;
  year: number;
  openid: string;
  /** Shanghai day, YYYY-MM-DD. */
  date: string;
  place: string;
  onCampus: boolean;
  audience: number;
  topic: string;
  photo: { fileId: string; name: string } | null;
  status: TalkStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

/** A refusal with its stable code and, where it helps, the precise sentence (Chinese). */
export interface ContestRefusal {
  code: ErrorCode;
  message?: string;
}
