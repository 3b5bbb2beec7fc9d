import * as v from 'valibot';

/**
 * Lists of events answer a page a call (listEvents, listManagedEvents): a cloud function's answer may not exceed 1 MB,
 * and the whole catalogue of a school year (2,000 events) is about that. A caller asks with `limit` (default and most:
 * EVENTS_PER_PAGE) and, for the next page, the `cursor` the previous answer gave as `next`; `next` null is the end.
 * A page may hold fewer events than asked and still have a `next` (the filters of the list are applied to what was
 * read; a page also ends before ~800 KB of events, so that heavy events — a long audience, many check-in staff — never
 * take an answer over 1 MB): follow it until null.
 */

/**
 * Events one call answers at most (and by default): about 190 KB of the student's catalogue at today's event sizes
 * (~480 bytes an event), and ≤ ~420 KB even with every text field at its longest (tests/server/event-pages.test.ts).
 */
export const EVENTS_PER_PAGE = 400;

/** Where the next page starts: opaque to callers (base64url), made by the server. */
export const PageCursorSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,400}$/, '分页位置（cursor）不正确'));

/** The paging fields of a list's request. */
export const eventPageInput = {
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(EVENTS_PER_PAGE, `每页最多 ${EVENTS_PER_PAGE} 个活动`))),
  cursor: v.optional(PageCursorSchema),
};

/** The paging field of a list's answer: the cursor of the next page, or null at the end. */
export const pageOutput = { next: v.nullable(v.string()) };

/**
 * Rows of 到场名单 one getEventAttendance call answers at most (and by default): ~250 bytes a row at today's sizes
 * (~240 KB a page at ~300 bytes a row), ≤ ~600 KB with every 学号, name, class and branch at its longest (750 bytes a
 * row; tests/contract/function-limits.test.ts).
 * Pages follow 学号 (never changed by a scan), so a check-in between two pages moves no row across the cursor.
 */
export const ATTENDANCE_PER_PAGE = 800;

/** The paging fields of getEventAttendance's request. */
export const attendancePageInput = {
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(ATTENDANCE_PER_PAGE, `每页最多 ${ATTENDANCE_PER_PAGE} 人`))),
  cursor: v.optional(PageCursorSchema),
};
