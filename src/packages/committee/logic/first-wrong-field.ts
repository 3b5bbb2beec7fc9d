/**
 * 发布活动's fields in the order the form shows them, each with the error paths it shows (the form's own check and the
 * server's valibot paths) and its test hook. A failed save scrolls to the first of them that has an error.
 */
const FIELDS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['title'], 'event-title-input'],
  [['organizer'], 'event-organizer-input'],
  [['location'], 'event-location-input'],
  [['description'], 'event-description-input'],
  [['details.speaker'], 'event-speaker'],
  [['details.topic'], 'event-topic'],
  [['details.roles'], 'event-roles'],
  [['details.hours'], 'event-hours'],
  [['details.destination'], 'event-destination'],
  [['details.teamSizeMin'], 'event-team-min'],
  [['details.teamSizeMax'], 'event-team-max'],
  [['details.reportDueAt'], 'event-report-due'],
  [['creditRule.assessmentBonus.amount', 'creditRule.assessmentBonus'], 'event-assessment-bonus'],
  [['details.theme'], 'event-theme'],
  [['startAt'], 'event-time-start'],
  [['endAt'], 'event-time-end'],
  [['signupStartAt'], 'event-time-signupStart'],
  [['signupEndAt'], 'event-time-signupEnd'],
  [['cancelDeadlineAt'], 'event-time-cancelDeadline'],
  [['capacity'], 'event-capacity-input'],
  [['signupMode', 'lotteryPriority'], 'event-lottery-priority'],
  [['audience', 'audience.colleges'], 'event-college'],
  [['creditRule.base.module', 'creditRule.base'], 'event-credit-module'],
  [['creditRule.base.amount', 'credits'], 'event-credit-amount'],
  [['creditRule.base.perHour'], 'event-credit-per-hour'],
  [['creditRule.base.cap'], 'event-credit-cap'],
  [['minStayRatio'], 'event-min-stay'],
  [['host.unit', 'host'], 'event-host-unit'],
];

/** The hook of the first field (in the form's order) with an error; an error no field shows: the line above the buttons. */
export function firstWrongField(errors: Readonly<Record<string, string | undefined>>): string | null {
  const wrong = Object.keys(errors).filter((k) => errors[k]);
  if (wrong.length === 0) return null;
  for (const [paths, hook] of FIELDS) if (paths.some((p) => errors[p])) return hook;
  return 'event-form-error';
}
