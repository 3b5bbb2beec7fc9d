export * from './sha256';
export * from './draw';
export * from './pseudonym';
export * from './priority';
export * from './terms';
export * from './verify';
