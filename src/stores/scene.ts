import { create } from 'zustand';
import { parseScene } from '../../core/sharing/scene';
import { call, messageOf } from '../services/api';

interface SceneState {
  /** Alias scenes resolved so far: scene → event id (a scene never changes its event). */
  resolved: Record<string, string>;
  /** Scenes the server could not resolve, with its sentence. */
  failed: Record<string, string>;
  resolve: (scene: string) => Promise<void>;
}

/**
 * What a poster's 小程序码 (or its plain QR on the local server) opened the event page with: `scene=e=<id>` names the
 * event; an alias (`s=…`, an id too long for a scene) is asked of the server once.
 */
export const useSceneStore = create<SceneState>()((set, get) => ({
  resolved: {},
  failed: {},
  async resolve(scene) {
    if (get().resolved[scene] || get().failed[scene]) return;
    try {
      const { eventId } = await call('resolveEventScene', { scene });
      set((s) => ({ resolved: { ...s.resolved, [scene]: eventId } }));
    } catch (error) {
      set((s) => ({ failed: { ...s.failed, [scene]: messageOf(error) } }));
    }
  },
}));

/** `deferred`: the id came from the server after the page was shown (an alias), so the page loads it then. */
export type RouteEvent = { eventId: string; resolving: boolean; refusal: string | null; deferred: boolean };

/**
 * The event a page was opened for: `?id=` (a link, a shared card), or `?scene=` (a scanned code). While an alias is
 * being resolved `resolving` is true; a scene nobody knows answers the server's sentence in `refusal`.
 */
export function useRouteEvent(params: Partial<Record<string, string>>): RouteEvent {
  const parsed = params.id ? null : parseScene(params.scene);
  const alias = parsed?.kind === 'alias' ? parsed.scene : null;
  const resolvedId = useSceneStore((s) => (alias ? (s.resolved[alias] ?? null) : null));
  const refusal = useSceneStore((s) => (alias ? (s.failed[alias] ?? null) : null));
  if (params.id) return { eventId: params.id, resolving: false, refusal: null, deferred: false };
  if (parsed?.kind === 'event') return { eventId: parsed.eventId, resolving: false, refusal: null, deferred: false };
  if (alias) {
    if (!resolvedId && !refusal) void useSceneStore.getState().resolve(alias);
    return { eventId: resolvedId ?? '', resolving: !resolvedId && !refusal, refusal, deferred: true };
  }
  return { eventId: '', resolving: false, refusal: params.scene ? '无法识别这个小程序码，请在活动列表中查找该活动' : null, deferred: false };
}
