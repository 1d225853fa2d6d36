/**
 * A value now, or later. Field resolvers answer from the process's row caches most of the time;
 * answering those synchronously spares graphql-js a promise per field and per object.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `f(value)` now when the value is here, after it arrives otherwise. */
export function andThen<T, R>(value: MaybePromise<T>, f: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}
