/** A truth value that may not be known at synth time (`undefined`), combined by Kleene's three-valued logic. */
export type Ternary = boolean | undefined;

export function and(...values: Ternary[]): Ternary {
  let result: Ternary = true;
  for (const v of values) {
    if (v === false) return false;
    if (v === undefined) result = undefined;
  }
  return result;
}

/** `and(a, b())`, with `b` asked only when `a` is not false. */
export function andThen(a: Ternary, b: () => Ternary): Ternary {
  return a === false ? false : and(a, b());
}

export function or(...values: Ternary[]): Ternary {
  let result: Ternary = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === undefined) result = undefined;
  }
  return result;
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

/**
 * Named answers, each computed when first read and kept: for analyses that only some readers need
 * (a rule asks what other trails record only when its trail does not record it itself).
 */
export function answeredWhenAsked<K extends string>(questions: { readonly [key in K]: () => Ternary }): { readonly [key in K]: Ternary } {
  const answers = {} as { [key in K]: Ternary };
  for (const key of Object.keys(questions) as K[]) {
    let asked = false;
    let answer: Ternary;
    Object.defineProperty(answers, key, {
      enumerable: true,
      get: () => {
        if (!asked) {
          answer = questions[key]();
          asked = true;
        }
        return answer;
      },
    });
  }
  return answers;
}
