// The plan and the engine agree on what a trail records, before and after the change. The engine reads
// a live trail's selectors the way the audit's verdict does (live-stacks' CloudFormation spelling, the
// trail model, the event matcher: the one reading of basic selectors); on generated selector sets and
// function scopes, whatever the plan says of the trail as it is (nothing to change, management events
// kept as excluded or left to another trail) is what the engine reads in it, and the selectors it plans
// record, as the engine reads them, exactly what the plan promises:
// - --all: every Lambda data event, read and write, of every function of the partition; --only: every
//   data event of the listed functions (with their versions and aliases, for an unqualified ARN) and
//   of no other function;
// - management events: none lost; every one of a side, unless the plan says the side is excluded by the
//   user's choice (kept) or recorded by another trail (none added);
// - every other data event as before.
// fast-check comes from the root's devDependencies, found up the directory tree (as aws-cdk-lib is by
// the parity tests).
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector, ReadWriteType } from '@aws-sdk/client-cloudtrail';
import {
  basicSelectorsAsAdvanced, effectiveSelectors, FieldRange, lambdaDataEvent, managementEvent, ProbeEvent, recordsEvent, recordsEveryLambdaDataEvent,
  Ternary, trailModelFromProperties, TrailModel,
} from 'cdk-compliant-lambda-trail/engine';
import * as fc from 'fast-check';
import { selectorProperties } from '../../src/audit/live-stacks';
import type { FunctionScope } from '../../src/remediate/plan-input';
import { planSelectors, SelectorPlan, SelectorSet } from '../../src/remediate/selector-plan';

const ACCOUNT = '111111111111';
const WHERE = { account: ACCOUNT, region: 'us-east-1', partition: 'aws' };
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const table = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;

const S3 = 'AWS::S3::Object';
const LAMBDA = 'AWS::Lambda::Function';
const DYNAMODB = 'AWS::DynamoDB::Table';
const FUNCTIONS = [fn('a'), fn('b'), `${fn('a')}:prod`, `${fn('b')}:7`, fn('c'), `${fn('c')}:live`, fn('ab'), 'arn:aws:lambda:eu-west-1:222222222222:function:a'];
const OBJECTS = ['arn:aws:s3:::a/x', 'arn:aws:s3:::a/logs/1', 'arn:aws:s3:::b/y'];
const TABLES = [table('t'), table('u')];
const SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com', 'iam.amazonaws.com'];

// Generated selector sets: what GetEventSelectors returns, including values whose reading differed
// between the plan and the engine (a data resource of another partition, a prefix that is every function).
const arbBasic: fc.Arbitrary<EventSelector> = fc.record({
  ReadWriteType: fc.constantFrom<ReadWriteType>('All', 'ReadOnly', 'WriteOnly'),
  IncludeManagementEvents: fc.boolean(),
  DataResources: fc.uniqueArray(fc.constantFrom(S3, LAMBDA, DYNAMODB), { maxLength: 2 }).chain(types => fc.tuple(...types.map(type => fc.record({
    Type: fc.constant(type),
    Values: fc.uniqueArray(fc.constantFrom(...{
      [S3]: ['arn:aws:s3', 'arn:aws:s3:::', 'arn:aws:s3:::a/', 'arn:aws:s3:::a/logs'],
      [LAMBDA]: ['arn:aws:lambda', 'arn:aws-cn:lambda', fn('a'), fn('b'), `${fn('c')}:live`],
      [DYNAMODB]: ['arn:aws:dynamodb', table('t')],
    }[type]!), { minLength: 1, maxLength: 2 }),
  })))),
  ExcludeManagementEventSources: fc.option(fc.uniqueArray(fc.constantFrom('kms.amazonaws.com', 'rdsdata.amazonaws.com'), { minLength: 1 }), { nil: undefined }),
});

const arbReadOnly: fc.Arbitrary<AdvancedFieldSelector[]> = fc.oneof(
  fc.constant([]), fc.constantFrom('true', 'false').map(v => [{ Field: 'readOnly', Equals: [v] }]),
);

const arbManagement: fc.Arbitrary<AdvancedEventSelector> = fc.tuple(
  arbReadOnly,
  fc.oneof(
    fc.constant([]),
    fc.uniqueArray(fc.constantFrom('kms.amazonaws.com', 'rdsdata.amazonaws.com'), { minLength: 1 }).map(v => [{ Field: 'eventSource', NotEquals: v }]),
    fc.constant([{ Field: 'eventSource', Equals: ['iam.amazonaws.com'] }]),
  ),
).map(([readOnly, sources]) => ({ Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...readOnly, ...sources] }));

