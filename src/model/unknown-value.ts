// The one representation of a value not known at synth time (or not readable from the AWS APIs): a
// marker embedded in a string, so that partly known strings (an ARN whose account is a parameter)
// keep their known prefix and suffix for StartsWith and EndsWith conditions. Equal markers stand for
// the same unknown value. How partly known strings compare (`valueEquals`, `valueStartsWith`,
// `valueEndsWith`) lives here too: CloudTrail's selectors, IAM policy conditions, CloudFormation's
// `Fn::Equals` and the coverage of accounts and regions all compare them the same way.
import type { Ternary } from './ternary';

const OPEN = '\u0001';
const CLOSE = '\u0002';

/** A marker that stands for a value not known at synth time; equal markers stand for the same value. */
export function unknownValue(description: string): string {
  return `${OPEN}${description}${CLOSE}`;
}

/** Marks an unknown value that a resource produces. */
const RESOURCE_VALUE = '\u0005';

/**
 * A marker for a value not known at synth time that a resource of the inputs produces (its
 * generated name, its id, an attribute) or that CloudFormation supplies (the account, the region):
 * never empty, and never a wildcard pattern. A parameter or an import may be either.
 */
export function unknownResourceValue(description: string): string {
  return `${OPEN}${RESOURCE_VALUE}${description}${CLOSE}`;
}

/** Marks an unknown value that is (part of) a name CloudFormation generates. */
const GENERATED_NAME = '\u0006';

/**
 * A marker for (a part of) a name CloudFormation generates (`<stack>-<logical id>-<suffix>`): a value a
 * resource produces, made only of letters, digits, `-` and `_`, so it fits wherever a name does.
 */
export function unknownGeneratedName(description: string): string {
  return `${OPEN}${GENERATED_NAME}${description}${CLOSE}`;
}

/** True for a token of `tokensOf` that is a value a resource produces (see `unknownResourceValue`). */
export function isResourceValueToken(token: string): boolean {
  return token.startsWith(`${OPEN}${RESOURCE_VALUE}`) || isGeneratedNameToken(token);
}

/** True for a token of `tokensOf` that is (part of) a generated name (see `unknownGeneratedName`). */
export function isGeneratedNameToken(token: string): boolean {
  return token.startsWith(`${OPEN}${GENERATED_NAME}`);
}

/** A marker's description, without its kind. */
function descriptionOf(inside: string): string {
  return inside.startsWith(RESOURCE_VALUE) || inside.startsWith(GENERATED_NAME) ? inside.slice(1) : inside;
}

/** True when the string may be empty: it is made only of unknown values that may be empty. */
export function mayBeEmpty(value: string): boolean {
  return tokensOf(value).every(token => isUnknownToken(token) && !isResourceValueToken(token));
}

/** True when the string contains a value not known at synth time. */
export function hasUnknown(value: string): boolean {
  return value.includes(OPEN);
}

/** The part of the string before its first unknown value. */
export function knownPrefix(value: string): string {
  const i = value.indexOf(OPEN);
  return i < 0 ? value : value.slice(0, i);
}

/** The part of the string after its last unknown value. */
export function knownSuffix(value: string): string {
  const i = value.lastIndexOf(CLOSE);
  return i < 0 ? value : value.slice(i + 1);
}

/**
 * What the checks judge, which decides how "not known" reads: templates before deployment (the
 * Aspect, the plugin, `lambda-trail check`), where a value is known only once deployed, or a live
 * account read from the AWS APIs (`lambda-trail audit` and `remediate`), where it is unknown because
 * it could not be read.
 */
export enum Judged {
  TEMPLATES = 'templates',
  LIVE = 'live',
}

/** Marks a phrase whose words depend on what is judged (`NOT_KNOWN`, `NOT_FULLY_KNOWN`, `NOT_KNOWN_BECAUSE`). */
const PHRASE_OPEN = '\u000e';
const PHRASE_CLOSE = '\u000f';

const PHRASES: Record<string, Record<Judged, string>> = {
  notKnown: { [Judged.TEMPLATES]: 'not known before deployment', [Judged.LIVE]: 'not known' },
  notFullyKnown: { [Judged.TEMPLATES]: 'not fully known before deployment', [Judged.LIVE]: 'not fully known' },
  notKnownBecause: { [Judged.TEMPLATES]: 'not known: ', [Judged.LIVE]: 'could not be read: ' },
};

/** "not known before deployment" in templates; "not known" in a live account (what is not known there could not be read). */
export const NOT_KNOWN = `${PHRASE_OPEN}notKnown${PHRASE_CLOSE}`;

/** "not fully known before deployment" in templates; "not fully known" in a live account. */
export const NOT_FULLY_KNOWN = `${PHRASE_OPEN}notFullyKnown${PHRASE_CLOSE}`;

/** Starts the list of what is not known, in parentheses: "not known: ", or in a live account "could not be read: ". */
export const NOT_KNOWN_BECAUSE = `${PHRASE_OPEN}notKnownBecause${PHRASE_CLOSE}`;

const PHRASE = new RegExp(`${PHRASE_OPEN}(\\w+)${PHRASE_CLOSE}`, 'g');

/** A value for people: unknown markers become `<description>`, and phrases are worded for what is judged (templates unless said). */
export function printable(value: string, judged: Judged = Judged.TEMPLATES): string {
  const worded = value.includes(PHRASE_OPEN) ? value.replace(PHRASE, (_match, key: string) => PHRASES[key][judged]) : value;
  if (!worded.includes(OPEN)) return worded;
  return worded.split(OPEN).map((part, i) => (i === 0 ? part : `<${descriptionOf(part.replace(CLOSE, '>'))}`)).join('');
}

