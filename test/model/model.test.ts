// Unit tests of the model: three-valued logic, defaults, unknown values, coverage.
import { coverageOf, FunctionModel, Recorder } from '../../src/model/coverage';
import { CoverageStatus } from '../../src/model/coverage-status';
import { FieldRange, invocationEvent, managementEvent, recordsEvent } from '../../src/model/event-matcher';
import { lambdaRecording } from '../../src/model/lambda-scope';
import { actionsInclude, conditionKeys, deniesInsecureTransport, principalIncludesService, statementsOf } from '../../src/model/policy-statements';
import { and, answeredWhenAsked, not, or } from '../../src/model/ternary';
import { trailModelFromProperties } from '../../src/model/trail-model';
import { unknownValue, valueEndsWith, valueStartsWith } from '../../src/model/unknown-value';
import { ANY_CHARACTER, Domain, hole, verdictsOver } from '../../src/model/value-domain';

const WHERE = { account: '111111111111', region: 'us-east-1', partition: 'aws' };
const FN_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:a';
const LAMBDA = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] };
const MANAGEMENT = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };

describe('ternary', () => {
  test('follows Kleene logic', () => {
    expect([and(true, undefined), and(false, undefined), and(true, true), and()]).toEqual([undefined, false, true, true]);
    expect([or(false, undefined), or(true, undefined), or(false, false), or()]).toEqual([undefined, true, false, false]);
    expect([not(true), not(false), not(undefined)]).toEqual([false, true, undefined]);
  });

  test('answeredWhenAsked computes each answer when first read, once, including an unknown one', () => {
    const asked: string[] = [];
    const answers = answeredWhenAsked({
      cheap: () => (asked.push('cheap'), true),
      costly: () => (asked.push('costly'), undefined),
    });
    expect(asked).toEqual([]);
    expect([answers.costly, answers.costly, answers.cheap]).toEqual([undefined, undefined, true]);
    expect(asked).toEqual(['costly', 'cheap']);
    expect({ ...answers }).toEqual({ cheap: true, costly: undefined });
  });
});

describe('trailModelFromProperties', () => {
  test('applies CloudFormation defaults', () => {
    const trail = trailModelFromProperties({}, WHERE);
    expect(trail).toEqual(expect.objectContaining({
      isLogging: false,
      logFileValidation: false,
      multiRegion: false,
      globalServiceEvents: true,
      organization: false,
      cloudWatchLogs: false,
      basicSelectors: [],
      advancedSelectors: [],
      selectorsUnknown: false,
    }));
  });

  test('reads "true" and "false" strings and leaves other values unknown', () => {
    const trail = trailModelFromProperties({ IsLogging: 'true', EnableLogFileValidation: 'false', IsMultiRegionTrail: { Ref: 'P' } }, WHERE);
    expect([trail.isLogging, trail.logFileValidation, trail.multiRegion]).toEqual([true, false, undefined]);
  });

  test('selectors given as a token make the selectors unknown, and every answer unknown', () => {
    const trail = trailModelFromProperties({ AdvancedEventSelectors: { 'Fn::If': ['C', [LAMBDA], [MANAGEMENT]] } }, WHERE);
    expect(trail.selectorsUnknown).toBe(true);
    expect(recordsEvent(trail, invocationEvent(FN_ARN))).toBeUndefined();
    expect(recordsEvent(trail, managementEvent(false))).toBeUndefined();
  });
});

describe('recordsEvent', () => {
  test('a trail without selectors records management events, read and write, and no data events', () => {
    const trail = trailModelFromProperties({}, WHERE);
    expect([recordsEvent(trail, managementEvent(true)), recordsEvent(trail, managementEvent(false))]).toEqual([true, true]);
    expect(recordsEvent(trail, invocationEvent(FN_ARN))).toBe(false);
  });

  test('with advanced selectors, management events need a Management selector', () => {
    const trail = trailModelFromProperties({ AdvancedEventSelectors: [LAMBDA] }, WHERE);
    expect(recordsEvent(trail, managementEvent(false))).toBe(false);
  });

  test('an unknown ARN condition gives unknown, never false, for an unlisted function', () => {
    const trail = trailModelFromProperties({
      AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', NotEquals: [unknownValue('imported')] }] }],
    }, WHERE);
    expect(recordsEvent(trail, invocationEvent(FN_ARN))).toBeUndefined();
  });

  test('an ARN with an unknown part still matches a known prefix', () => {
    const arn = `arn:aws:lambda:us-east-1:111111111111:function:${unknownValue('name')}`;
    expect(valueStartsWith(arn, 'arn:aws:lambda:us-east-1:')).toBe(true);
    expect(valueStartsWith(arn, 'arn:aws:lambda:eu-west-1:')).toBe(false);
    expect(valueStartsWith(arn, `${arn.slice(0, -3)}xyz`)).toBeUndefined();
    expect(valueEndsWith(`${unknownValue('x')}:prod`, ':prod')).toBe(true);
    expect(valueEndsWith(`${unknownValue('x')}:prod`, ':dev')).toBe(false);
  });
});

