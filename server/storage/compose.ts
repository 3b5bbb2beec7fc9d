import type { StoragePort } from './ports';

/** Every method of the port but close: what an adapter's areas supply between them. */
export type AreaMethods = Omit<StoragePort, 'close'>;

/**
 * A base class whose instances carry the given methods as their own properties: how both adapters assemble the whole
 * port from their areas without one hand-written forwarder per method. TypeScript cannot type a class from a
 * constructor argument, hence the one assertion: the constructor copies exactly the `M` it is given, and the subclass
 * that passes `AreaMethods` must supply every method of the port but close (a missing or misshapen one fails to compile).
 */
export function withMethods<M extends object>(): new (methods: M) => M {
  return class {
    constructor(methods: M) {
      Object.assign(this, methods);
    }
  } as new (methods: M) => M;
}
