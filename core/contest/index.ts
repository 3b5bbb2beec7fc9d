export * from './records';
export * from './sheet';
export * from './entry-rules';
export * from './judging';
export * from './ranking';
export * from './credits';
export * from './lecturers';
