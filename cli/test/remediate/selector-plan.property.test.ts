// The selector planning against an oracle: an independent, literal reading of CloudTrail's selector
// semantics (AWS CloudTrail API Reference, "EventSelector", "DataResource", "AdvancedFieldSelector"),
// asked of many generated selector sets and events. Whatever the trail has, the planned selectors
// - record the same non-Lambda data events as before (kept exactly, or converted with the same meaning),
// - record every Lambda data event, read and write (--all), or exactly those of the listed functions
//   with their versions and aliases (--only),
// - lose no management event, and record all of them when the account lacks them and nothing is excluded,
// - stay within CloudTrail's limits unless refused, and plan nothing more when planned again.
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { basicSelectorsAsAdvanced } from 'cdk-compliant-lambda-trail/engine';
import type { FunctionScope } from '../../src/remediate/plan-input';
import { advancedValues, planSelectors, SelectorSet } from '../../src/remediate/selector-plan';

const ACCOUNT = '111111111111';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const table = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;

interface Event {
  readonly category: 'Management' | 'Data';
  readonly readOnly: boolean;
  readonly eventSource: string;
  readonly eventName: string;
  readonly type?: string;
  readonly arn?: string;
}

/** A small deterministic generator, so that a failure reproduces. */
function random(seed: number) {
  // Park and Miller's minimal standard generator: small, and the same sequence on every machine.
  let state = ((seed * 7919 + 12345) % 2147483646) + 1;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
  // Nearby seeds start with nearby values: let them drift apart first.
  for (let i = 0; i < 16; i++) next();
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const some = <T>(items: readonly T[], max = items.length): T[] => [...new Set(Array.from({ length: 1 + int(max) }, () => pick(items)))];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const S3 = 'AWS::S3::Object';
const LAMBDA = 'AWS::Lambda::Function';
const DYNAMODB = 'AWS::DynamoDB::Table';
const SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com', 'iam.amazonaws.com', 'lambda.amazonaws.com'];
const OBJECTS = ['arn:aws:s3:::a/x', 'arn:aws:s3:::a/logs/1', 'arn:aws:s3:::b/y', 'arn:aws:s3:::c/z'];
const FUNCTIONS = [fn('a'), fn('b'), `${fn('a')}:prod`, `${fn('b')}:7`, fn('c'), `${fn('c')}:live`, fn('ab')];
const TABLES = [table('t'), table('u')];

function dataEvent(readOnly: boolean, type: string, arn: string, eventName: string): Event {
  return { category: 'Data', readOnly, eventSource: `${type.split('::')[1].toLowerCase()}.amazonaws.com`, eventName, type, arn };
}

/** Every event the properties are asked about. */
const EVENTS: Event[] = [
  ...[true, false].flatMap(readOnly => SOURCES.map(eventSource => ({ category: 'Management' as const, readOnly, eventSource, eventName: 'CreateThing' }))),
  ...[true, false].flatMap(readOnly => OBJECTS.map(arn => dataEvent(readOnly, S3, arn, readOnly ? 'GetObject' : 'PutObject'))),
  ...[true, false].flatMap(readOnly => FUNCTIONS.map(arn => dataEvent(readOnly, LAMBDA, arn, readOnly ? 'GetFunction' : 'Invoke'))),
  ...[true, false].flatMap(readOnly => TABLES.map(arn => dataEvent(readOnly, DYNAMODB, arn, readOnly ? 'GetItem' : 'PutItem'))),
];

// The oracle: CloudTrail's semantics, read literally.
function basicRecords(selectors: readonly EventSelector[], e: Event): boolean {
  const effective: readonly EventSelector[] = selectors.length ? selectors : [{ ReadWriteType: 'All', IncludeManagementEvents: true }];
  return effective.some(s => {
    const rw = s.ReadWriteType ?? 'All';
    if (rw !== 'All' && (rw === 'ReadOnly') !== e.readOnly) return false;
    if (e.category === 'Management') return s.IncludeManagementEvents !== false && !(s.ExcludeManagementEventSources ?? []).includes(e.eventSource);
    return (s.DataResources ?? []).some(r => r.Type === e.type && (r.Values ?? []).some(v => {
      if (v === { [S3]: 'arn:aws:s3', [LAMBDA]: 'arn:aws:lambda', [DYNAMODB]: 'arn:aws:dynamodb' }[e.type!] || (e.type === S3 && v === 'arn:aws:s3:::')) return true;
      return e.type === S3 ? e.arn!.startsWith(v) : e.arn === v;
    }));
  });
}

function fieldValue(e: Event, field: string): string | undefined {
  switch (field) {
    case 'eventCategory': return e.category;
    case 'readOnly': return String(e.readOnly);
    case 'eventSource': return e.eventSource;
    case 'eventName': return e.eventName;
    case 'resources.type': return e.type;
    case 'resources.ARN': return e.arn;
    default: return undefined;
  }
}

function fieldMatches(f: AdvancedFieldSelector, value: string | undefined): boolean {
  if (value === undefined) return false;
  // Inclusions are ORed (any operator, any value); exclusions are ANDed (no operator's value may match).
  const includes = (f.Equals ?? []).some(v => value === v)
    || (f.StartsWith ?? []).some(v => value.startsWith(v))
    || (f.EndsWith ?? []).some(v => value.endsWith(v));
  const hasInclusions = f.Equals !== undefined || f.StartsWith !== undefined || f.EndsWith !== undefined;
  const excludes = (f.NotEquals ?? []).some(v => value === v)
    || (f.NotStartsWith ?? []).some(v => value.startsWith(v))
    || (f.NotEndsWith ?? []).some(v => value.endsWith(v));
  return (!hasInclusions || includes) && !excludes;
}

function advancedRecords(selectors: readonly AdvancedEventSelector[], e: Event): boolean {
  return selectors.some(s => (s.FieldSelectors ?? []).every(f => fieldMatches(f, fieldValue(e, f.Field!))));
}

function records(set: SelectorSet, e: Event): boolean {
  return set.kind === 'basic' ? basicRecords(set.selectors, e) : advancedRecords(set.selectors, e);
}

// Generators of the selectors trails have.
function basicSelector(r: Random): EventSelector {
  const resources = r.chance(0.8) ? r.some([S3, LAMBDA, DYNAMODB], 2).map(type => ({
    Type: type,
    Values: r.some({ [S3]: ['arn:aws:s3', 'arn:aws:s3:::a/', 'arn:aws:s3:::a/logs', 'arn:aws:s3:::b/'], [LAMBDA]: ['arn:aws:lambda', fn('a'), fn('b')], [DYNAMODB]: ['arn:aws:dynamodb', table('t')] }[type]!, 2),
  })) : [];
  return {
    ReadWriteType: r.pick(['All', 'ReadOnly', 'WriteOnly']),
    IncludeManagementEvents: r.chance(0.6),
    DataResources: resources,
    ...(r.chance(0.3) ? { ExcludeManagementEventSources: r.some(['kms.amazonaws.com', 'rdsdata.amazonaws.com'], 2) } : {}),
  };
}

function advancedSelector(r: Random, index: number): AdvancedEventSelector {
  const readOnly: AdvancedFieldSelector[] = r.chance(0.35) ? [{ Field: 'readOnly', Equals: [r.pick(['true', 'false'])] }] : [];
  if (r.chance(0.3)) {
    const sources: AdvancedFieldSelector[] = r.chance(0.3) ? [{ Field: 'eventSource', NotEquals: r.some(['kms.amazonaws.com', 'rdsdata.amazonaws.com'], 2) }]
      : r.chance(0.15) ? [{ Field: 'eventSource', Equals: ['iam.amazonaws.com'] }] : [];
    return { Name: `m${index}`, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...readOnly, ...sources] };
  }
  const type = r.pick([S3, LAMBDA, LAMBDA, DYNAMODB]);
  const types = type !== LAMBDA && r.chance(0.15) ? [type, LAMBDA] : [type];
  const pool = { [S3]: OBJECTS.map(o => o.slice(0, 16)), [LAMBDA]: [fn('a'), fn('b'), `${fn('a')}:`], [DYNAMODB]: TABLES }[type]!;
  const arn: AdvancedFieldSelector[] = r.chance(0.5) ? [{ Field: 'resources.ARN', [r.pick(['Equals', 'StartsWith', 'NotEquals', 'NotStartsWith'])]: r.some(pool, 2) }] : [];
  const name: AdvancedFieldSelector[] = r.chance(0.2) ? [{ Field: 'eventName', [r.pick(['Equals', 'NotEquals'])]: ['Invoke', 'GetObject'] }] : [];
  return { Name: `d${index}`, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: types }, ...readOnly, ...arn, ...name] };
}

