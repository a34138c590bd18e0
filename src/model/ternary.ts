/** A truth value that may not be known at synth time (`undefined`), combined by Kleene's three-valued logic. */
export type Ternary = boolean | undefined;

export function and(...values: Ternary[]): Ternary {
  if (values.some(v => v === false)) return false;
  return values.every(v => v === true) ? true : undefined;
}

export function or(...values: Ternary[]): Ternary {
  if (values.some(v => v === true)) return true;
  return values.every(v => v === false) ? false : undefined;
}

export function not(value: Ternary): Ternary {
  return value === undefined ? undefined : !value;
}
