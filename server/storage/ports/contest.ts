import type { AuditDraft, ContestEntry, ContestRound, ContestScore, Lecturer, LecturerTalk } from '../../../core';
import type { TalkStatus } from '../../../types';

/**
 * 百生讲坛's contest and the lecturer team (rules: core/contest). Every change that depends on what is stored runs
 * its decision inside the adapter's atomic step: the caller hands a pure function (it reads what the step read,
 * answers what to write, or throws ApiError to refuse before anything is written; it may run more than once on
 * CloudBase, where a transaction is retried after a conflict).
 */
export interface ContestPort {
  createContestRound(round: ContestRound, audit: AuditDraft): Promise<ContestRound>;
  getContestRound(roundId: string): Promise<ContestRound | null>;
  /** Rounds of a year, or those a judge sits on (any year), by deadline then id. */
  listContestRounds(filter: { year?: number; judge?: string }): Promise<ContestRound[]>;
  /** Reads the round, writes what `change` answers with its audit entry. NOT_FOUND for an unknown round. */
  changeContestRound(roundId: string, change: (round: ContestRound) => ContestRound, audit: (round: ContestRound) => AuditDraft): Promise<ContestRound>;
  /**
   * Judging starts: `plan` sees the round and every entry of it as they stand — no entry can be written between what
   * it sees and the write (entries bump the round's entrySeq in their own atomic step) — and answers the round to
   * write (its assignments, status judging).
   */
  startContestJudging(
    roundId: string,
    plan: (round: ContestRound, entries: ContestEntry[]) => ContestRound,
    audit: (round: ContestRound) => AuditDraft,
  ): Promise<ContestRound>;
  /**
   * Results: `decide` sees the round, its entries and its scores and answers the round to write (its results, status
   * published). It refuses unless every assigned score is in, so no score can arrive after it has seen them (a second
   * score of a judge is refused by the score's key).
   */
  publishContestResults(
    roundId: string,
    decide: (round: ContestRound, entries: ContestEntry[], scores: ContestScore[]) => ContestRound,
    audit: (round: ContestRound) => AuditDraft,
  ): Promise<ContestRound>;

  getContestEntry(entryId: string): Promise<ContestEntry | null>;
  /**
   * Entries of these rounds; and/or those of a student (as the speaker or a named member) or of a branch (its
   * entries as a branch): the filters given are alternatives (OR), by round then id.
   */
  listContestEntries(filter: { roundIds?: readonly string[]; studentNo?: string; branch?: string }): Promise<ContestEntry[]>;
  /**
   * Writes one entry atomically with its round: `decide(round, existing)` answers the entry to store under `entryId`
   * (a new one, an edit, a withdrawal) and the round's entrySeq grows by one. NOT_FOUND for an unknown round.
   */
  writeContestEntry(roundId: string, entryId: string, decide: (round: ContestRound, existing: ContestEntry | null) => ContestEntry): Promise<ContestEntry>;

  /** Every score of a round. */
  listContestScores(roundId: string): Promise<ContestScore[]>;
  getContestScore(entryId: string, judge: string): Promise<ContestScore | null>;
  /**
   * A judge's score, once: `decide(round, existing)` answers the score to add (it refuses when one exists; a score
   * is never replaced). Two submissions at once store one.
   */
  submitContestScore(
    roundId: string,
    entryId: string,
    judge: string,
    decide: (round: ContestRound, existing: ContestScore | null) => ContestScore,
  ): Promise<ContestScore>;

  /** Adds a member to a year's team or changes them (level, college, active), with its audit entry. */
  putLecturer(lecturer: Lecturer, audit: AuditDraft): Promise<Lecturer>;
  getLecturer(year: number, openid: string): Promise<Lecturer | null>;
  listLecturers(year: number): Promise<Lecturer[]>;
  addLecturerTalk(talk: LecturerTalk): Promise<LecturerTalk>;
  getLecturerTalk(talkId: string): Promise<LecturerTalk | null>;
  /** Talks of a year, of a member, of a status (filters narrow together), newest day first. */
  listLecturerTalks(filter: { year?: number; openid?: string; status?: TalkStatus }): Promise<LecturerTalk[]>;
  /** Reads the talk, writes what `decide` answers with its audit entry. NOT_FOUND for an unknown talk. */
  decideLecturerTalk(talkId: string, decide: (talk: LecturerTalk) => LecturerTalk, audit: (talk: LecturerTalk) => AuditDraft): Promise<LecturerTalk>;
}
