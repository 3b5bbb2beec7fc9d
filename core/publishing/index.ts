export * from './details';
export * from './lifecycle';
