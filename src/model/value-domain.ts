// Sets of values a field of an event can take ("every ARN of a function this trail can see"), and
// what the field selectors of a trail's advanced event selectors say about every value of such a set.
//
// A domain is a sequence of literal parts and holes (a region, an account, a function name). The
// question "which selectors does a value of the domain satisfy?" is answered for the whole, infinite
// domain at once: the domain is walked as an automaton together with a trie of the selectors'
// Equals/StartsWith values and an Aho-Corasick automaton of their EndsWith values, one representative
// character standing for all the characters no selector value mentions. The answer is the set of
// distinct verdict vectors (one verdict per selector) that values of the domain produce: "every value
// is recorded" and "some value is recorded" are then plain quantifiers over that set, exact for known
// values. Unknown values (parameters, imports, generated names, an env-agnostic region) are tokens:
// equal unknown values match each other, and wherever an unknown value meets a known character the
// verdict becomes unknown (never true) for the selectors that comparison could affect.
/* eslint-disable no-bitwise -- the flags of selector values are bit sets, one number per field selector and automaton state */
import { Ternary } from './ternary';
import type { FieldSelector } from './trail-model';
import { isGeneratedNameToken, isUnknownToken, tokensOf } from './unknown-value';

/** A set of characters a hole of a domain takes. */
export interface CharClass {
  readonly label: string;
  /** It takes every character of a generated name (letters, digits, `-`, `_`). */
  readonly takesNames: boolean;
  /** Characters of the class, tried in this order for a character that no selector value mentions. */
  readonly candidates: string;
  accepts(ch: string): boolean;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/** Any character. */
export const ANY_CHARACTER: CharClass = {
  takesNames: true,
  label: 'any character',
  accepts: ch => ch.length === 1,
  candidates: `zqxjkvwyZQXJKVWY${LOWER}${LOWER.toUpperCase()}${DIGITS}-_.:/+=@ ~!#%&*`,
};

/** The characters of a Lambda function name (AWS Lambda API Reference, "FunctionName"). */
export const FUNCTION_NAME_CHARACTER: CharClass = {
  takesNames: true,
  label: 'function name',
  accepts: ch => /^[A-Za-z0-9_-]$/.test(ch),
  candidates: `zqxjZQXJ${LOWER}${LOWER.toUpperCase()}${DIGITS}-_`,
};

/** The characters of a version or alias of a function (`$LATEST`, `7`, `prod`). */
export const QUALIFIER_CHARACTER: CharClass = {
  takesNames: true,
  label: 'qualifier',
  accepts: ch => /^[A-Za-z0-9_$-]$/.test(ch),
  candidates: `zqxjZQXJ${LOWER}${LOWER.toUpperCase()}${DIGITS}-_$`,
};

/** The characters of a region name (`us-east-1`). */
export const REGION_CHARACTER: CharClass = {
  takesNames: false,
  label: 'region',
  accepts: ch => /^[a-z0-9-]$/.test(ch),
  candidates: `zqxj${LOWER}${DIGITS}-`,
};

/** A digit of an account id. */
export const ACCOUNT_DIGIT: CharClass = {
  takesNames: false,
  label: 'account',
  accepts: ch => /^[0-9]$/.test(ch),
  candidates: DIGITS,
};

/** A part of a domain that takes any string of `min` to `max` characters of a class. */
export interface Hole {
  readonly chars: CharClass;
  readonly min: number;
  readonly max: number;
  /** For people and cache keys: `<region>`. */
  readonly label: string;
}

export function hole(chars: CharClass, min: number, max: number, label: string): Hole {
  return { chars, min, max, label };
}

/** Parts of a domain that a string of the domain may have or lack as a whole (`[:<qualifier>]`). */
export interface Optional {
  readonly optional: readonly (string | Hole)[];
}

export type DomainPart = string | Hole | Optional;

/** A set of strings: literal parts (which may hold unknown values), holes and optional parts, in order. */
export class Domain {
  /** Every string, the empty one included (a field an event may lack). */
  public static readonly ANY = new Domain([hole(ANY_CHARACTER, 0, Infinity, '<any>')]);

