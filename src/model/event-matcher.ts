// The one place that decides whether a trail's selectors record an event. Every Lambda and
// management-event rule, coverage and `lambda-trail remediate`'s plan ask it; nothing else interprets
// selectors (basic ones are read as the advanced selectors src/model/basic-selectors.ts says they mean).
import { basicAsAdvanced } from './basic-selectors';
import { managementEventsSelector } from './lambda-data-selector';
import { Memo } from './memo';
import { and, andThen, every, not, some, Ternary } from './ternary';
import { AdvancedSelector, FieldSelector, Operator, OPERATORS, readAdvancedSelectors, TrailModel } from './trail-model';
import { hasUnknown, knownPrefix, knownSuffix, valueEndsWith, valueEquals, valueStartsWith } from './unknown-value';
import { Domain, FieldVerdicts, verdictsOver } from './value-domain';

/**
 * A field of a probe event that takes every value of a domain, or some value of it: the question is
 * asked of a set of events. "Every invocation of every function this trail can see" is the ARNs of
 * the trail's domain under `every`; "some invocation" the same domain under `some`.
 */
export class FieldRange {
  /** Every value: any condition on the field that leaves out a value drops some events. */
  public static readonly ALL = new FieldRange('every', Domain.ANY);
  /** Some value: a condition on the field that keeps any value keeps some events. */
  public static readonly SOME = new FieldRange('some', Domain.ANY);

  public static every(domain: Domain): FieldRange {
    return new FieldRange('every', domain);
  }

  public static some(domain: Domain): FieldRange {
    return new FieldRange('some', domain);
  }

  private constructor(public readonly quantifier: 'every' | 'some', public readonly domain: Domain) {}
}

/** An event (or a set of events) to ask about: field name to value, CloudTrail's field names. */
export interface ProbeEvent {
  readonly fields: Readonly<Record<string, string | FieldRange>>;
  /** The range of every field not listed (who called, from where, ...). */
  readonly otherFields: FieldRange;
}

/**
 * `Invoke` is the event AWS documents for a Lambda invocation (AWS CloudTrail User Guide, "Logging data
 * events"; AWS Lambda Developer Guide, "Logging AWS Lambda API calls using AWS CloudTrail"). Some logs
 * also show `InvokeExecution` for asynchronous invocations; AWS does not document it, so a selector
 * that leaves it out still records every invocation.
 */
export const INVOKE = 'Invoke';

/**
 * Invocations (`Invoke` events, AWS Lambda Developer Guide, "Logging AWS Lambda API calls using AWS
 * CloudTrail") of the function with the given ARN, or of every or some function of a domain. Fields
 * a Lambda selector may also test (who invoked, from the console or not) range over `others`.
 */
export function invocationEvent(functionArn: string | FieldRange, others: FieldRange = FieldRange.ALL): ProbeEvent {
  return {
    fields: {
      'eventCategory': 'Data',
      'resources.type': 'AWS::Lambda::Function',
      'resources.ARN': functionArn,
      'readOnly': 'false',
      'eventName': INVOKE,
      'eventSource': 'lambda.amazonaws.com',
      'eventType': 'AwsApiCall',
    },
    otherFields: others,
  };
}

/**
 * Lambda data events, read-only or not, of the function with the given ARN or of every or some
 * function of a domain: every event name (`Invoke`, `GetFunction`, ...) and every caller, unless
 * `others` says some.
 */
export function lambdaDataEvent(functionArn: string | FieldRange, readOnly: boolean, others: FieldRange = FieldRange.ALL): ProbeEvent {
  return {
    fields: {
      'eventCategory': 'Data',
      'resources.type': 'AWS::Lambda::Function',
      'resources.ARN': functionArn,
      'readOnly': String(readOnly),
      'eventSource': 'lambda.amazonaws.com',
      'eventType': 'AwsApiCall',
    },
    otherFields: others,
  };
}

/**
 * Management events, read-only or not: every one of them (any event source, any event name) by
 * default, so that excluding a source (`eventSource NotEquals kms.amazonaws.com`,
 * `ExcludeManagementEventSources`) is a gap, as AWS Config's `multi-region-cloudtrail-enabled`
 * judges it; `FieldRange.SOME` asks whether any is recorded.
 */
export function managementEvent(readOnly: boolean, range: FieldRange = FieldRange.ALL): ProbeEvent {
  return {
    fields: { eventCategory: 'Management', readOnly: String(readOnly) },
    otherFields: range,
  };
}

