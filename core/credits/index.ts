export * from './modules';
export * from './rules';
export * from './ledger';
export * from './progress';
export * from './records';
