// The event matcher against an oracle written from AWS's documented selector semantics, on
// generated selectors and concrete events (every field a string).
import * as fc from 'fast-check';
import { FieldRange, fieldSelectorMatches, ProbeEvent, recordsEvent } from '../../src/model/event-matcher';
import { OPERATORS, trailModelFromProperties } from '../../src/model/trail-model';

const WHERE = { account: '111111111111', region: 'us-east-1', partition: 'aws' };
const FN_A = 'arn:aws:lambda:us-east-1:111111111111:function:a';
const FN_B = 'arn:aws:lambda:us-east-1:111111111111:function:b';

/** Per field: the real values of events and prefixes, suffixes and fragments of them. */
const ALPHABETS: Record<string, string[]> = {
  'eventCategory': ['Data', 'Management', 'Da', 'ta', 'Manage', 'ment', 'a'],
  'resources.type': ['AWS::Lambda::Function', 'AWS::S3::Object', 'AWS::', 'AWS::Lambda', '::Function', 'Object'],
  'resources.ARN': [FN_A, FN_B, `${FN_A}:prod`, 'arn:aws:lambda', 'arn:aws:lambda:us-east-1:111111111111:function:', ':a', 'a', ':prod', 'arn:aws:s3:::bucket/key'],
  'readOnly': ['true', 'false', 't', 'f', 'rue', 'alse', 'e'],
  'eventName': ['Invoke', 'InvokeExecution', 'Inv', 'Execution', 'Invoke', 'GetFunction', 'e'],
  'eventSource': ['lambda.amazonaws.com', 's3.amazonaws.com', 'lambda', '.amazonaws.com', 'amazonaws.com'],
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

const RUNS = { numRuns: 500 };

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
