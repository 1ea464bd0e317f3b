import type { Context } from 'aws-lambda';

type Invoke<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * A Lambda entry point that builds its handler (and so its dependencies) on the first invocation
 * and keeps it for the container: importing the function module has no side effects and needs no
 * environment.
 */
export function lazyHandler<E, R>(build: () => Invoke<E, R>): Invoke<E, R> {
  let handler: Invoke<E, R> | undefined;
  return async (event, context) => {
    handler ??= build();
    return handler(event, context);
  };
}
