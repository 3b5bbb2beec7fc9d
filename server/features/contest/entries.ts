import { ApiError, TRACK_ENTRANT, type ActionOutput, type ActionParsedInput, type ContestTrack } from '../../../types';
import {
  decideEntry,
  decideEntryChange,
  entrantFor,
  entrantKey,
  entrantKeyOfEntry,
  materialsRefusal,
  mayActForEntry,
  teamRefusal,
  trackStateFor,
  type ContestEntry,
  type ContestRound,
  type Entrant,
  type Material,
  type StudentRecord,
} from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerRoles, currentStudent, requireOpenid } from '../shared/caller';
import { eventsById, studentsByNo } from '../shared/lookups';
import { ENTRY_NOT_FOUND, entryIdOf, keepUntil, mayViewRound, requireRound, yearOf } from './common';
import { lecturerView } from './lecturers';
import { fileLink, keepFiles, materialsOf, releaseFiles } from './materials';
import { eventRef, studentNames, toEntryView } from './views';

type EntryInput = ActionParsedInput<'submitContestEntry'> | ActionParsedInput<'updateContestEntry'>;

/** The student acting and what the rules read about them: their branch officer roles, their account. */
async function actor(ctx: HandlerContext): Promise<{ student: StudentRecord; openid: string; officerBranches: string[] }> {
  const [student, openid, roles] = await Promise.all([currentStudent(ctx), requireOpenid(ctx), callerRoles(ctx)]);
  if (!student) throw new ApiError('NOT_BOUND', '请先在“我的”页面绑定学号后再报名');
  return { student, openid, officerBranches: roles.filter((g) => g.role === 'branch_officer').map((g) => g.scope) };
}

/**
 * Whether the entrant advanced in a published college round of the year, in this track (the way into an advanced-only
 * round): read from the entrant's own entries and those rounds' results.
 */
function hasAdvanced(entrant: Entrant, track: ContestTrack, year: number, entries: readonly ContestEntry[], rounds: ReadonlyMap<string, ContestRound>): boolean {
  const key = entrantKey(entrant);
  return entries.some((e) => {
    const round = rounds.get(e.roundId);
    if (!round || round.year !== year || round.level !== 'college' || round.status !== 'published' || e.track !== track) return false;
    return entrantKeyOfEntry(e) === key && (round.results?.entries.some((r) => r.entryId === e.id && r.advanced) ?? false);
  });
}

/** The students credited with the entry: the speaker, or the branch's named team (each checked on the roster). */
async function teamOf(ctx: HandlerContext, track: ContestTrack, entrant: Entrant, input: EntryInput): Promise<{ teamName: string; members: string[] }> {
  if (TRACK_ENTRANT[track] === 'student') return { teamName: '', members: [entrant.studentNo!] };
  const members = [...(input.members ?? [])];
  const teamName = (input.teamName ?? '').trim();
  const roster = await studentsByNo(ctx, members);
  const refusal = teamRefusal(track, entrant, teamName, members, (no) => roster.get(no)?.branch ?? null);
  if (refusal) throw new ApiError(refusal.code, refusal.message);
  return { teamName, members };
}

function checkMaterials(materials: readonly Material[]): void {
  const refusal = materialsRefusal(materials);
  if (refusal) throw new ApiError(refusal.code, refusal.message);
}

async function entryView(ctx: HandlerContext, entry: ContestEntry, round: ContestRound, editable: boolean) {
  return toEntryView(entry, round, await studentNames(ctx, [entry]), editable);
}

/**
 * 百生讲坛 for the caller: the year's rounds within their reach — the school round, their college's round, any round
 * they have an entry in — with each track's state for them; their entries (as speaker, team member, or their branch's)
 * with the results once published; whether they judge; their lecturer progress.
 */