/**
 * Would the trail's selectors record the event (every event of the set, or some)? `undefined` when
 * it depends on a value not known at synth. Region and account are not considered here (see
 * coverage), except through the domain of a `resources.ARN` range.
 */
export function recordsEvent(trail: TrailModel, event: ProbeEvent): Ternary {
  if (trail.selectorsUnknown) return undefined;
  return selectorsRecord(effectiveSelectors(trail), event);
}

/**
 * `recordsEvent` for selectors that are not a trail's (yet): the ones a planned change would leave, or
 * one selector of a trail. Basic selectors are given as `basicAsAdvanced` reads them.
 */
export function selectorsRecordEvent(selectors: readonly AdvancedSelector[], event: ProbeEvent): Ternary {
  return selectorsRecord(selectors, event);
}

const FAMILIES = new Memo<TrailModel, ProbeEvent, (value: string) => Ternary>();

/**
 * `recordsEvent` for the events of a family that differ only in the value of one field (the
 * invocations of one function after another: coverage asks it of every function). The selectors'
 * conditions on the other fields are judged once per trail and family, so a value costs only the
 * conditions on that field. `family` is a constant of the caller: the matchers are kept by it.
 */
export function recordsEventOfFamily(trail: TrailModel, family: ProbeEvent, field: string): (value: string) => Ternary {
  return FAMILIES.get(trail, family, () => familyMatcher(trail, family, field));
}

function familyMatcher(trail: TrailModel, family: ProbeEvent, field: string): (value: string) => Ternary {
  if (trail.selectorsUnknown) return () => undefined;
  // Per selector: its verdict on the other fields, and its conditions on the field.
  const prepared: { readonly others: Ternary; readonly onField: FieldSelector[] }[] = [];
  for (const selector of effectiveSelectors(trail)) {
    const others = concreteMatch(selector.fieldSelectors.filter(f => f.field !== field), family);
    // A condition on a field that takes a range of values: the general matcher answers.
    if (others.ranged) return value => recordsEvent(trail, { ...family, fields: { ...family.fields, [field]: value } });
    if (others.matches !== false) prepared.push({ others: others.matches, onField: selector.fieldSelectors.filter(f => f.field === field) });
  }
  return value => some(prepared, ({ others, onField }) => andThen(others, () => every(onField, f => fieldSelectorMatches(f, value))));
}

/**
 * A selector's field selectors ANDed over the event's concrete fields (three-valued: a field name
 * not known at synth is undefined); the fields that take a range of values are left out and listed.
 */
function concreteMatch(fieldSelectors: readonly FieldSelector[], event: ProbeEvent): { readonly matches: Ternary; readonly ranged?: string[] } {
  let matches: Ternary = true;
  let ranged: string[] | undefined;
  for (const fieldSelector of fieldSelectors) {
    if (hasUnknown(fieldSelector.field)) {
      matches = undefined;
      continue;
    }
    const value = fieldOf(event, fieldSelector.field);
    if (typeof value !== 'string') {
      (ranged ??= []).push(fieldSelector.field);
      continue;
    }
    const m = fieldSelectorMatches(fieldSelector, value);
    if (m === false) return { matches: false };
    if (m === undefined) matches = undefined;
  }
  return { matches, ranged };
}

const EFFECTIVE = new WeakMap<TrailModel, AdvancedSelector[]>();

/** What a trail without selectors records: management events, read and write (one array, so the matcher's caches serve every such trail). */
const WITHOUT_SELECTORS: AdvancedSelector[] = readAdvancedSelectors([managementEventsSelector()]);

/**
 * The trail's selectors as advanced selectors. Basic selectors mean the advanced selectors
 * `basicAsAdvanced` gives (src/model/basic-selectors.ts, their one reading); with no selectors at
 * all, CloudTrail records management events, read and write, and no data events.
 */
export function effectiveSelectors(trail: TrailModel): AdvancedSelector[] {
  let selectors = EFFECTIVE.get(trail);
  if (!selectors) {
    if (trail.advancedSelectors.length > 0) selectors = trail.advancedSelectors;
    else if (trail.basicSelectors.length > 0) selectors = trail.basicSelectors.flatMap(selector => basicAsAdvanced(selector));
    else selectors = WITHOUT_SELECTORS;
    EFFECTIVE.set(trail, selectors);
  }
  return selectors;
}

