/** A truth value that may not be known at synth time (`undefined`), combined by Kleene's three-valued logic. */
export type Ternary = boolean | undefined;

export function and(...values: Ternary[]): Ternary {
  return every(values, v => v);
}

export function or(...values: Ternary[]): Ternary {
  return some(values, v => v);
}

/** `and` over `f(item)` for each item, stopping at the first false. */
export function every<T>(items: readonly T[], f: (item: T) => Ternary): Ternary {
  let result: Ternary = true;
  for (const item of items) {
    const v = f(item);
    if (v === false) return false;
    if (v === undefined) result = undefined;
  }
  return result;
}

/** `or` over `f(item)` for each item, stopping at the first true. */
export function some<T>(items: readonly T[], f: (item: T) => Ternary): Ternary {
  let result: Ternary = false;
  for (const item of items) {
    const v = f(item);
    if (v === true) return true;
    if (v === undefined) result = undefined;
  }
  return result;
}

export function not(value: Ternary): Ternary {
  return value === undefined ? undefined : !value;
}
