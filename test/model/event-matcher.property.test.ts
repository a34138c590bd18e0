// The event matcher against an oracle written from AWS's documented selector semantics, on
// generated selectors and events: concrete events (every field a string); sets of events (every or
// some ARN a trail can see, every or some caller), which the oracle enumerates over a finite
// universe of values; values not known at synth (generated names, env-agnostic regions and
// accounts, parameters), which the oracle instantiates; and CloudFormation conditions, which the
// oracle resolves scenario by scenario.
import * as fc from 'fast-check';
import { judgeTemplates } from '../../src/engine/judge';
import { CoverageStatus } from '../../src/model/coverage-status';
import { FieldRange, fieldSelectorMatches, ProbeEvent, recordsEvent, recordsEventOfFamily } from '../../src/model/event-matcher';
import { functionArnDomain } from '../../src/model/lambda-scope';
import { and, not, some, Ternary } from '../../src/model/ternary';
import { OPERATORS, trailModelFromProperties } from '../../src/model/trail-model';
import { unknownGeneratedName, unknownResourceValue, unknownValue, valueEndsWith, valueEquals, valueStartsWith } from '../../src/model/unknown-value';
import { ACCOUNT_DIGIT, hole, REGION_CHARACTER } from '../../src/model/value-domain';

const WHERE = { account: '111111111111', region: 'us-east-1', partition: 'aws' };
const FN_A = 'arn:aws:lambda:us-east-1:111111111111:function:a';
const FN_B = 'arn:aws:lambda:us-east-1:111111111111:function:b';

/** Per field: the real values of events and prefixes, suffixes and fragments of them. */
const ALPHABETS: Record<string, string[]> = {
  'eventCategory': ['Data', 'Management', 'Da', 'ta', 'Manage', 'ment', 'a'],
  'resources.type': ['AWS::Lambda::Function', 'AWS::S3::Object', 'AWS::', 'AWS::Lambda', '::Function', 'Object'],
  'resources.ARN': [
    FN_A, FN_B, `${FN_A}:prod`, 'arn:aws:lambda:eu-west-1:111111111111:function:a', 'arn:aws:lambda:us-east-1:222222222222:function:b',
    'arn:aws:lambda', 'arn:aws:lambda:', 'arn:aws:lambda:us-east-1:', 'arn:aws:lambda:eu-west-1:', 'arn:aws:lambda:us-east-1:111111111111:function:',
    'arn:aws:lambda:eu-west-1:222222222222:function:', ':function:a', '1:function:b', ':a', 'a', 'b', ':prod', 'arn:aws:s3:::bucket/key',
  ],
  'readOnly': ['true', 'false', 't', 'f', 'rue', 'alse', 'e'],
  'eventName': ['Invoke', 'InvokeExecution', 'Inv', 'Execution', 'Invoke', 'GetFunction', 'e'],
  'eventSource': ['lambda.amazonaws.com', 's3.amazonaws.com', 'lambda', '.amazonaws.com', 'amazonaws.com'],
  'userIdentity.arn': ['arn:aws:iam::111111111111:role/batch', 'arn:aws:iam::111111111111:role/', 'arn:aws:sts::', 'role/batch', 'batch', 'arn:'],
  'sessionCredentialFromConsole': ['true', 'false'],
  'eventType': ['AwsApiCall', 'AwsServiceEvent', 'Aws'],
};
const FIELDS = Object.keys(ALPHABETS);

type Op = typeof OPERATORS[number];
interface Condition { readonly field: string; readonly operators: Partial<Record<Op, string[]>> }

const arbCondition: fc.Arbitrary<Condition> = fc.constantFrom(...FIELDS).chain(field => fc.record({
  field: fc.constant(field),
  operators: fc.uniqueArray(fc.constantFrom(...OPERATORS), { minLength: 1, maxLength: 3 }).chain(ops => fc.tuple(
    ...ops.map(op => fc.tuple(fc.constant(op), fc.uniqueArray(fc.constantFrom(...ALPHABETS[field]), { minLength: 1, maxLength: 3 }))),
  )).map(entries => Object.fromEntries(entries) as Partial<Record<Op, string[]>>),
}));