/**
 * The selectors are ORed, the field selectors of one selector ANDed. Concrete fields of the probe
 * are tested value by value (the fast path coverage takes for every function); fields with a range
 * are answered for their whole domain by `verdictsOver`, and the quantifiers combine the verdicts:
 * every value of the `every` fields, with some value of the `some` fields, must be recorded by one
 * selector.
 */
function selectorsRecord(selectors: readonly AdvancedSelector[], event: ProbeEvent): Ternary {
  // One pass over the concrete fields: a selector they satisfy with no ranged field records the
  // event outright (the common case, a few lookups per function).
  const concrete: Ternary[] = new Array(selectors.length);
  let ranged: Map<string, FieldRange> | undefined;
  let result: Ternary = false;
  for (let i = 0; i < selectors.length; i++) {
    const { matches, ranged: rangedFields } = concreteMatch(selectors[i].fieldSelectors, event);
    concrete[i] = matches;
    if (matches === false) continue;
    if (!rangedFields) {
      if (matches === true) return true;
      result = undefined;
      continue;
    }
    ranged ??= new Map();
    for (const field of rangedFields) ranged.set(field, fieldOf(event, field) as FieldRange);
  }
  if (!ranged) return result;
  const live = selectors.map((_s, i) => i).filter(i => concrete[i] !== false);
  if (ranged.size === 1) {
    const [[field, range]] = ranged;
    return oneRangedField(selectors, field, range, live, concrete);
  }
  const fields: { range: FieldRange; verdicts: Ternary[][] }[] = [];
  for (const [field, range] of ranged) {
    const verdicts = verdictsOf(selectors, field, range.domain);
    if (verdicts === undefined) return undefined;
    fields.push({ range, verdicts: verdicts.map(v => live.map(i => v[i])) });
  }
  const everyFields = fields.filter(f => f.range.quantifier === 'every');
  const someFields = fields.filter(f => f.range.quantifier === 'some');
  const recorded = (chosen: Ternary[][]) => some(live.map((i, j) => ({ i, j })), ({ i, j }) => and(concrete[i], ...chosen.map(v => v[j])));
  const overSome = (chosen: Ternary[][], rest: typeof someFields): Ternary => (rest.length === 0
    ? recorded(chosen)
    : some(rest[0].verdicts, v => overSome([...chosen, v], rest.slice(1))));
  const overEvery = (chosen: Ternary[][], rest: typeof everyFields): Ternary => (rest.length === 0
    ? overSome(chosen, someFields)
    : every(rest[0].verdicts, v => overEvery([...chosen, v], rest.slice(1))));
  return overEvery([], everyFields);
}

const VERDICTS = new Memo<readonly AdvancedSelector[], string, Ternary[][] | undefined>();
const ONE_FIELD = new Memo<readonly AdvancedSelector[], string, Ternary>();

/**
 * The answer when one field of the probe has a range (the ARN of "every function this trail can see",
 * the common question): one verdict decides it (a value no live selector records, for `every`; one
 * some selector records, for `some`), so the domain is walked only until one is found. Cached per
 * selectors, quantifier, domain and what the concrete fields left of each selector.
 */
function oneRangedField(
  selectors: readonly AdvancedSelector[], field: string, range: FieldRange, live: readonly number[], concrete: readonly Ternary[],
): Ternary {
  const key = `${field}\u0000${range.quantifier}\u0000${range.domain.key}\u0000${live.map(i => `${i}${concrete[i] === true ? 'T' : '?'}`).join(',')}`;
  return ONE_FIELD.get(selectors, key, () => {
    const recorded = (verdict: readonly Ternary[]) => some(live, i => and(concrete[i], verdict[i]));
    const decisive = range.quantifier === 'some';
    const full = VERDICTS.peek(selectors, `${field}\u0000${range.domain.key}`);
    const verdicts = full ?? fieldVerdicts(selectors, field).over(range.domain, v => recorded(v) === decisive);
    if (verdicts === undefined) return undefined;
    return range.quantifier === 'every' ? every(verdicts, recorded) : some(verdicts, recorded);
  });
}

/** The verdicts of every selector over the values of a domain of one field, cached per selectors. */
function verdictsOf(selectors: readonly AdvancedSelector[], field: string, domain: Domain): Ternary[][] | undefined {
  return VERDICTS.get(selectors, `${field}\u0000${domain.key}`, () => fieldVerdicts(selectors, field).over(domain));
}

const COMPILED_FIELDS = new Memo<readonly AdvancedSelector[], string, FieldVerdicts>();

