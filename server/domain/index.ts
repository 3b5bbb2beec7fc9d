export * from './records';
export * from './signup-rules';
export * from './cancel-rules';
export * from './waitlist';
export * from './views';
export * from './identity';
export * from './web-login';
export * from './checkin';
