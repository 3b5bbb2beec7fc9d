/**
 * Tiny publish/subscribe between stores, so that no store imports another: a sign-up made on the detail page must
 * refresh 我的报名, a cancellation on 我的报名 must refresh the catalogue, and a new (demo) identity refreshes all.
 */
type Topic = 'registrationChanged' | 'identityChanged';
type Listener = () => void;

const listeners: Record<Topic, Set<Listener>> = {
  registrationChanged: new Set(),
  identityChanged: new Set(),
};

export function subscribe(topic: Topic, listener: Listener): () => void {
  listeners[topic].add(listener);
  return () => listeners[topic].delete(listener);
}

export function publish(topic: Topic): void {
  for (const listener of [...listeners[topic]]) listener();
}