const arbSelector = fc.array(arbCondition, { minLength: 1, maxLength: 4 });
const arbSelectors = fc.array(arbSelector, { minLength: 1, maxLength: 3 });
const arbEvent: fc.Arbitrary<Record<string, string>> = fc.record(
  Object.fromEntries(FIELDS.map(field => [field, fc.constantFrom(...ALPHABETS[field])])),
) as fc.Arbitrary<Record<string, string>>;

// The oracle, from the CloudTrail documentation of AdvancedFieldSelector: the values of one
// operator are ORed; Equals, StartsWith and EndsWith of a field are ORed with each other; the Not*
// operators are ANDed (the value must avoid every one); the conditions of a selector are ANDed;
// selectors are ORed.
const TESTS: Record<Op, (value: string, operand: string) => boolean> = {
  Equals: (v, x) => v === x,
  StartsWith: (v, x) => v.startsWith(x),
  EndsWith: (v, x) => v.endsWith(x),
  NotEquals: (v, x) => v !== x,
  NotStartsWith: (v, x) => !v.startsWith(x),
  NotEndsWith: (v, x) => !v.endsWith(x),
};

function oracleCondition(condition: Condition, value: string): boolean {
  const ops = Object.keys(condition.operators) as Op[];
  const inclusions = ops.filter(op => !op.startsWith('Not'));
  const exclusions = ops.filter(op => op.startsWith('Not'));
  const included = inclusions.length === 0 || inclusions.some(op => condition.operators[op]!.some(x => TESTS[op](value, x)));
  const notExcluded = exclusions.every(op => condition.operators[op]!.every(x => TESTS[op](value, x)));
  return included && notExcluded;
}

function oracleSelectors(selectors: Condition[][], event: Record<string, string>): boolean {
  return selectors.some(selector => selector.every(condition => oracleCondition(condition, event[condition.field])));
}

function toCloudFormation(selectors: Condition[][]): any[] {
  return selectors.map(selector => ({ FieldSelectors: selector.map(c => ({ Field: c.field, ...c.operators })) }));
}

function probe(event: Record<string, string>): ProbeEvent {
  return { fields: event, otherFields: FieldRange.ALL };
}

// FC_RUNS raises the runs for a deeper search (e.g. FC_RUNS=5000 npx jest test/model/event-matcher.property.test.ts);
// FC_SEED replays the seed a failure printed.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 500), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
/** Fewer runs where the oracle enumerates a domain in every instantiation of the unknown values. */
const INSTANTIATED_RUNS = { numRuns: Math.ceil(RUNS.numRuns / 4) };

describe('advanced selectors (property-based)', () => {
  test('fieldSelectorMatches agrees with the documented semantics of one condition', () => {
    fc.assert(fc.property(arbCondition, arbEvent, (condition, event) => {
      expect(fieldSelectorMatches(condition, event[condition.field])).toBe(oracleCondition(condition, event[condition.field]));
    }), RUNS);
  });

  test('recordsEvent agrees with the documented semantics of a trail\'s selectors', () => {
    fc.assert(fc.property(arbSelectors, arbEvent, (selectors, event) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      expect(recordsEvent(trail, probe(event))).toBe(oracleSelectors(selectors, event));
    }), RUNS);
  });

  test('the answer does not depend on otherFields when every selector field has a value', () => {
    const arbRange = fc.constantFrom(FieldRange.ALL, FieldRange.SOME);
    fc.assert(fc.property(arbSelectors, arbEvent, arbRange, (selectors, event, other) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      expect(recordsEvent(trail, { fields: event, otherFields: other })).toBe(recordsEvent(trail, probe(event)));
    }), RUNS);
  });

  test('selector order does not matter', () => {
    fc.assert(fc.property(arbSelectors, arbEvent, (selectors, event) => {
      const forward = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      const backward = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation([...selectors].reverse()) }, WHERE);
      expect(recordsEvent(backward, probe(event))).toBe(recordsEvent(forward, probe(event)));
    }), RUNS);
  });
});

// Basic selectors, from the CloudTrail documentation of EventSelector and DataResource:
// ReadWriteType filters both management and data events; IncludeManagementEvents decides management
// events; a Lambda DataResource value `arn:<partition>:lambda` records every function, a function ARN
// records that function only; selectors are ORed.
interface Basic {
  readonly ReadWriteType: 'All' | 'ReadOnly' | 'WriteOnly';
  readonly IncludeManagementEvents: boolean;
  readonly DataResources: { Type: string; Values: string[] }[];
}