  /** Identifies the domain (for caches). */
  public readonly key: string;

  constructor(public readonly parts: readonly DomainPart[]) {
    const keyOf = (p: DomainPart): string => (typeof p === 'string' ? JSON.stringify(p) : 'optional' in p ? `[${p.optional.map(keyOf).join('')}]` : p.label);
    this.key = parts.map(keyOf).join('');
  }
}

const EQ_IN = 1;
const EQ_EX = 2;
const ST_IN = 4;
const ST_EX = 8;
const END_IN = 16;
const END_EX = 32;
const IN_MASK = EQ_IN | ST_IN | END_IN;
const EX_MASK = EQ_EX | ST_EX | END_EX;
const PREFIX_BITS = EQ_IN | EQ_EX | ST_IN | ST_EX;

const BITS: Record<string, number> = {
  Equals: EQ_IN, NotEquals: EQ_EX, StartsWith: ST_IN, NotStartsWith: ST_EX, EndsWith: END_IN, NotEndsWith: END_EX,
};

/** Beyond this many automaton states the answer is given up as unknown (never reached by real selectors). */
const MAX_STATES = 500_000;

interface Operand { readonly k: number; readonly bit: number; readonly tokens: string[] }

/** Equals and StartsWith values (and their negations) of every field selector, as one trie. */
class PrefixTrie {
  public readonly children: Map<string, number>[] = [new Map()];
  /** Per node, per field selector: the bits of the values that end at the node. */
  public readonly flags: number[][];
  /** Per node, per field selector: StartsWith bits of the node and its ancestors (matched on the way). */
  public readonly starts: number[][] = [];
  /** Per node, per field selector: bits of every value through the node. */
  public readonly subtree: number[][] = [];
  /** Per node, per field selector: bits of values through the node that hold an unknown value below it. */
  public readonly unknownBelow: number[][] = [];
  /** Per node: an unknown value follows it in some value. */
  public readonly unknownChild: boolean[] = [];

  constructor(k: number, operands: readonly Operand[]) {
    const zero = () => new Array<number>(k).fill(0);
    this.flags = [zero()];
    const parent: number[] = [-1];
    const paths: { node: number; operand: Operand; unknownAfter: boolean[] }[] = [];
    for (const operand of operands) {
      let node = 0;
      const unknownAfter = operand.tokens.map((_t, i) => operand.tokens.slice(i).some(isUnknownToken));
      const nodes = [0];
      for (const token of operand.tokens) {
        let next = this.children[node].get(token);
        if (next === undefined) {
          next = this.children.length;
          this.children.push(new Map());
          this.flags.push(zero());
          parent.push(node);
          this.children[node].set(token, next);
        }
        node = next;
        nodes.push(node);
      }
      this.flags[node][operand.k] |= operand.bit;
      paths.push({ node, operand, unknownAfter });
      for (let depth = 0; depth < nodes.length; depth++) {
        const n = nodes[depth];
        this.subtree[n] ??= zero();
        this.subtree[n][operand.k] |= operand.bit;
        if (unknownAfter[depth]) {
          this.unknownBelow[n] ??= zero();
          this.unknownBelow[n][operand.k] |= operand.bit;
        }
      }
    }
    for (let n = 0; n < this.children.length; n++) {
      this.subtree[n] ??= zero();
      this.unknownBelow[n] ??= zero();
      this.unknownChild[n] = [...this.children[n].keys()].some(isUnknownToken);
      const inherited = parent[n] < 0 ? zero() : this.starts[parent[n]];
      this.starts[n] = inherited.map((bits, i) => bits | (this.flags[n][i] & (ST_IN | ST_EX)));
    }
  }
}

/** EndsWith values (and their negations) of every field selector, as an Aho-Corasick automaton. */
class SuffixAutomaton {
  private readonly goto: Map<string, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Per state, per field selector: the EndsWith bits of the values that end where the input ends. */
  public readonly out: number[][];
  private readonly memo: Map<string, number>[] = [new Map()];
  /** The characters EndsWith values use. */
  public readonly characters = new Set<string>();
  /** The generated names EndsWith values hold. */
  public readonly generatedNames = new Set<string>();

