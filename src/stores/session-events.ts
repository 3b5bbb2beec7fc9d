import type { MyRegistration } from '../../types/models';

/**
 * Tiny publish/subscribe between stores, so that no store imports another. A store that changes something applies
 * the server's answer to its own state first and then tells the others what happened; it never listens for its own
 * news (no echo, no re-fetch of what the answer already said). A new (demo) identity refreshes all.
 */

/** A registration of the caller's changed: what, by whom, and the registration the server answered with. */
export interface RegistrationNews {
  eventId: string;
  /**
   * signUp / cancel: the student's own action succeeded (`registration` is the server's answer); refused: the server
   * refused it, so the sender's view was stale; teamSignUp: a team the student leads signed up as one unit.
   */
  kind: 'signUp' | 'cancel' | 'refused' | 'teamSignUp';
  /** The store that made the change and has already applied the answer. */
  by: 'events' | 'teams';
  registration?: MyRegistration;
}

interface Topics {
  registrationChanged: RegistrationNews;
  identityChanged: undefined;
}
type Topic = keyof Topics;
type Listener<T extends Topic> = (news: Topics[T]) => void;

const listeners: { [T in Topic]: Set<Listener<T>> } = {
  registrationChanged: new Set(),
  identityChanged: new Set(),
};

export function subscribe<T extends Topic>(topic: T, listener: Listener<T>): () => void {
  listeners[topic].add(listener);
  return () => listeners[topic].delete(listener);
}

export function publish<T extends Topic>(topic: T, ...news: Topics[T] extends undefined ? [] : [Topics[T]]): void {
  for (const listener of [...listeners[topic]]) (listener as (n: unknown) => void)(news[0]);
}