const arbBasic: fc.Arbitrary<Basic> = fc.record({
  ReadWriteType: fc.constantFrom('All' as const, 'ReadOnly' as const, 'WriteOnly' as const),
  IncludeManagementEvents: fc.boolean(),
  DataResources: fc.array(fc.oneof(
    fc.record({ Type: fc.constant('AWS::Lambda::Function'), Values: fc.uniqueArray(fc.constantFrom('arn:aws:lambda', FN_A, FN_B), { minLength: 1, maxLength: 3 }) }),
    fc.record({ Type: fc.constant('AWS::S3::Object'), Values: fc.constant(['arn:aws:s3']) }),
  ), { maxLength: 2 }),
});

const arbBasicEvent = fc.oneof(
  fc.record({ eventCategory: fc.constant('Management'), readOnly: fc.constantFrom('true', 'false') }),
  fc.record({
    'eventCategory': fc.constant('Data'),
    'readOnly': fc.constantFrom('true', 'false'),
    'resources.type': fc.constant('AWS::Lambda::Function'),
    'resources.ARN': fc.constantFrom(FN_A, FN_B, 'arn:aws:lambda:us-east-1:111111111111:function:c'),
    'eventName': fc.constant('Invoke'),
  }),
) as fc.Arbitrary<Record<string, string>>;

function oracleBasic(selectors: Basic[], event: Record<string, string>): boolean {
  return selectors.some(selector => {
    const rw = selector.ReadWriteType === 'All' || (selector.ReadWriteType === 'ReadOnly') === (event.readOnly === 'true');
    if (!rw) return false;
    if (event.eventCategory === 'Management') return selector.IncludeManagementEvents;
    return selector.DataResources.some(resource => resource.Type === event['resources.type']
      && resource.Values.some(value => value === 'arn:aws:lambda' || value === event['resources.ARN']));
  });
}

describe('basic selectors (property-based)', () => {
  test('recordsEvent agrees with the documented semantics', () => {
    fc.assert(fc.property(fc.array(arbBasic, { minLength: 1, maxLength: 3 }), arbBasicEvent, (selectors, event) => {
      const trail = trailModelFromProperties({ EventSelectors: selectors }, WHERE);
      expect(recordsEvent(trail, probe(event))).toBe(oracleBasic(selectors, event));
    }), RUNS);
  });
});

// Sets of events: every (or some) ARN a trail can see, every (or some) caller. The oracle enumerates
// a universe of values for each field: the ARNs of the trail's domain over the regions, accounts and
// names below (one region, account and name no selector value mentions among them, so that a
// condition that keeps only named values never covers the domain), and for a field of any value the
// alphabet's values with a character before or after. The matcher reasons over the infinite domain;
// the two must agree exactly.
const REGIONS = ['us-east-1', 'eu-west-1', 'zz-west-9'];
// With accounts that share all but their first or last digit with the ones selector values name, so
// that a suffix or prefix condition on the account has a witness that is another account.
const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '211111111111', '111111111112', '122222222222', '222222222221'];
const BASE_NAMES = ['a', 'b', 'z', 'prod', 'aa', 'ab', 'ba', 'bb', 'az', 'za', 'bz', 'zb', 'zprod', 'prodz'];
const QUALIFIERS = ['prod', 'z', 'a', 'prodz', 'zprod', '$LATEST'];
const NAMES = [...BASE_NAMES, ...['a', 'b', 'z'].flatMap(name => QUALIFIERS.map(q => `${name}:${q}`))];
/** A function name, with a version or alias (what the matcher's domain of function ARNs holds). */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;

/** The names a selector's values end with (after `:function:`), so that a universe holds the functions they name. */
function namesIn(selectors: Condition[][]): string[] {
  const values = selectors.flatMap(selector => selector.flatMap(c => Object.values(c.operators).flatMap(v => v!)));
  const fragments = [...new Set(['z', 'a', 'b', ...values.flatMap(v => [v.split(':function:').slice(1).join(':function:'), v])])];
  // A name and a qualifier read off a value's colon-separated parts (`function:a` in `...:function:function:a`,
  // a function named function with the alias a): the values the matcher's domain holds that end like a selector value.
  const colonRuns = values.flatMap(v => {
    const parts = v.split(':');
    return parts.flatMap((_p, i) => [parts[i], parts.slice(i, i + 2).join(':')]);
  });
  return [...new Set([...fragments.flatMap(f => [f, ...fragments.map(g => `${f}${g}`)]), ...colonRuns])].filter(name => FUNCTION_NAME.test(name));
}
const RANGED_OTHER = 'userIdentity.arn';