const arbData: fc.Arbitrary<AdvancedEventSelector> = fc.constantFrom(S3, LAMBDA, LAMBDA, DYNAMODB).chain(type => fc.tuple(
  type !== LAMBDA ? fc.constantFrom([type], [type, LAMBDA]) : fc.constant([type]),
  arbReadOnly,
  fc.option(fc.tuple(
    fc.constantFrom('Equals', 'StartsWith', 'NotEquals', 'NotStartsWith'),
    fc.uniqueArray(fc.constantFrom(...{
      [S3]: ['arn:aws:s3:::a/', 'arn:aws:s3:::b/'],
      [LAMBDA]: [fn('a'), fn('b'), `${fn('a')}:`, 'arn:aws:lambda:'],
      [DYNAMODB]: TABLES,
    }[type]!), { minLength: 1, maxLength: 2 }),
  ), { nil: undefined }),
  fc.option(fc.constantFrom('Equals', 'NotEquals'), { nil: undefined }),
)).map(([types, readOnly, arn, eventName]) => ({
  Name: 'd',
  FieldSelectors: [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: types },
    ...readOnly,
    ...(arn ? [{ Field: 'resources.ARN', [arn[0]]: arn[1] }] : []),
    ...(eventName ? [{ Field: 'eventName', [eventName]: ['Invoke', 'GetObject'] }] : []),
  ],
}));

const arbCurrent = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 4, arbitrary: fc.array(arbBasic, { minLength: 1, maxLength: 5 }).map(eventSelectors => ({ eventSelectors })) },
  {
    weight: 4,
    arbitrary: fc.array(fc.oneof(arbManagement, arbData), { minLength: 1, maxLength: 6 }).map(advancedEventSelectors => ({ advancedEventSelectors })),
  },
);

const arbScope: fc.Arbitrary<FunctionScope> = fc.oneof(
  fc.constant({ mode: 'all' as const }),
  fc.uniqueArray(fc.constantFrom(fn('a'), fn('b'), `${fn('c')}:live`), { minLength: 1, maxLength: 2 }).map(arns => ({ mode: 'only' as const, arns })),
);

/** The trail as the audit's verdict reads it: the selectors spelled as live-stacks spells them, the trail model. */
function trailOf(set: SelectorSet): TrailModel {
  const selectors = set.kind === 'basic' ? { eventSelectors: [...set.selectors] } : { advancedEventSelectors: [...set.selectors] };
  return trailModelFromProperties(selectorProperties(selectors), WHERE);
}

/** A concrete event: every field a selector above may test has a value. */
function event(fields: Record<string, string>): ProbeEvent {
  return { fields, otherFields: FieldRange.ALL };
}

const DATA_EVENTS = [true, false].flatMap(readOnly => [
  ...OBJECTS.map(arn => ({ type: S3, arn, readOnly, name: readOnly ? 'GetObject' : 'PutObject' })),
  ...TABLES.map(arn => ({ type: DYNAMODB, arn, readOnly, name: readOnly ? 'GetItem' : 'PutItem' })),
]).map(e => event({
  'eventCategory': 'Data',
  'resources.type': e.type,
  'resources.ARN': e.arn,
  'readOnly': String(e.readOnly),
  'eventName': e.name,
  'eventSource': `${e.type.split('::')[1].toLowerCase()}.amazonaws.com`,
}));

const MANAGEMENT_EVENTS = [true, false].flatMap(readOnly => SOURCES.map(eventSource => event({
  eventCategory: 'Management', readOnly: String(readOnly), eventSource, eventName: 'CreateThing',
})));

/** Every data event of one function, read and write, of each name the generated selectors test. */
function functionEvents(arn: string): ProbeEvent[] {
  return [true, false].flatMap(readOnly => ['Invoke', 'GetFunction'].map(eventName => ({
    ...lambdaDataEvent(arn, readOnly),
    fields: { ...lambdaDataEvent(arn, readOnly).fields, eventName },
  })));
}

function listed(scope: FunctionScope, arn: string): boolean {
  if (scope.mode === 'all') return true;
  return scope.arns.some(given => arn === given || (given.split(':').length === 7 && arn.startsWith(`${given}:`)));
}

const SIDES = [['read', true], ['write', false]] as const;

/** What the plan says of a side of management events: kept with the user's exclusions, left to another trail, or neither. */
function saidOf(plan: SelectorPlan, side: 'read' | 'write'): 'excluded' | 'elsewhere' | undefined {
  const names = (clause: string) => new RegExp(`\\b(${side}|read and write) management events`).test(clause);
  const excepted = (note: string) => /^(read and write|read|write) management events are recorded except/.test(note) && names(note.split(' are recorded')[0]);
  if (plan.notes.some(excepted)) return 'excluded';
  if (plan.notes.some(n => n.includes('another logging trail') && names(n.split(';')[0]))) return 'elsewhere';
  return undefined;
}

type Current = { eventSelectors?: EventSelector[]; advancedEventSelectors?: AdvancedEventSelector[] };

