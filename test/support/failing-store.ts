import type { Store, UnitOfWork } from "../../src/core/ports/store.js";

type Method<R extends keyof Store> = { [M in keyof Store[R]]: Store[R][M] extends (...args: never[]) => Promise<unknown> ? M : never }[keyof Store[R]];

/**
 * A fake at the store port: one repository method fails as a dropped database connection would,
 * for the calls `fails(callNumber, args)` says (numbered from 1), and works otherwise.
 */
export function failingStore<R extends keyof Store>(
  repository: R,
  method: Method<R>,
  fails: (call: number, args: unknown[]) => Error | null,
): (store: UnitOfWork) => UnitOfWork {
  return (store) => {
    let calls = 0;
    return {
      transaction: (work) =>
        store.transaction((inner) => {
          const real = inner[repository] as unknown as Record<PropertyKey, (...args: unknown[]) => Promise<unknown>>;
          const wrapped = {
            ...real,
            [method]: async (...args: unknown[]) => {
              calls += 1;
              const failure = fails(calls, args);
              if (failure) throw failure;
              return real[method as PropertyKey]!(...args);
            },
          };
          return work({ ...inner, [repository]: wrapped } as Store);
        }),
    };
  };
}