interface Scope { readonly region?: string; readonly account?: string }

function arnUniverse(scope: Scope, extraNames: string[] = []): string[] {
  const names = [...new Set([...NAMES, ...extraNames])];
  return (scope.region ? [scope.region] : REGIONS).flatMap(region => (scope.account ? [scope.account] : ACCOUNTS)
    .flatMap(account => names.map(name => `arn:aws:lambda:${region}:${account}:function:${name}`)));
}

function anyUniverse(field: string): string[] {
  const alphabet = ALPHABETS[field];
  return [...new Set(['', 'z', ...alphabet.flatMap(v => [v, `${v}z`, `z${v}`, ...alphabet.map(w => `${v}z${w}`)])])];
}

function matcherDomain(scope: Scope) {
  return functionArnDomain('aws', scope.region ?? hole(REGION_CHARACTER, 1, Infinity, '<region>'), scope.account ?? hole(ACCOUNT_DIGIT, 12, 12, '<account>'));
}

const arbScope: fc.Arbitrary<Scope> = fc.record({
  region: fc.constantFrom(undefined, 'us-east-1', 'eu-west-1'),
  account: fc.constantFrom(undefined, '111111111111', '222222222222'),
});
const arbQuantifier = fc.constantFrom<'every' | 'some'>('every', 'some');
const rangeOf = (quantifier: 'every' | 'some', domain: ReturnType<typeof matcherDomain> | typeof FieldRange.ALL.domain) =>
  (quantifier === 'every' ? FieldRange.every(domain) : FieldRange.some(domain));

/** ∀ over the `every` fields, then ∃ over the `some` fields, as the matcher quantifies. */
function oracleOverSets(selectors: Condition[][], event: Record<string, string>, sets: { field: string; quantifier: 'every' | 'some'; values: string[] }[]): boolean {
  const ordered = [...sets.filter(s => s.quantifier === 'every'), ...sets.filter(s => s.quantifier === 'some')];
  const go = (i: number, e: Record<string, string>): boolean => {
    if (i === ordered.length) return oracleSelectors(selectors, e);
    const { field, quantifier, values } = ordered[i];
    return quantifier === 'every' ? values.every(v => go(i + 1, { ...e, [field]: v })) : values.some(v => go(i + 1, { ...e, [field]: v }));
  };
  return go(0, event);
}

describe('sets of events: every or some ARN of a trail\'s domain, every or some caller (property-based)', () => {
  test('recordsEvent agrees with the oracle over the ARNs a trail can see', () => {
    fc.assert(fc.property(arbSelectors, arbEvent, arbScope, arbQuantifier, (selectors, event, scope, quantifier) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      const events: ProbeEvent = { fields: { ...event, 'resources.ARN': rangeOf(quantifier, matcherDomain(scope)) }, otherFields: FieldRange.ALL };
      const expected = oracleOverSets(selectors, event, [{ field: 'resources.ARN', quantifier, values: arnUniverse(scope, namesIn(selectors)) }]);
      expect(recordsEvent(trail, events)).toBe(expected);
    }), RUNS);
  });

  test('recordsEvent agrees with the oracle when the caller ranges too (every function, some or every caller)', () => {
    fc.assert(fc.property(arbSelectors, arbEvent, arbScope, arbQuantifier, arbQuantifier, (selectors, event, scope, qArn, qCaller) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      const { [RANGED_OTHER]: _caller, ...fields } = event;
      const events: ProbeEvent = { fields: { ...fields, 'resources.ARN': rangeOf(qArn, matcherDomain(scope)) }, otherFields: rangeOf(qCaller, FieldRange.ALL.domain) };
      const expected = oracleOverSets(selectors, fields, [
        { field: 'resources.ARN', quantifier: qArn, values: arnUniverse(scope, namesIn(selectors)) },
        { field: RANGED_OTHER, quantifier: qCaller, values: anyUniverse(RANGED_OTHER) },
      ]);
      expect(recordsEvent(trail, events)).toBe(expected);
    }), RUNS);
  });

  test('a single condition over every or some value of any string agrees with the oracle', () => {
    fc.assert(fc.property(arbCondition, arbQuantifier, (condition, quantifier) => {
      const values = anyUniverse(condition.field);
      const expected = quantifier === 'every' ? values.every(v => oracleCondition(condition, v)) : values.some(v => oracleCondition(condition, v));
      expect(fieldSelectorMatches(condition, rangeOf(quantifier, FieldRange.ALL.domain))).toBe(expected);
    }), RUNS);
  });
});