function currentSelectors(r: Random): { eventSelectors?: EventSelector[]; advancedEventSelectors?: AdvancedEventSelector[] } {
  if (r.chance(0.1)) return {};
  if (r.chance(0.5)) return { eventSelectors: Array.from({ length: 1 + r.int(5) }, () => basicSelector(r)) };
  return { advancedEventSelectors: Array.from({ length: 1 + r.int(6) }, (_, i) => advancedSelector(r, i)) };
}

function excludesManagement(current: { eventSelectors?: EventSelector[]; advancedEventSelectors?: AdvancedEventSelector[] }): boolean {
  return (current.eventSelectors ?? []).some(s => s.IncludeManagementEvents !== false && (s.ExcludeManagementEventSources ?? []).length > 0)
    || (current.advancedEventSelectors ?? []).some(s => (s.FieldSelectors ?? []).some(f => f.Field === 'eventCategory' && f.Equals?.includes('Management'))
      && (s.FieldSelectors ?? []).some(f => f.NotEquals || f.NotStartsWith || f.NotEndsWith));
}

function expectedLambda(scope: FunctionScope, arn: string): boolean {
  if (scope.mode === 'all') return true;
  return scope.arns.some(listed => arn === listed || (listed.split(':').length === 7 && arn.startsWith(`${listed}:`)));
}