  constructor(k: number, operands: readonly Operand[]) {
    const zero = () => new Array<number>(k).fill(0);
    this.out = [zero()];
    for (const operand of operands) {
      let state = 0;
      for (const token of operand.tokens) {
        if (!isUnknownToken(token)) this.characters.add(token);
        if (isGeneratedNameToken(token)) this.generatedNames.add(token);
        let next = this.goto[state].get(token);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.out.push(zero());
          this.fail.push(0);
          this.memo.push(new Map());
          this.goto[state].set(token, next);
        }
        state = next;
      }
      this.out[state][operand.k] |= operand.bit;
    }
    // Breadth-first: failure links, and outputs inherited along them.
    const queue = [...this.goto[0].values()];
    while (queue.length > 0) {
      const state = queue.shift()!;
      for (const [token, next] of this.goto[state]) {
        let f = this.fail[state];
        while (f > 0 && !this.goto[f].has(token)) f = this.fail[f];
        const target = this.goto[f].get(token);
        this.fail[next] = target !== undefined && target !== next ? target : 0;
        this.out[next] = this.out[next].map((bits, i) => bits | this.out[this.fail[next]][i]);
        queue.push(next);
      }
    }
  }

  public next(state: number, token: string): number {
    const cached = this.memo[state].get(token);
    if (cached !== undefined) return cached;
    let s = state;
    while (s > 0 && !this.goto[s].has(token)) s = this.fail[s];
    const result = this.goto[s].get(token) ?? 0;
    this.memo[state].set(token, result);
    return result;
  }
}

/** A literal token, a hole, or a jump over an optional part (to the step after it). */
type Step = { readonly token: string } | { readonly hole: Hole } | { readonly skipTo: number };

interface State {
  readonly step: number;
  readonly count: number;
  /** The trie node the value has reached, or -1 once it left the trie. */
  readonly node: number;
  /** StartsWith bits matched so far, per field selector. */
  readonly starts: readonly number[];
  /** Bits of values an unknown value may have matched, per field selector. */
  readonly fuzzy: readonly number[];
  readonly suffix: number;
  /** An unknown value was read: EndsWith values longer than `since` may match. */
  readonly suffixFuzzy: boolean;
  readonly since: number;
}

/**
 * The distinct verdicts that values of the domain get from each selector: `selectors[s]` lists the
 * field selectors of selector `s` on this field. See `FieldVerdicts.over`.
 */
export function verdictsOver(
  domain: Domain,
  selectors: readonly (readonly FieldSelector[])[],
  stopAt?: (verdict: readonly Ternary[]) => boolean,
): Ternary[][] | undefined {
  return new FieldVerdicts(selectors).over(domain, stopAt);
}

/**
 * The field selectors of a trail's selectors on one field, compiled once (a trie of their Equals and
 * StartsWith values, an automaton of their EndsWith values) and asked about any number of domains.
 */
export class FieldVerdicts {
  private readonly members: { s: number; selector: FieldSelector }[] = [];
  private readonly k: number;
  private readonly trie: PrefixTrie;
  private readonly suffixes: SuffixAutomaton;
  private readonly hasInclusion: boolean[];
  private readonly longestSuffix: { in: number; ex: number }[];
  private readonly unknownSuffixBits: number[];
  private readonly maxSince: number;