export async function getContestHome(input: ActionParsedInput<'getContestHome'>, ctx: HandlerContext): Promise<ActionOutput<'getContestHome'>> {
  const [openid, roles, student] = await Promise.all([requireOpenid(ctx), callerRoles(ctx), currentStudent(ctx)]);
  const year = yearOf(ctx, input.year);
  const now = ctx.now();
  const officerBranches = roles.filter((g) => g.role === 'branch_officer').map((g) => g.scope);
  const [yearRounds, entries, lecturer] = await Promise.all([
    ctx.storage.listContestRounds({ year }),
    student ? ctx.storage.listContestEntries({ studentNo: student.studentNo, branch: student.branch }) : Promise.resolve([]),
    lecturerView(ctx, year, openid),
  ]);
  const rounds = new Map(yearRounds.map((r) => [r.id, r]));
  const mine = entries.filter((e) => rounds.has(e.roundId));
  const visible = yearRounds.filter((r) => r.level === 'school' || (student && r.college === student.college) || mine.some((e) => e.roundId === r.id));
  const [names, events] = await Promise.all([studentNames(ctx, mine), eventsById(ctx, visible.map((r) => r.eventId))]);
  return {
    year,
    rounds: visible.map((r) => ({
      id: r.id,
      year: r.year,
      level: r.level,
      college: r.college,
      title: r.title,
      description: r.description,
      tracks: [...r.tracks],
      entryMode: r.entryMode,
      deadlineAt: r.deadlineAt,
      status: r.status,
      event: eventRef(r.eventId ? events.get(r.eventId) : null),
      tracksForMe: r.tracks.map((track) => {
        const entrant = student ? entrantFor(track, student) : null;
        const existing = entrant ? (mine.find((e) => e.id === entryIdOf(r.id, track, entrant)) ?? null) : null;
        return { track, ...trackStateFor(r, track, entrant, existing, entrant ? hasAdvanced(entrant, track, year, entries, rounds) : false, now) };
      }),
    })),
    entries: mine.map((e) => {
      const round = rounds.get(e.roundId)!;
      const editable =
        mayActForEntry(e, { studentNo: student?.studentNo ?? null, openid, officerBranches }) && decideEntryChange(round, e, now) === null;
      return toEntryView(e, round, names, editable);
    }),
    judge: roles.some((g) => g.role === 'contest_judge'),
    lecturer,
  };
}

/**
 * 报名: a student enters the 主讲人 track themselves, or their branch's 团支部 / 微团课 entry with a named team. The
 * materials are kept before the entry is written, and let go again if the entry is refused (nothing stays that no
 * entry names, beyond a day).
 */
export async function submitContestEntry(input: ActionParsedInput<'submitContestEntry'>, ctx: HandlerContext): Promise<ActionOutput<'submitContestEntry'>> {
  const { student, openid } = await actor(ctx);
  const round = await requireRound(ctx, input.roundId);
  const now = ctx.now();
  const entrant = entrantFor(input.track, student);
  const id = entryIdOf(round.id, input.track, entrant);
  // Refusals that need no writing come first, so a late or second entry touches no file.
  let qualified = false;
  if (round.entryMode === 'advanced') {
    const { entries, rounds } = await entrantHistory(ctx, student);
    qualified = hasAdvanced(entrant, input.track, round.year, entries, rounds);
  }
  const early = decideEntry(round, input.track, entrant, await ctx.storage.getContestEntry(id), qualified, now);
  if (early) throw new ApiError(early.code, early.message);
  const team = await teamOf(ctx, input.track, entrant, input);
  const materials = await materialsOf(ctx, input.materials, openid, []);
  checkMaterials(materials);
  await keepFiles(ctx, materials.map((m) => m.fileId), keepUntil(round.year));
  try {
    const entry = await ctx.storage.writeContestEntry(round.id, id, (current, existing) => {
      const refusal = decideEntry(current, input.track, entrant, existing, qualified, now);
      if (refusal) throw new ApiError(refusal.code, refusal.message);
      return {
        id,
        roundId: current.id,
        track: input.track,
        entrantKind: entrant.kind,
        studentNo: entrant.studentNo,
        branch: entrant.branch,
        college: entrant.college,
        teamName: team.teamName,
        members: team.members,
        topic: input.topic,
        outline: input.outline,
        mentor: input.mentor ?? '',
        materials,
        status: 'submitted',
        submittedBy: openid,
        submittedAt: now.toISOString(),
        createdAt: existing?.createdAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
      };
    });
    return { entry: await entryView(ctx, entry, round, true) };
  } catch (error) {
    await releaseFiles(ctx, materials.map((m) => m.fileId));
    throw error;
  }
}

/** The caller's entries (and their branch's) with the rounds they belong to: where advancement is read from. */
async function entrantHistory(ctx: HandlerContext, student: StudentRecord): Promise<{ entries: ContestEntry[]; rounds: Map<string, ContestRound> }> {
  const entries = await ctx.storage.listContestEntries({ studentNo: student.studentNo, branch: student.branch });
  const found = await Promise.all([...new Set(entries.map((e) => e.roundId))].map((id) => ctx.storage.getContestRound(id)));
  return { entries, rounds: new Map(found.filter((r): r is ContestRound => r !== null).map((r) => [r.id, r])) };
}

