import { create } from 'zustand';
import { DEFAULT_SITE_SETTINGS } from '../../../../core/site';
import type { SiteSettingsView } from '../../../../types/models';
import { call } from '../../../services/api';

interface SiteState {
  /** The school's names (getSiteSettings); the plan's defaults until the answer comes, or if it never does. */
  site: SiteSettingsView;
  loaded: boolean;
  load: () => Promise<void>;
}

/**
 * Who issues transcripts (学校名称, 签发单位): the committee's setting, asked once per session. A transcript shared
 * after the settings existed carries its own issuer (snapshot.issuer), which wins: the paper names who issued it then.
 */
export const useSiteStore = create<SiteState>()((set, get) => ({
  site: { ...DEFAULT_SITE_SETTINGS },
  loaded: false,
  async load() {
    if (get().loaded) return;
    try {
      const site = await call('getSiteSettings', {});
      set({ site, loaded: true });
    } catch {
      // The defaults stay; the next page that needs the names asks again.
    }
  },
}));

/** The issuer a snapshot names, else the current setting. */
export function issuerOf(snapshot: { issuer?: SiteSettingsView }, site: SiteSettingsView): SiteSettingsView {
  return snapshot.issuer ?? site;
}