/**
 * The string as tokens: one per character of its known parts, and one per unknown value (the whole
 * marker), so that equal unknown values compare as one equal token.
 */
export function tokensOf(value: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] === OPEN) {
      // Markers nest (an unknown list printed into another marker's description).
      let depth = 0;
      let stop = i;
      do {
        if (value[stop] === OPEN) depth++;
        else if (value[stop] === CLOSE) depth--;
        stop++;
      } while (depth > 0 && stop < value.length);
      tokens.push(value.slice(i, stop));
      i = stop;
    } else {
      tokens.push(value[i]);
      i++;
    }
  }
  return tokens;
}

/** True for a token of `tokensOf` that stands for an unknown value. */
export function isUnknownToken(token: string): boolean {
  return token.length > 1 || token === OPEN;
}

/**
 * The descriptions of the unknown values that may make a rule undecidable: parameters, imports, what
 * the AWS APIs would not give; not the ids and generated names resources produce (never empty, never
 * a pattern), which only name things.
 */
export function undecidableUnknownsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const part of value.split(OPEN).slice(1)) {
      if (!isResourceValueToken(`${OPEN}${part}`)) found.add(descriptionOf(part.slice(0, part.indexOf(CLOSE))));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) undecidableUnknownsIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) undecidableUnknownsIn(item, found);
  }
  return found;
}

/**
 * Splits a string on a separator outside its unknown values (whose descriptions may hold it, as
 * `AWS::Region` does), so an ARN with an unknown account still has six parts.
 */
export function splitOutsideUnknowns(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === OPEN) depth++;
    else if (c === CLOSE) depth--;
    if (depth === 0 && value.startsWith(separator, i) && separator.length > 0) {
      parts.push(current);
      current = '';
      i += separator.length - 1;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

/**
 * Exact comparison; equal strings match even when they hold unknown values (they are the same
 * token). Strings whose known prefixes or known suffixes differ are different, whatever the unknown
 * parts hold.
 */
export function valueEquals(value: string, expected: string): Ternary {
  if (value === expected) return true;
  if (!hasUnknown(value) && !hasUnknown(expected)) return false;
  if (!compatible(knownPrefix(value), knownPrefix(expected), 'prefix') || !compatible(knownSuffix(value), knownSuffix(expected), 'suffix')) return false;
  const fromStart = sameTokens(value, expected, 'prefix');
  const fromEnd = sameTokens(value, expected, 'suffix');
  return fromStart.differ || fromEnd.differ || fromStart.restOfA || fromStart.restOfB ? false : undefined;
}

/**
 * Reads two strings token by token from one end while their tokens are the same (a known character,
 * or the same unknown value, which is the same string): up to there the strings are equal. Then
 * `differ` when both go on with different known characters (different characters at the same
 * position), and `restOfA`/`restOfB` when one ended and the other goes on with a known character
 * (so it is longer). The value-domain automaton compares the same way; this is for one value.
 */
function sameTokens(a: string, b: string, end: 'prefix' | 'suffix'): { differ: boolean; restOfA: boolean; restOfB: boolean } {
  const ta = tokensOf(a);
  const tb = tokensOf(b);
  if (end === 'suffix') {
    ta.reverse();
    tb.reverse();
  }
  let i = 0;
  while (i < ta.length && i < tb.length && ta[i] === tb[i]) i++;
  const known = (tokens: string[]) => tokens.slice(i).some(t => !isUnknownToken(t));
  return {
    differ: i < ta.length && i < tb.length && !isUnknownToken(ta[i]) && !isUnknownToken(tb[i]),
    restOfA: i === tb.length && known(ta),
    restOfB: i === ta.length && known(tb),
  };
}

/** Whether two known prefixes (or suffixes) could belong to the same string. */
function compatible(a: string, b: string, end: 'prefix' | 'suffix'): boolean {
  const n = Math.min(a.length, b.length);
  return end === 'prefix' ? a.slice(0, n) === b.slice(0, n) : a.slice(a.length - n) === b.slice(b.length - n);
}

/** Does the value start with `prefix`? (see `valueAtEnd`) */
export function valueStartsWith(value: string, prefix: string): Ternary {
  return valueAtEnd(value, prefix, 'prefix');
}

/** Does the value end with `suffix`? (see `valueAtEnd`) */
export function valueEndsWith(value: string, suffix: string): Ternary {
  return valueAtEnd(value, suffix, 'suffix');
}

/**
 * Does the value hold `part` at one end (its start for 'prefix', its end for 'suffix')? Known when
 * the value's known characters at that end decide it, or when both are read token by token from that
 * end (an unknown value in `part` is the same string wherever it occurs); unknown otherwise.
 */
function valueAtEnd(value: string, part: string, end: 'prefix' | 'suffix'): Ternary {
  const holds = (whole: string, piece: string) => (end === 'prefix' ? whole.startsWith(piece) : whole.endsWith(piece));
  const knownEnd = end === 'prefix' ? knownPrefix : knownSuffix;
  if (hasUnknown(part)) {
    if (holds(value, part)) return true;
    if (!compatible(knownEnd(value), knownEnd(part), end)) return false;
    const read = sameTokens(value, part, end);
    return read.differ || read.restOfB ? false : undefined;
  }
  const known = knownEnd(value);
  if (known.length >= part.length || !hasUnknown(value)) return holds(known, part);
  return holds(part, known) ? undefined : false;
}