  /** @param selectors per selector, its field selectors on this field (a selector without any is satisfied by every value) */
  constructor(private readonly selectors: readonly (readonly FieldSelector[])[]) {
    const members = this.members;
    selectors.forEach((list, s) => list.forEach(selector => members.push({ s, selector })));
    const k = this.k = members.length;
    const prefixOperands: Operand[] = [];
    const suffixOperands: Operand[] = [];
    const hasInclusion = this.hasInclusion = new Array<boolean>(k).fill(false);
    const longestSuffix = this.longestSuffix = new Array<number>(k).fill(0).map(() => ({ in: 0, ex: 0 }));
    const unknownSuffixBits = this.unknownSuffixBits = new Array<number>(k).fill(0);
    members.forEach(({ selector }, i) => {
      for (const [operator, values] of Object.entries(selector.operators)) {
        const bit = BITS[operator];
        if (bit === undefined) continue;
        if (bit & IN_MASK) hasInclusion[i] = true;
        for (const value of values ?? []) {
          const tokens = tokensOf(value);
          if (bit & (END_IN | END_EX)) {
            suffixOperands.push({ k: i, bit, tokens });
            const longest = longestSuffix[i];
            if (bit === END_IN) longest.in = Math.max(longest.in, tokens.length);
            else longest.ex = Math.max(longest.ex, tokens.length);
            if (tokens.some(isUnknownToken)) unknownSuffixBits[i] |= bit;
          } else {
            prefixOperands.push({ k: i, bit, tokens });
          }
        }
      }
    });
    this.trie = new PrefixTrie(k, prefixOperands);
    this.suffixes = new SuffixAutomaton(k, suffixOperands);
    this.maxSince = Math.max(0, ...longestSuffix.map(l => Math.max(l.in, l.ex)));
  }

