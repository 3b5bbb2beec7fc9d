/**
 * An event's life: draft → published → (closed ⇄ published) → cancelled. Drafts are seen only by their organisers
 * (and previewed as students will see them); closing stops sign-ups early; cancelling is final and tells everyone
 * signed up.
 */
export const EVENT_LIFECYCLE_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type LifecycleStatus = (typeof EVENT_LIFECYCLE_STATUSES)[number];
export type LifecycleAction = 'publish' | 'close' | 'reopen' | 'cancel' | 'edit';

const ALLOWED: Record<LifecycleStatus, readonly LifecycleAction[]> = {
  draft: ['publish', 'edit', 'cancel'],
  published: ['close', 'cancel', 'edit'],
  closed: ['reopen', 'cancel', 'edit'],
  cancelled: [],
};

export function mayTransition(status: LifecycleStatus, action: LifecycleAction): boolean {
  return ALLOWED[status].includes(action);
}

export function statusAfter(status: LifecycleStatus, action: Exclude<LifecycleAction, 'edit'>): LifecycleStatus {
  if (!mayTransition(status, action)) throw new Error(`cannot ${action} a ${status} event`);
  return action === 'publish' || action === 'reopen' ? 'published' : action === 'close' ? 'closed' : 'cancelled';
}

/** Whether students see the event in lists: published or closed (a closed one still shows, without sign-up). */
export function visibleToStudents(status: LifecycleStatus): boolean {
  return status === 'published' || status === 'closed';
}
