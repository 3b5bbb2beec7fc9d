import type { SiteSettingsView } from '../types';

/** The school's own names, stored as data so the committee can correct them without a release. */
export type SiteSettings = SiteSettingsView;

/** From the committee's yearly plan (湖北职业技术学院 团委). */
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  schoolName: '湖北职业技术学院',
  issuerName: '共青团湖北职业技术学院委员会',
};