// Values not known at synth. A generated name (`<stack>-<logical id>-<suffix>`), the env-agnostic
// account and region, and a parameter in a selector value are unknown markers; the oracle
// instantiates each marker with candidate values (the same marker always with the same value) and
// evaluates the concrete result. The matcher may answer unknown, but a true or false must hold in
// every instantiation: unknown is never recorded.
const GENERATED = unknownGeneratedName('generated suffix of Stack/F');
const PARAMETER = unknownValue('parameter Prefix of Stack');
const REGION_MARKER = unknownResourceValue('AWS::Region');
const ACCOUNT_MARKER = unknownResourceValue('AWS::AccountId');
const INSTANCES: Record<string, string[]> = {
  [GENERATED]: ['1A2B3C4D5E6F7', 'a', 'prod', 'ZZZZ'],
  [PARAMETER]: ['', 'a', 'arn:aws:lambda:', 'arn:aws:lambda:us-east-1:111111111111:function:S-F-', ':prod'],
  [REGION_MARKER]: ['us-east-1', 'eu-west-1'],
  [ACCOUNT_MARKER]: ['111111111111', '222222222222'],
};
const MARKERS = Object.keys(INSTANCES);

function instantiations(): Record<string, string>[] {
  return MARKERS.reduce<Record<string, string>[]>((all, marker) => all.flatMap(a => INSTANCES[marker].map(v => ({ ...a, [marker]: v }))), [{}]);
}

function instantiate(value: string, values: Record<string, string>): string {
  return MARKERS.reduce((v, marker) => v.split(marker).join(values[marker]), value);
}

const UNKNOWN_ARNS = [
  `arn:aws:lambda:us-east-1:111111111111:function:S-F-${GENERATED}`,
  `arn:aws:lambda:${REGION_MARKER}:${ACCOUNT_MARKER}:function:a`,
  `arn:aws:lambda:${REGION_MARKER}:${ACCOUNT_MARKER}:function:S-F-${GENERATED}`,
];
const UNKNOWN_OPERANDS = [
  ...UNKNOWN_ARNS, PARAMETER, `${PARAMETER}a`, `arn:aws:lambda:us-east-1:111111111111:function:${PARAMETER}`,
  `arn:aws:lambda:${REGION_MARKER}:${ACCOUNT_MARKER}:function:`, `arn:aws:lambda:${REGION_MARKER}:`, 'arn:aws:lambda:us-east-1:111111111111:function:S-F-', 'S-F-', '-prod',
];
const arbArnCondition: fc.Arbitrary<Condition> = fc.record({
  field: fc.constant('resources.ARN'),
  operators: fc.uniqueArray(fc.constantFrom(...OPERATORS), { minLength: 1, maxLength: 3 }).chain(ops => fc.tuple(
    ...ops.map(op => fc.tuple(fc.constant(op), fc.uniqueArray(fc.constantFrom(...UNKNOWN_OPERANDS, ...ALPHABETS['resources.ARN']), { minLength: 1, maxLength: 3 }))),
  )).map(entries => Object.fromEntries(entries) as Partial<Record<Op, string[]>>),
});
const arbUnknownSelectors = fc.array(
  fc.array(fc.oneof(arbArnCondition, arbCondition), { minLength: 1, maxLength: 3 }),
  { minLength: 1, maxLength: 3 },
);

function instantiateSelectors(selectors: Condition[][], values: Record<string, string>): Condition[][] {
  return selectors.map(selector => selector.map(c => ({
    field: c.field,
    operators: Object.fromEntries(Object.entries(c.operators).map(([op, list]) => [op, list!.map(v => instantiate(v, values))])),
  })));
}

/** True when a three-valued answer is sound: a true or false holds in every instantiation. */
function sound(answer: Ternary, concrete: boolean[]): boolean {
  if (answer === undefined) return true;
  return concrete.every(c => c === answer);
}

