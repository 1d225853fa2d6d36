import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line written during a request says about it: which request, who asked, about which package. */
export interface RequestLogFields {
  requestId?: string;
  userId?: string;
  packageId?: string;
  operation?: string;
}

/**
 * The fields of the request being served. The root logger's mixin adds them to every line
 * written inside the request, so a request costs one plain object, not a child logger (pino
 * builds a child's bindings and redaction when it is made, whether or not anything is logged).
 */
export const requestLogStore = new AsyncLocalStorage<RequestLogFields>();

/** The current request's fields (empty outside a request): the root logger's mixin. */
export function requestLogMixin(): RequestLogFields {
  return requestLogStore.getStore() ?? {};
}
