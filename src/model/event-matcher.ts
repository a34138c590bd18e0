// The one place that decides whether a trail's selectors record an event. Every Lambda and
// management-event rule, and coverage, asks it; nothing else interprets selectors.
import { and, every, not, or, some, Ternary } from './ternary';
import { AdvancedSelector, BasicSelector, FieldSelector, TrailModel } from './trail-model';
import { hasUnknown, knownPrefix, knownSuffix } from './unknown-value';

/**
 * A field of a probe event whose value is not one string: the question is asked of a set of events.
 * - `ALL`: every value must be recorded (any condition on the field drops some events);
 * - `SOME`: some value suffices (any condition on the field keeps some events);
 * - `EXCLUSIONS`: most values: exclusions (Not*) keep the rest, an inclusion drops most events.
 */
export enum FieldRange {
  ALL = 'ALL',
  SOME = 'SOME',
  EXCLUSIONS = 'EXCLUSIONS',
}

/** An event (or a set of events) to ask about: field name to value, CloudTrail's field names. */
export interface ProbeEvent {
  readonly fields: Readonly<Record<string, string | FieldRange>>;
  /** The range of every field not listed. */
  readonly otherFields: FieldRange;
}

/** An invocation of the function with the given ARN (or of all or some functions). */
export function invocationEvent(functionArn: string | FieldRange, eventName: string): ProbeEvent {
  return {
    fields: {
      'eventCategory': 'Data',
      'resources.type': 'AWS::Lambda::Function',
      'resources.ARN': functionArn,
      'readOnly': 'false',
      'eventName': eventName,
      'eventSource': 'lambda.amazonaws.com',
      'eventType': 'AwsApiCall',
    },
    otherFields: FieldRange.ALL,
  };
}

/** A read-only Lambda data event of some function. */
export function readOnlyLambdaEvent(): ProbeEvent {
  return {
    fields: {
      'eventCategory': 'Data',
      'resources.type': 'AWS::Lambda::Function',
      'resources.ARN': FieldRange.SOME,
      'readOnly': 'true',
      'eventName': FieldRange.SOME,
      'eventSource': 'lambda.amazonaws.com',
    },
    otherFields: FieldRange.EXCLUSIONS,
  };
}

/** Management events, read-only or not. */
export function managementEvent(readOnly: boolean): ProbeEvent {
  return {
    fields: { eventCategory: 'Management', readOnly: String(readOnly) },
    otherFields: FieldRange.EXCLUSIONS,
  };
}

/**
 * Would the trail's selectors record the event? `undefined` when it depends on a value not known at synth.
 * Region and account are not considered here (see coverage).
 */
export function recordsEvent(trail: TrailModel, event: ProbeEvent): Ternary {
  if (trail.selectorsUnknown) return undefined;
  if (trail.advancedSelectors.length > 0) {
    return some(trail.advancedSelectors, selector => advancedSelectorMatches(selector, event));
  }
  if (trail.basicSelectors.length > 0) {
    return some(trail.basicSelectors, selector => basicSelectorMatches(selector, event));
  }
  // With no selectors at all, CloudTrail records management events, read and write, and no data events.
  return valueEquals(fieldOf(event, 'eventCategory'), 'Management');
}

function fieldOf(event: ProbeEvent, field: string): string | FieldRange {
  return event.fields[field] ?? event.otherFields;
}

export function advancedSelectorMatches(selector: AdvancedSelector, event: ProbeEvent): Ternary {
  return every(selector.fieldSelectors, fieldSelector => fieldSelectorMatches(fieldSelector, fieldOf(event, fieldSelector.field)));
}

const POSITIVE = [['Equals', valueEquals], ['StartsWith', valueStartsWith], ['EndsWith', valueEndsWith]] as const;
const NEGATIVE = [['NotEquals', valueEquals], ['NotStartsWith', valueStartsWith], ['NotEndsWith', valueEndsWith]] as const;

/** Inclusion operators are ORed with each other and their values; exclusions are ANDed. */
export function fieldSelectorMatches(selector: FieldSelector, value: string | FieldRange): Ternary {
  const compiled = compile(selector);
  if (value === FieldRange.ALL) return !compiled.hasPositive && !compiled.hasNegative;
  if (value === FieldRange.SOME) return true;
  if (value === FieldRange.EXCLUSIONS) return !compiled.hasPositive;
  if (compiled.known && !hasUnknown(value)) {
    return (!compiled.hasPositive || compiled.positive.matches(value)) && !compiled.negative.matches(value);
  }
  const included = compiled.hasPositive
    ? some(POSITIVE, ([op, test]) => some(selector.operators[op] ?? [], v => test(value, v)))
    : true;
  const excluded = some(NEGATIVE, ([op, test]) => some(selector.operators[op] ?? [], v => test(value, v)));
  return and(included, not(excluded));
}

/**
 * Exact, prefix and suffix values in sets keyed by length, so that a value is tested against a
 * list of hundreds of function ARNs in a few lookups. Only for operands without unknown values.
 */
class ValueIndex {
  private static add(byLength: Map<number, Set<string>>, value: string): void {
    const set = byLength.get(value.length) ?? new Set<string>();
    set.add(value);
    byLength.set(value.length, set);
  }

  private readonly exact = new Set<string>();
  private readonly prefixes = new Map<number, Set<string>>();
  private readonly suffixes = new Map<number, Set<string>>();

