export * from './bytes';
export * from './member-code';
export * from './attendance';
export * from './event-host';
export * from './staff';
