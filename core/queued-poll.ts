/**
 * How a student's page asks after a queued sign-up (getMySignup): first after a second (a drainer places thousands a
 * second), then every second and a half, for at most a minute and a half, after which 我的报名 shows the result. Its
 * own file so that the main package takes this and nothing else of the core; the rush benchmark asks on the same
 * schedule.
 */
export const QUEUED_POLL = { firstMs: 1000, everyMs: 1500, watchMs: 90_000 } as const;