  constructor(equals: string[], startsWith: string[], endsWith: string[]) {
    equals.forEach(v => this.exact.add(v));
    startsWith.forEach(v => ValueIndex.add(this.prefixes, v));
    endsWith.forEach(v => ValueIndex.add(this.suffixes, v));
  }

  public matches(value: string): boolean {
    if (this.exact.has(value)) return true;
    for (const [length, set] of this.prefixes) {
      if (length <= value.length && set.has(value.slice(0, length))) return true;
    }
    for (const [length, set] of this.suffixes) {
      if (length <= value.length && set.has(value.slice(value.length - length))) return true;
    }
    return false;
  }
}

interface CompiledFieldSelector {
  readonly hasPositive: boolean;
  readonly hasNegative: boolean;
  /** True when no operand holds an unknown value, so the indexes answer exactly. */
  readonly known: boolean;
  readonly positive: ValueIndex;
  readonly negative: ValueIndex;
}

const compiledSelectors = new WeakMap<FieldSelector, CompiledFieldSelector>();

function compile(selector: FieldSelector): CompiledFieldSelector {
  let compiled = compiledSelectors.get(selector);
  if (!compiled) {
    const ops = selector.operators;
    compiled = {
      hasPositive: POSITIVE.some(([op]) => ops[op] !== undefined),
      hasNegative: NEGATIVE.some(([op]) => ops[op] !== undefined),
      known: !Object.values(ops).some(values => (values ?? []).some(hasUnknown)),
      positive: new ValueIndex(ops.Equals ?? [], ops.StartsWith ?? [], ops.EndsWith ?? []),
      negative: new ValueIndex(ops.NotEquals ?? [], ops.NotStartsWith ?? [], ops.NotEndsWith ?? []),
    };
    compiledSelectors.set(selector, compiled);
  }
  return compiled;
}

function basicSelectorMatches(selector: BasicSelector, event: ProbeEvent): Ternary {
  const readOnly = fieldOf(event, 'readOnly');
  const readWrite = readWriteMatches(selector.readWriteType, readOnly);
  const category = fieldOf(event, 'eventCategory');
  if (category === 'Management') return and(selector.includeManagementEvents, readWrite);
  if (category !== 'Data') return false;
  const type = fieldOf(event, 'resources.type');
  const arn = fieldOf(event, 'resources.ARN');
  return and(readWrite, or(...selector.dataResources.map(resource => and(
    typeof type === 'string' ? valueEquals(type, resource.type) : undefined,
    or(...resource.values.map(value => basicValueMatches(value, arn))),
  ))));
}

function readWriteMatches(readWriteType: string, readOnly: string | FieldRange): Ternary {
  if (readWriteType === 'All') return true;
  if (hasUnknown(readWriteType)) return undefined;
  if (readOnly === FieldRange.ALL) return false;
  if (readOnly === FieldRange.SOME || readOnly === FieldRange.EXCLUSIONS) return true;
  return readWriteType === (readOnly === 'true' ? 'ReadOnly' : 'WriteOnly');
}

/** A basic data resource value: `arn:<partition>:lambda` means every function, anything else is an exact ARN. */
function basicValueMatches(value: string, arn: string | FieldRange): Ternary {
  const everyFunction = /^arn:[a-z-]+:lambda$/.test(value);
  if (arn === FieldRange.ALL) return everyFunction ? true : (hasUnknown(value) ? undefined : false);
  if (arn === FieldRange.SOME || arn === FieldRange.EXCLUSIONS) return true;
  if (everyFunction) return valueEquals(arn.split(':').slice(0, 3).join(':'), value);
  return valueEquals(arn, value);
}

/**
 * Exact comparison; equal strings match even when they hold unknown values (they are the same
 * token). Strings whose known prefixes or known suffixes differ are different, whatever the unknown
 * parts hold.
 */
export function valueEquals(value: string | FieldRange, expected: string): Ternary {
  if (typeof value !== 'string') return fieldSelectorMatches({ field: '', operators: { Equals: [expected] } }, value);
  if (value === expected) return true;
  if (!hasUnknown(value) && !hasUnknown(expected)) return false;
  return compatible(knownPrefix(value), knownPrefix(expected), 'prefix') && compatible(knownSuffix(value), knownSuffix(expected), 'suffix') ? undefined : false;
}

/** Whether two known prefixes (or suffixes) could belong to the same string. */
function compatible(a: string, b: string, end: 'prefix' | 'suffix'): boolean {
  const n = Math.min(a.length, b.length);
  return end === 'prefix' ? a.slice(0, n) === b.slice(0, n) : a.slice(a.length - n) === b.slice(b.length - n);
}

export function valueStartsWith(value: string, prefix: string): Ternary {
  if (hasUnknown(prefix)) {
    if (value.startsWith(prefix)) return true;
    return compatible(knownPrefix(value), knownPrefix(prefix), 'prefix') ? undefined : false;
  }
  const known = knownPrefix(value);
  if (known.length >= prefix.length || !hasUnknown(value)) return known.startsWith(prefix);
  return prefix.startsWith(known) ? undefined : false;
}

export function valueEndsWith(value: string, suffix: string): Ternary {
  if (hasUnknown(suffix)) {
    if (value.endsWith(suffix)) return true;
    return compatible(knownSuffix(value), knownSuffix(suffix), 'suffix') ? undefined : false;
  }
  const known = knownSuffix(value);
  if (known.length >= suffix.length || !hasUnknown(value)) return known.endsWith(suffix);
  return suffix.endsWith(known) ? undefined : false;
}