describe('values not known at synth (property-based)', () => {
  test('the matcher of a family of events (one field varies, the others judged once) answers as recordsEvent for every value', () => {
    const arbValue = fc.constantFrom(...UNKNOWN_ARNS, ...UNKNOWN_OPERANDS, ...ALPHABETS['resources.ARN']);
    // Conditions on the other fields whose values are not known either (a parameter), so that what the
    // other fields leave of a selector is sometimes unknown, not only true or false.
    const otherFields = FIELDS.filter(f => f !== 'resources.ARN');
    const arbOtherCondition: fc.Arbitrary<Condition> = fc.constantFrom(...otherFields).chain(field => fc.record({
      field: fc.constant(field),
      operators: fc.uniqueArray(fc.constantFrom(...OPERATORS), { minLength: 1, maxLength: 2 }).chain(ops => fc.tuple(
        ...ops.map(op => fc.tuple(
          fc.constant(op),
          fc.uniqueArray(fc.constantFrom(PARAMETER, ...ALPHABETS[field]), { minLength: 1, maxLength: 2 }),
        )),
      )).map(entries => Object.fromEntries(entries) as Partial<Record<Op, string[]>>),
    }));
    const arbFamilySelector = fc.array(fc.oneof(arbArnCondition, arbCondition, arbOtherCondition), { minLength: 1, maxLength: 3 });
    const arbFamilySelectors = fc.array(arbFamilySelector, { minLength: 1, maxLength: 3 });
    const arbOthers = fc.constantFrom(FieldRange.ALL, FieldRange.SOME);
    const arbValues = fc.array(arbValue, { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(arbFamilySelectors, arbEvent, arbOthers, arbValues, (selectors, event, others, values) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      const family: ProbeEvent = { fields: { ...event, 'resources.ARN': '' }, otherFields: others };
      const matcher = recordsEventOfFamily(trail, family, 'resources.ARN');
      expect(recordsEventOfFamily(trail, family, 'resources.ARN')).toBe(matcher);
      for (const value of values) {
        expect(matcher(value)).toBe(recordsEvent(trail, { fields: { ...event, 'resources.ARN': value }, otherFields: others }));
      }
    }), RUNS);
  });

  test('a function whose ARN holds a generated name or the env-agnostic account and region: true or false holds in every instantiation', () => {
    fc.assert(fc.property(arbUnknownSelectors, arbEvent, fc.constantFrom(...UNKNOWN_ARNS), (selectors, event, arn) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      const answer = recordsEvent(trail, probe({ ...event, 'resources.ARN': arn }));
      const concrete = instantiations().map(values => oracleSelectors(instantiateSelectors(selectors, values), { ...event, 'resources.ARN': instantiate(arn, values) }));
      expect(sound(answer, concrete)).toBe(true);
    }), RUNS);
  });

  test('every or some ARN of an env-agnostic trail\'s domain (unknown region and account): true or false holds in every instantiation', () => {
    fc.assert(fc.property(arbUnknownSelectors, arbEvent, arbQuantifier, (selectors, event, quantifier) => {
      const trail = trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation(selectors) }, WHERE);
      const domain = functionArnDomain('aws', REGION_MARKER, ACCOUNT_MARKER);
      const answer = recordsEvent(trail, { fields: { ...event, 'resources.ARN': rangeOf(quantifier, domain) }, otherFields: FieldRange.ALL });
      const concrete = instantiations().map(values => {
        const instantiated = instantiateSelectors(selectors, values);
        return oracleOverSets(instantiated, event, [
          { field: 'resources.ARN', quantifier, values: arnUniverse({ region: values[REGION_MARKER], account: values[ACCOUNT_MARKER] }, namesIn(instantiated)) },
        ]);
      });
      expect(sound(answer, concrete)).toBe(true);
    }), INSTANTIATED_RUNS);
  });

  test('a known prefix or suffix decides: the generated name\'s <stack>-<logical id>- prefix, and anything that differs before it', () => {
    const arn = UNKNOWN_ARNS[0];
    const decides = (operators: Partial<Record<Op, string[]>>) => recordsEvent(
      trailModelFromProperties({ AdvancedEventSelectors: toCloudFormation([[{ field: 'resources.ARN', operators }]]) }, WHERE),
      { fields: { 'resources.ARN': arn }, otherFields: FieldRange.ALL },
    );
    expect(decides({ StartsWith: ['arn:aws:lambda:us-east-1:111111111111:function:S-F-'] })).toBe(true);
    expect(decides({ NotStartsWith: ['arn:aws:lambda:us-east-1:111111111111:function:S-G'] })).toBe(true);
    expect(decides({ StartsWith: ['arn:aws:lambda:us-east-1:111111111111:function:S-G'] })).toBe(false);
    expect(decides({ EndsWith: ['-prod'] })).toBeUndefined();
    expect(decides({ NotEndsWith: ['-prod'] })).toBeUndefined();
    expect(decides({ StartsWith: ['arn:aws:lambda:us-east-1:111111111111:function:S-F-prod'] })).toBeUndefined();
  });
});

