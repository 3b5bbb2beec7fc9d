export * from './scene';
export * from './poster-code';