const RUNS = 400;

test.each([
  ['--all', (_r: Random): FunctionScope => ({ mode: 'all' })],
  ['--only', (r: Random): FunctionScope => ({ mode: 'only', arns: r.some([fn('a'), fn('b'), `${fn('c')}:live`], 2) })],
] as const)('%s: the properties hold for generated selector sets', (_name, scopeOf) => {
  let converted = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = random(run + 1);
    const current = currentSelectors(r);
    const scope = scopeOf(r);
    const managementNeeded = r.chance(0.7);
    const plan = planSelectors({ current, scope, partition: 'aws', managementNeeded });
    const context = { run, current, scope, managementNeeded, after: plan.after };
    if (plan.refusal) throw new Error(`run ${run} refused: ${plan.refusal} ${JSON.stringify(context)}`);
    if (plan.convertedBecause) converted++;
    const before = plan.before;
    for (const e of EVENTS) {
      const was = records(before, e);
      const is = records(plan.after, e);
      const what = { ...context, event: e, was, is };
      if (e.category === 'Data' && e.type !== LAMBDA) expect(what).toEqual({ ...what, is: was });
      if (e.type === LAMBDA) expect(what).toEqual({ ...what, is: expectedLambda(scope, e.arn!) });
      if (e.category === 'Management' && was) expect(what).toEqual({ ...what, is: true });
      if (e.category === 'Management' && managementNeeded && !excludesManagement(current)) expect(what).toEqual({ ...what, is: true });
    }
    const again = planSelectors({
      current: plan.after.kind === 'basic' ? { eventSelectors: [...plan.after.selectors] } : { advancedEventSelectors: [...plan.after.selectors] },
      scope,
      partition: 'aws',
      managementNeeded,
    });
    expect({ ...context, again: again.changes }).toEqual({ ...context, again: [] });
    if (plan.after.kind === 'advanced') expect(advancedValues(plan.after.selectors)).toBeLessThanOrEqual(500);
    else expect(plan.after.selectors.length).toBeLessThanOrEqual(5);
  }
  // The generator reaches both paths: kept basic and converted.
  expect(converted).toBeGreaterThan(RUNS / 20);
});

test('basicSelectorsAsAdvanced (the engine\'s reading, which remediate converts with) means what the basic selectors mean, for every event', () => {
  for (let run = 0; run < RUNS; run++) {
    const r = random(10_000 + run);
    const basic = Array.from({ length: 1 + r.int(5) }, () => basicSelector(r));
    const converted = basicSelectorsAsAdvanced(basic);
    if ('refusal' in converted) throw new Error(converted.refusal);
    for (const e of EVENTS) {
      const is = advancedRecords(converted.selectors as AdvancedEventSelector[], e);
      expect({ run, basic, e, is }).toEqual({ run, basic, e, is: basicRecords(basic, e) });
    }
  }
});