/** The selectors' conditions on one field, compiled once per selectors (the analyses of a trail ask several domains). */
function fieldVerdicts(selectors: readonly AdvancedSelector[], field: string): FieldVerdicts {
  return COMPILED_FIELDS.get(selectors, field, () => new FieldVerdicts(selectors.map(s => s.fieldSelectors.filter(f => f.field === field))));
}

function fieldOf(event: ProbeEvent, field: string): string | FieldRange {
  return event.fields[field] ?? event.otherFields;
}

const POSITIVE = [['Equals', valueEquals], ['StartsWith', valueStartsWith], ['EndsWith', valueEndsWith]] as const;
const NEGATIVE = [['NotEquals', valueEquals], ['NotStartsWith', valueStartsWith], ['NotEndsWith', valueEndsWith]] as const;

/** Inclusion operators are ORed with each other and their values; exclusions are ANDed. */
export function fieldSelectorMatches(selector: FieldSelector, value: string | FieldRange): Ternary {
  if (typeof value !== 'string') {
    const verdicts = verdictsOver(value.domain, [[selector]]);
    if (verdicts === undefined) return undefined;
    return value.quantifier === 'every' ? every(verdicts, v => v[0]) : some(verdicts, v => v[0]);
  }
  const compiled = compile(selector);
  if (compiled.known && !hasUnknown(value)) {
    return (!compiled.hasPositive || compiled.positive.matches(value)) && !compiled.negative.matches(value);
  }
  // Unknown values: only the operands whose known prefix (or suffix) is compatible with the value's
  // can match it or might; every other one certainly does not (see valueEquals, valueStartsWith,
  // valueEndsWith), so a generated-name ARN is tested against a few operands, not all of them.
  const included = compiled.hasPositive ? someCandidate(compiled, POSITIVE, value) : true;
  if (included === false) return false;
  const excluded = compiled.hasNegative ? someCandidate(compiled, NEGATIVE, value) : false;
  return and(included, not(excluded));
}

/** Whether some operand of the operators, among the candidates for the value, matches it (three-valued). */
function someCandidate(compiled: CompiledFieldSelector, operators: typeof POSITIVE | typeof NEGATIVE, value: string): Ternary {
  let result: Ternary = false;
  for (const [op, test] of operators) {
    const index = compiled.candidates[op];
    if (index.empty) continue;
    for (const operand of index.candidates(value)) {
      const m = test(value, operand);
      if (m === true) return true;
      if (m === undefined) result = undefined;
    }
  }
  return result;
}

/**
 * Operands by their known prefix (or suffix): the ones whose known end is compatible with a value's
 * (one is a prefix of the other), found by a lookup per distinct length and a binary search,
 * whatever the number of operands.
 */
class CandidateIndex {
  private readonly byLength = new Map<number, Map<string, string[]>>();
  private readonly sorted: { key: string; value: string }[];

  constructor(values: readonly string[], private readonly end: 'prefix' | 'suffix') {
    this.sorted = values.map(value => ({ key: this.keyOf(value), value })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { key, value } of this.sorted) {
      const byKey = this.byLength.get(key.length) ?? new Map<string, string[]>();
      const list = byKey.get(key);
      if (list) list.push(value);
      else byKey.set(key, [value]);
      this.byLength.set(key.length, byKey);
    }
  }

  /** No operands. */
  public get empty(): boolean {
    return this.sorted.length === 0;
  }

  /** The operands whose known end is a prefix of the value's, or has the value's as a prefix. */
  public candidates(value: string): string[] {
    if (this.sorted.length === 0) return [];
    const key = this.keyOf(value);
    const found: string[] = [];
    for (const [length, byKey] of this.byLength) {
      if (length < key.length) found.push(...byKey.get(key.slice(0, length)) ?? []);
    }
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (this.sorted[mid].key < key) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.sorted.length && this.sorted[i].key.startsWith(key); i++) found.push(this.sorted[i].value);
    return found;
  }

  private keyOf(value: string): string {
    return this.end === 'prefix' ? knownPrefix(value) : [...knownSuffix(value)].reverse().join('');
  }
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
  /** Per operator, its operands by known prefix (Equals, StartsWith) or known suffix (EndsWith). */
  readonly candidates: Record<Operator, CandidateIndex>;
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
      candidates: Object.fromEntries(OPERATORS.map(op => [op, new CandidateIndex(ops[op] ?? [], op.endsWith('EndsWith') ? 'suffix' : 'prefix')])) as Record<Operator, CandidateIndex>,
    };
    compiledSelectors.set(selector, compiled);
  }
  return compiled;
}