/** An entry the caller may act for (the speaker; a branch entry's submitter, team, or branch officers). */
async function ownEntry(ctx: HandlerContext, entryId: string) {
  const who = await actor(ctx);
  const entry = await ctx.storage.getContestEntry(entryId);
  if (!entry) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
  if (!mayActForEntry(entry, { studentNo: who.student.studentNo, openid: who.openid, officerBranches: who.officerBranches })) {
    throw new ApiError('FORBIDDEN', '只有参赛者本人、团队成员或本团支部的团干部可以修改或撤回这件作品');
  }
  return { ...who, entry, round: await requireRound(ctx, entry.roundId) };
}

/** 修改作品, until the deadline: topic, outline, team, mentor, materials (new files kept, dropped ones let go). */
export async function updateContestEntry(input: ActionParsedInput<'updateContestEntry'>, ctx: HandlerContext): Promise<ActionOutput<'updateContestEntry'>> {
  const { entry, round, openid } = await ownEntry(ctx, input.entryId);
  const now = ctx.now();
  const early = decideEntryChange(round, entry, now);
  if (early) throw new ApiError(early.code, early.message);
  const entrant: Entrant = { kind: entry.entrantKind, studentNo: entry.studentNo, branch: entry.branch, college: entry.college };
  const team = await teamOf(ctx, entry.track, entrant, input);
  const materials = await materialsOf(ctx, input.materials, openid, entry.materials);
  checkMaterials(materials);
  const added = materials.filter((m) => !entry.materials.some((x) => x.fileId === m.fileId)).map((m) => m.fileId);
  await keepFiles(ctx, added, keepUntil(round.year));
  let updated: ContestEntry;
  try {
    updated = await ctx.storage.writeContestEntry(round.id, entry.id, (current, existing) => {
      if (!existing) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
      const refusal = decideEntryChange(current, existing, now);
      if (refusal) throw new ApiError(refusal.code, refusal.message);
      return { ...existing, ...team, topic: input.topic, outline: input.outline, mentor: input.mentor ?? '', materials, submittedBy: openid, updatedAt: now.toISOString() };
    });
  } catch (error) {
    await releaseFiles(ctx, added);
    throw error;
  }
  await releaseFiles(ctx, entry.materials.filter((m) => !materials.some((x) => x.fileId === m.fileId)).map((m) => m.fileId));
  return { entry: await entryView(ctx, updated, round, true) };
}

/** 撤回, until the deadline; the entrant may enter again before it. */
export async function withdrawContestEntry(input: ActionParsedInput<'withdrawContestEntry'>, ctx: HandlerContext): Promise<ActionOutput<'withdrawContestEntry'>> {
  const { entry, round, openid } = await ownEntry(ctx, input.entryId);
  const now = ctx.now();
  const early = decideEntryChange(round, entry, now);
  if (early) throw new ApiError(early.code, early.message);
  const withdrawn = await ctx.storage.writeContestEntry(round.id, entry.id, (current, existing) => {
    if (!existing) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
    const refusal = decideEntryChange(current, existing, now);
    if (refusal) throw new ApiError(refusal.code, refusal.message);
    return { ...existing, status: 'withdrawn', submittedBy: openid, updatedAt: now.toISOString() };
  });
  return { entry: await entryView(ctx, withdrawn, round, false) };
}

/**
 * 查看材料: a ten-minute link to one of an entry's files, for those who may see the entry: its entrant side, the
 * judges assigned to it, and the round's organisers. Anyone else: NOT_FOUND, as for an unknown entry.
 */
export async function getContestMaterialLink(input: ActionParsedInput<'getContestMaterialLink'>, ctx: HandlerContext): Promise<ActionOutput<'getContestMaterialLink'>> {
  const [openid, roles, student] = await Promise.all([requireOpenid(ctx), callerRoles(ctx), currentStudent(ctx)]);
  const entry = await ctx.storage.getContestEntry(input.entryId);
  const round = entry ? await ctx.storage.getContestRound(entry.roundId) : null;
  const material = entry?.materials.find((m) => m.fileId === input.fileId);
  if (!entry || !round || !material) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
  const officerBranches = roles.filter((g) => g.role === 'branch_officer').map((g) => g.scope);
  const allowed =
    mayActForEntry(entry, { studentNo: student?.studentNo ?? null, openid, officerBranches }) ||
    (student !== null && entry.entrantKind === 'branch' && student.branch === entry.branch) ||
    round.assignments.some((a) => a.entryId === entry.id && a.judges.includes(openid)) ||
    mayViewRound(roles, round);
  if (!allowed) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
  return fileLink(ctx, material.fileId);
}
