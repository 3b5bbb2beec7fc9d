export * from './sha256';
export * from './draw';
export * from './pseudonym';