function agree(current: Current, scope: FunctionScope, managementNeeded: boolean): void {
  const plan = planSelectors({ current, scope, partition: 'aws', managementNeeded });
  expect(plan.refusal).toBeUndefined();
  const before = trailOf(plan.before);
  const after = trailOf(plan.after);
  const context = { current, scope, managementNeeded, after: plan.after, notes: plan.notes };
  const check = (what: string, actual: Ternary, expected: Ternary) => {
    expect({ ...context, what, is: actual }).toEqual({ ...context, what, is: expected });
  };

  // Lambda after: every data event of every function (--all), or of exactly the listed functions (--only).
  if (scope.mode === 'all') check('every Lambda data event after', recordsEveryLambdaDataEvent(effectiveSelectors(after), 'aws'), true);
  for (const arn of FUNCTIONS.filter(a => a.includes(':us-east-1:'))) {
    for (const e of functionEvents(arn)) check(`${JSON.stringify(e.fields)} after`, recordsEvent(after, e), listed(scope, arn));
  }

  // Management events: the plan's word on each side is the engine's reading of the trail as it is.
  for (const [side, readOnly] of SIDES) {
    const all = (trail: TrailModel) => recordsEvent(trail, managementEvent(readOnly));
    const some = (trail: TrailModel) => recordsEvent(trail, managementEvent(readOnly, FieldRange.SOME));
    const said = saidOf(plan, side);
    if (said === 'excluded') {
      check(`${side}: some but not all before (excluded)`, some(before) === true && all(before) === false, true);
      check(`${side}: kept as it was`, all(after), false);
    } else if (said === 'elsewhere') {
      // Lacking (none, or only some sources included), and recorded by another trail: nothing added.
      check(`${side}: lacking before (recorded elsewhere)`, all(before), false);
      check(`${side}: none added`, all(after), false);
    } else if (managementNeeded) {
      // Added: every one, or with the exclusions the user chose for the other side (the plan says so in its change).
      const other = saidOf(plan, side === 'read' ? 'write' : 'read') === 'excluded'
        && plan.changes.some(c => c.includes(`${side} management events`) && c.includes('with the exclusions of'));
      if (other) check(`${side}: added, with the exclusions kept for the other side`, some(after) === true && all(after) === false, true);
      else check(`${side}: every one after`, all(after), true);
    } else {
      check(`${side}: every one before, and after`, all(before) && all(after), true);
    }
    if (all(before)) check(`${side}: every one still recorded`, all(after), true);
  }
  for (const e of MANAGEMENT_EVENTS) if (recordsEvent(before, e)) check(`${JSON.stringify(e.fields)} still recorded`, recordsEvent(after, e), true);

  // Every other data event as before.
  for (const e of DATA_EVENTS) check(`${JSON.stringify(e.fields)} as before`, recordsEvent(after, e), recordsEvent(before, e));

  // Nothing to change exactly when the engine reads in the trail what the plan asks for (--all; --only
  // rewrites any other form of the same functions to the one the constructs write).
  const lambdaDone = scope.mode === 'all' ? recordsEveryLambdaDataEvent(effectiveSelectors(before), 'aws') === true : undefined;
  const managementDone = SIDES.every(([side, readOnly]) => recordsEvent(before, managementEvent(readOnly)) === true
    || saidOf(plan, side) !== undefined);
  if (!plan.changed) check('nothing to change: the engine reads everything asked for', (lambdaDone ?? true) && managementDone, true);
  if (lambdaDone && SIDES.every(([, readOnly]) => !managementNeeded || recordsEvent(before, managementEvent(readOnly)) === true)) {
    check('the engine reads everything asked for: nothing to change', plan.changed, false);
  }
}

test('--all and --only: the plan and the engine agree on what the trail records, before and after', () => {
  fc.assert(fc.property(arbCurrent, arbScope, fc.boolean(), agree), { numRuns: 600 });
});

test('the engine reads basic selectors and their conversion to advanced ones alike (remediate converts with the engine\'s reading)', () => {
  fc.assert(fc.property(fc.array(arbBasic, { minLength: 1, maxLength: 5 }), basic => {
    const converted = basicSelectorsAsAdvanced(basic);
    if ('refusal' in converted) throw new Error(converted.refusal);
    const asBasic = trailOf({ kind: 'basic', selectors: basic });
    const events = [...DATA_EVENTS, ...MANAGEMENT_EVENTS, ...FUNCTIONS.flatMap(functionEvents)];
    if (converted.selectors.length === 0) {
      // Selectors that record nothing convert to none (the plan then adds the Lambda selector: it never sends an empty set).
      for (const e of events) expect({ basic, e: e.fields, is: recordsEvent(asBasic, e) }).toEqual({ basic, e: e.fields, is: false });
      return;
    }
    const asAdvanced = trailOf({ kind: 'advanced', selectors: converted.selectors as AdvancedEventSelector[] });
    for (const e of events) {
      expect({ basic, e: e.fields, is: recordsEvent(asAdvanced, e) }).toEqual({ basic, e: e.fields, is: recordsEvent(asBasic, e) });
    }
    for (const [, readOnly] of SIDES) {
      expect(recordsEvent(asAdvanced, managementEvent(readOnly))).toBe(recordsEvent(asBasic, managementEvent(readOnly)));
    }
    expect(recordsEveryLambdaDataEvent(effectiveSelectors(asAdvanced), 'aws')).toBe(recordsEveryLambdaDataEvent(effectiveSelectors(asBasic), 'aws'));
  }), { numRuns: 300 });
});
