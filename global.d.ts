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
