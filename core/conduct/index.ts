export * from './term';
export * from './leave-rules';
export * from './no-show-blocks';
