export * from './errors';
export * from './ids';
export * from './models';
export * from './actions';
export * from './checkin';
export * from './committee-actions';
export * from './people-actions';