describe('sets of events too large to walk', () => {
  // Every string of up to a million characters: far more states than the walk takes (MAX_STATES).
  const huge = new Domain([{ optional: [hole(ANY_CHARACTER, 1, 1_000_000, '<long>')] }]);
  const trail = trailModelFromProperties({
    AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.ARN', Equals: ['a'] }] }],
  }, WHERE);

  test('a question one value decides is answered: the empty ARN is not recorded, so not every ARN is', () => {
    expect(recordsEvent(trail, { fields: { 'eventCategory': 'Data', 'resources.ARN': FieldRange.every(huge) }, otherFields: FieldRange.ALL })).toBe(false);
  });

  test('a question the whole set decides is given up as unknown', () => {
    expect(verdictsOver(huge, [[{ field: 'resources.ARN', operators: { Equals: ['a'] } }]])).toBeUndefined();
  });
});

describe('lambdaRecording', () => {
  test('every function and some function', () => {
    const all = lambdaRecording(trailModelFromProperties({ AdvancedEventSelectors: [LAMBDA] }, WHERE));
    expect([all.all, all.some, all.readOnly]).toEqual([true, true, true]);
    const one = lambdaRecording(trailModelFromProperties({
      AdvancedEventSelectors: [{ FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [FN_ARN] }] }],
    }, WHERE));
    expect([one.all, one.some]).toEqual([false, true]);
  });

  test('FieldRange.ALL is dropped by any condition on the field', () => {
    const trail = trailModelFromProperties({ AdvancedEventSelectors: [{ FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', NotEquals: [FN_ARN] }] }] }, WHERE);
    expect(recordsEvent(trail, invocationEvent(FieldRange.ALL))).toBe(false);
    expect(recordsEvent(trail, invocationEvent(FieldRange.SOME, FieldRange.SOME))).toBe(true);
  });
});

describe('coverageOf', () => {
  const fn = (account: string, region: string): FunctionModel => ({ path: 'S/F', arn: `arn:aws:lambda:${region}:${account}:function:f`, account, region });
  const trail = (props: Record<string, any>): Recorder => ({
    label: 't',
    scenarios: [{
      scenario: new Map(),
      exists: true,
      model: trailModelFromProperties({ IsLogging: true, AdvancedEventSelectors: [MANAGEMENT, LAMBDA], ...props }, WHERE),
    }],
  });
  const coverage = (f: FunctionModel, trails: Recorder[]) => coverageOf(f, new Map(), trails);

  test('recorded in the trail\'s account and region', () => {
    expect(coverage(fn('111111111111', 'us-east-1'), [trail({})]).status).toBe(CoverageStatus.RECORDED);
  });

  test('fails when the function is in another region of a single-region trail', () => {
    expect(coverage(fn('111111111111', 'eu-west-1'), [trail({})]).status).toBe(CoverageStatus.NOT_RECORDED);
    expect(coverage(fn('111111111111', 'eu-west-1'), [trail({ IsMultiRegionTrail: true })]).status).toBe(CoverageStatus.RECORDED);
  });

  test('fails when the function is in another account, unless the trail is an organization trail', () => {
    expect(coverage(fn('222222222222', 'us-east-1'), [trail({})]).status).toBe(CoverageStatus.NOT_RECORDED);
    expect(coverage(fn('222222222222', 'us-east-1'), [trail({ IsOrganizationTrail: true })]).status).toBe(CoverageStatus.RECORDED);
  });

  test('an unknown account is neither recorded nor not recorded', () => {
    expect(coverage(fn(unknownValue('AWS::AccountId'), 'us-east-1'), [trail({})]).status).toBe(CoverageStatus.UNKNOWN);
  });

  test('outside the scope of a trail that records other functions', () => {
    const scoped = trail({ AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [FN_ARN] }] }] });
    expect(coverage(fn('111111111111', 'us-east-1'), [scoped])).toEqual({ fn: fn('111111111111', 'us-east-1'), status: CoverageStatus.OUTSIDE_SCOPE, recordedBy: [], lambdaTrailsThere: ['t'] });
  });
});

describe('policy statements', () => {
  test('reads statements, principals, actions and conditions', () => {
    expect(statementsOf({ Statement: { Effect: 'Allow' } })).toEqual([{ Effect: 'Allow' }]);
    expect(statementsOf({ 'Fn::If': [] })).toBeUndefined();
    expect(principalIncludesService({ Principal: { Service: ['a', 'cloudtrail.amazonaws.com'] } }, 'cloudtrail.amazonaws.com')).toBe(true);
    expect(principalIncludesService({ Principal: { AWS: 'arn:aws:iam::1:root' } }, 'cloudtrail.amazonaws.com')).toBe(false);
    expect(actionsInclude({ Action: ['kms:GenerateDataKey*'] }, 'kms:GenerateDataKey')).toBe(true);
    expect(actionsInclude({ Action: 'kms:Decrypt' }, 'kms:GenerateDataKey')).toBe(false);
    expect(conditionKeys({ Condition: { StringEquals: { 'aws:SourceArn': 'x' } } })).toEqual(['aws:sourcearn']);
    expect(deniesInsecureTransport({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': false } } })).toBe(true);
    expect(deniesInsecureTransport({ Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toBe(false);
  });
});
