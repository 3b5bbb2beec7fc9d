/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; replaced at build time, so platform branches are removed from the other build. */
    TARO_ENV: 'weapp' | 'h5' | undefined;
  }
}

/**
 * The H5 site's origin (e.g. https://<env>.tcloudbaseapp.com), set at build time from the H5_SITE_ORIGIN environment
 * variable (config/index.ts): the weapp build's transcript QR codes point there.
 */
declare const H5_SITE_ORIGIN: string;

/**
 * Subscribe-message template ids by kind (the sign-up's reminders; new_event for 活动提醒, asked at the 关注 tap), set at build
 * time from the SUBSCRIBE_TEMPLATE_IDS environment variable (config/index.ts); empty: the app never asks for consent.
 */
declare const SUBSCRIBE_TEMPLATE_IDS: Partial<Record<'event_reminder' | 'waitlist_promoted' | 'event_cancelled' | 'new_event', string>>;