  /**
   * The distinct verdicts that values of the domain get from each selector. Each verdict vector has
   * one entry per selector: true (certainly satisfied), false (certainly not), or undefined (it
   * depends on unknown values). `undefined` when the question is too large to answer. With `stopAt`,
   * the walk stops at the first verdict it accepts and returns the verdicts found so far (that one
   * last): for a question that one verdict decides ("is some value not recorded?"), the rest of the
   * domain need not be walked. A verdict found is exact, so such a question is answered even when the
   * whole domain is too large to walk.
   */
  public over(domain: Domain, stopAt?: (verdict: readonly Ternary[]) => boolean): Ternary[][] | undefined {
    const { members, k, trie, suffixes, hasInclusion, longestSuffix, unknownSuffixBits, maxSince, selectors } = this;
    const steps: Step[] = [];
    const addSteps = (parts: readonly DomainPart[]) => {
      for (const part of parts) {
        if (typeof part === 'string') {
          steps.push(...tokensOf(part).map(token => ({ token })));
        } else if ('optional' in part) {
          const jump = steps.length;
          steps.push({ skipTo: -1 });
          addSteps(part.optional);
          steps[jump] = { skipTo: steps.length };
        } else {
          steps.push({ hole: part });
        }
      }
    };
    addSteps(domain.parts);

    const verdicts = new Map<string, Ternary[]>();
    const seen = new Set<string>();
    const zero = new Array<number>(k).fill(0);
    const queue: State[] = [{ step: 0, count: 0, node: 0, starts: trie.starts[0], fuzzy: zero, suffix: 0, suffixFuzzy: false, since: 0 }];
    const keyOf = (s: State) => `${s.step},${s.count},${s.node},${s.starts.join('.')},${s.fuzzy.join('.')},${s.suffix},${s.suffixFuzzy ? s.since : -1}`;
    seen.add(keyOf(queue[0]));
    const push = (s: State) => {
      const key = keyOf(s);
      if (seen.has(key)) return;
      seen.add(key);
      queue.push(s);
    };

    const read = (state: State, token: string, step: number, count: number): State => {
      let { node, starts, fuzzy } = state;
      if (node >= 0) {
        const children = trie.children[node];
        const child = children.get(token);
        // An unknown value read here, or an unknown value of a selector at this place, may stand
        // for any string: the selector values that go on another way from this node than the token
        // read may match it. (The same unknown value on both sides is the same string: the way it
        // names is followed exactly, below.)
        if (isUnknownToken(token) || trie.unknownChild[node]) {
          for (const [other, next] of children) {
            if (other === token || (!isUnknownToken(token) && !isUnknownToken(other))) continue;
            fuzzy = fuzzy.map((bits, i) => bits | (trie.subtree[next][i] & PREFIX_BITS));
          }
        }
        node = child ?? -1;
        if (child !== undefined) starts = trie.starts[child];
      }
      const unknown = isUnknownToken(token);
      return {
        step,
        count,
        node,
        starts,
        fuzzy,
        suffix: suffixes.next(state.suffix, token),
        suffixFuzzy: state.suffixFuzzy || unknown,
        since: unknown ? 0 : Math.min(state.since + 1, maxSince),
      };
    };

    while (queue.length > 0) {
      if (seen.size > MAX_STATES) return undefined;
      const state = queue.pop()!;
      if (state.step === steps.length) {
        const verdict = evaluate(state);
        const key = verdict.map(v => (v === undefined ? '?' : v ? 'T' : 'F')).join('');
        verdicts.set(key, verdict);
        if (stopAt?.(verdict)) return [...verdicts.values()];
        continue;
      }
      const step = steps[state.step];
      if ('skipTo' in step) {
        push({ ...state, step: state.step + 1 });
        push({ ...state, step: step.skipTo });
        continue;
      }
      if ('token' in step) {
        push(read(state, step.token, state.step + 1, 0));
        continue;
      }
      const h = step.hole;
      if (state.count >= h.min) push({ ...state, step: state.step + 1, count: 0 });
      if (state.count >= h.max) continue;
      const cap = (n: number) => (h.max === Infinity ? Math.min(n, h.min) : Math.min(n, h.max));
      const characters = new Set<string>();
      if (state.node >= 0) for (const t of trie.children[state.node].keys()) if (!isUnknownToken(t) && h.chars.accepts(t)) characters.add(t);
      for (const ch of suffixes.characters) if (h.chars.accepts(ch)) characters.add(ch);
      const other = [...h.chars.candidates].find(ch => !characters.has(ch) && h.chars.accepts(ch));
      if (other !== undefined) characters.add(other);
      for (const ch of characters) push(read(state, ch, state.step, cap(state.count + 1)));
      // A generated name in a selector value may be what fills this hole (a function's name, or
      // part of it): a value of the domain that matches that selector value exactly, where the
      // selector value has it next. (Anywhere else, the characters read above already stand for
      // whatever the name is.) Other unknown values (a parameter) may not fit the hole at all, so they
      // are not taken to fill it.
      if (h.chars.takesNames) {
        const next = state.node >= 0 ? [...trie.children[state.node].keys()].filter(isGeneratedNameToken) : [];
        for (const token of new Set([...next, ...suffixes.generatedNames])) {
          push(read(state, token, state.step, cap(Math.max(state.count + 1, h.min))));
        }
      }
    }
    return [...verdicts.values()];

    function evaluate(state: State): Ternary[] {
      const perMember = members.map((_m, i) => {
        const here = state.node >= 0 ? trie.flags[state.node][i] & (EQ_IN | EQ_EX) : 0;
        const certain = here | (state.starts[i] & (ST_IN | ST_EX)) | suffixes.out[state.suffix][i];
        let possible = certain | state.fuzzy[i] | unknownSuffixBits[i];
        if (state.node >= 0) possible |= trie.unknownBelow[state.node][i];
        if (state.suffixFuzzy) {
          if (longestSuffix[i].in > state.since) possible |= END_IN;
          if (longestSuffix[i].ex > state.since) possible |= END_EX;
        }
        const includedCertainly = !hasInclusion[i] || (certain & IN_MASK) !== 0;
        const includedPossibly = !hasInclusion[i] || (possible & IN_MASK) !== 0;
        const excludedCertainly = (certain & EX_MASK) !== 0;
        const excludedPossibly = (possible & EX_MASK) !== 0;
        if (includedCertainly && !excludedPossibly) return true;
        if (!includedPossibly || excludedCertainly) return false;
        return undefined;
      });
      return selectors.map((_list, s) => {
        let result: Ternary = true;
        members.forEach((m, i) => {
          if (m.s !== s || result === false) return;
          const v = perMember[i];
          if (v === false) result = false;
          else if (v === undefined) result = undefined;
        });
        return result;
      });
    }
  }
}