// CloudFormation conditions. A selector, a field selector, a value list or a value is wrapped in
// Fn::If on a condition of a parameter (or is AWS::NoValue in one scenario); the engine judges every
// scenario. The oracle resolves the template in each scenario and computes, per function, whether some
// trail records it: recorded in both scenarios is recorded, in neither is not, and anything else is
// unknown; never recorded when one scenario does not record it.
const STACK = { id: 'Stack', stackName: 'Stack', account: '111111111111', region: 'us-east-1' };
const FUNCTIONS = ['a', 'b'];
const NO_VALUE = { Ref: 'AWS::NoValue' };

type Wrapped = unknown;
const arbWrap = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Wrapped> => fc.oneof(
  { weight: 3, arbitrary: arb },
  { weight: 1, arbitrary: fc.tuple(arb, arb).map(([x, y]) => ({ 'Fn::If': ['C', x, y] })) },
  { weight: 1, arbitrary: arb.map(x => ({ 'Fn::If': ['C', x, NO_VALUE] })) },
  { weight: 1, arbitrary: arb.map(x => ({ 'Fn::If': ['C', NO_VALUE, x] })) },
);
const arbFnArnCondition: fc.Arbitrary<Condition> = fc.record({
  field: fc.constant('resources.ARN'),
  operators: fc.uniqueArray(fc.constantFrom(...OPERATORS), { minLength: 1, maxLength: 2 }).chain(ops => fc.tuple(
    ...ops.map(op => fc.tuple(fc.constant(op), fc.uniqueArray(fc.constantFrom(FN_A, FN_B, 'arn:aws:lambda:', ':a', 'b', 'arn:aws:lambda:us-east-1:111111111111:function:'), { minLength: 1, maxLength: 2 }))),
  )).map(entries => Object.fromEntries(entries) as Partial<Record<Op, string[]>>),
});
/** A field selector in CloudFormation spelling, with Fn::If at the level of the field selector, of an operator's list, or of one value. */
const arbCfnFieldSelector: fc.Arbitrary<Wrapped> = arbFnArnCondition.chain(c => fc.tuple(
  ...Object.entries(c.operators).map(([op, values]) => fc.tuple(
    fc.constant(op),
    arbWrap(fc.tuple(...values!.map(v => arbWrap(fc.constant(v))))),
  )),
).map(entries => ({ Field: c.field, ...Object.fromEntries(entries) }))).chain(fieldSelector => arbWrap(fc.constant(fieldSelector)));
const LAMBDA_FIELDS = [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }];
const arbCfnSelector = fc.array(arbCfnFieldSelector, { maxLength: 2 }).map(extra => ({ FieldSelectors: [...LAMBDA_FIELDS, ...extra] }));
const arbCfnSelectors: fc.Arbitrary<Wrapped> = arbWrap(fc.array(arbWrap(arbCfnSelector), { minLength: 1, maxLength: 2 }));

/** The template as CloudFormation deploys it when condition C is `cHolds`. */
function resolve(value: unknown, cHolds: boolean): unknown {
  if (Array.isArray(value)) return value.map(v => resolve(v, cHolds)).filter(v => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  if ('Fn::If' in (value as object)) {
    const [, whenTrue, whenFalse] = (value as { 'Fn::If': unknown[] })['Fn::If'];
    const chosen = cHolds ? whenTrue : whenFalse;
    return chosen === NO_VALUE ? NO_VALUE : resolve(chosen, cHolds);
  }
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = resolve(v, cHolds);
    if (r !== NO_VALUE) result[k] = r;
  }
  return result;
}

