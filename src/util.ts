/** Exhaustiveness check: a new union member fails to compile wherever it is not handled. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case ${JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
}

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/** Appends `items` to `target` (push(...items) passes every item as an argument: a long list overflows the stack). */
export function append<T>(target: T[], ...lists: readonly T[][]): void {
  for (const items of lists) for (const x of items) target.push(x);
}