function oracleRecorded(selectors: unknown, fn: string): boolean {
  if (!Array.isArray(selectors)) return false;
  const conditions: Condition[][] = selectors.map((s: any) => (s.FieldSelectors ?? []).map((f: any) => ({
    field: f.Field,
    operators: Object.fromEntries(OPERATORS.filter(op => f[op] !== undefined).map(op => [op, f[op]])),
  })));
  return oracleSelectors(conditions, { ...invocation(fn) });
}

function invocation(arn: string): Record<string, string> {
  return { 'eventCategory': 'Data', 'resources.type': 'AWS::Lambda::Function', 'resources.ARN': arn, 'readOnly': 'false', 'eventName': 'Invoke' };
}

describe('CloudFormation conditions (property-based)', () => {
  test('coverage agrees with the oracle in every scenario: recorded only when recorded in both', () => {
    fc.assert(fc.property(arbCfnSelectors, fc.boolean(), (selectors, trailConditional) => {
      const template = {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Trail: {
            Type: 'AWS::CloudTrail::Trail',
            ...(trailConditional ? { Condition: 'C' } : {}),
            Properties: { IsLogging: true, IsMultiRegionTrail: true, AdvancedEventSelectors: selectors },
          },
          ...Object.fromEntries(FUNCTIONS.map(name => [name.toUpperCase(), { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } }])),
        },
      };
      const judgement = judgeTemplates([{ ...STACK, template: template as any }]);
      for (const name of FUNCTIONS) {
        const arn = `arn:aws:lambda:us-east-1:111111111111:function:${name}`;
        const perScenario = [true, false].map(cHolds => (trailConditional && !cHolds ? false : oracleRecorded(resolve(selectors, cHolds), arn)));
        const expected = perScenario.every(Boolean) ? CoverageStatus.RECORDED : perScenario.some(Boolean) ? CoverageStatus.UNKNOWN : 'not';
        const status = judgement.functions.find(f => f.logicalId === name.toUpperCase())!.status;
        if (expected === 'not') expect([CoverageStatus.NOT_RECORDED, CoverageStatus.OUTSIDE_SCOPE]).toContain(status);
        else expect(status).toBe(expected);
      }
    }), RUNS);
  });
});

// Values with unknown parts are matched through an index of the operands' known prefixes and
// suffixes (so that a generated-name ARN is not compared with every ARN a trail lists); it must
// give what comparing with every operand gives.
describe('the index of operands with unknown parts (property-based)', () => {
  const PARTS = ['arn:aws:lambda:', 'us-east-1:', '111111111111:', 'function:', 'S-F-', 'S-G-', 'a', 'b', ':prod', GENERATED, PARAMETER, REGION_MARKER];
  const arbValue = fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 5 }).map(parts => parts.join(''));
  const arbOperators = fc.uniqueArray(fc.constantFrom(...OPERATORS), { minLength: 1, maxLength: 3 }).chain(ops => fc.tuple(
    ...ops.map(op => fc.tuple(fc.constant(op), fc.uniqueArray(arbValue, { minLength: 1, maxLength: 6 }))),
  )).map(entries => Object.fromEntries(entries) as Partial<Record<Op, string[]>>);
  const TEST: Record<Op, (value: string, operand: string) => Ternary> = {
    Equals: valueEquals,
    StartsWith: valueStartsWith,
    EndsWith: valueEndsWith,
    NotEquals: valueEquals,
    NotStartsWith: valueStartsWith,
    NotEndsWith: valueEndsWith,
  };

  test('fieldSelectorMatches agrees with testing the value against every operand', () => {
    fc.assert(fc.property(arbOperators, arbValue, (operators, value) => {
      const ops = Object.keys(operators) as Op[];
      const inclusions = ops.filter(op => !op.startsWith('Not'));
      const included = inclusions.length === 0 ? true : some(inclusions, op => some(operators[op]!, v => TEST[op](value, v)));
      const excluded = some(ops.filter(op => op.startsWith('Not')), op => some(operators[op]!, v => TEST[op](value, v)));
      expect(fieldSelectorMatches({ field: 'resources.ARN', operators }, value)).toBe(and(included, not(excluded)));
    }), RUNS);
  });
});
