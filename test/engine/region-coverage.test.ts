// The engine's answer for an account and region as a whole (JudgeOptions.regions): do its logging
// trails record Lambda invocations there, for any function? LambdaTrailConfigRule's account
// evaluation rests on it, whatever functions the region holds (none, or ones not listed yet).
import { judgeTemplates } from '../../src/engine/judge';
import { StackInput } from '../../src/model/cloudformation';
import { CoverageStatus } from '../../src/model/coverage-status';
import { unknownValue } from '../../src/model/unknown-value';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const PLACE = { partition: 'aws', account: ACCOUNT, region: REGION };
const MANAGEMENT = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const lambda = (...more: object[]) => ({
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }, ...more],
});
const trail = (name: string, selectors: object[], more: Record<string, unknown> = {}) => ({
  Type: 'AWS::CloudTrail::Trail',
  Properties: { TrailName: name, IsLogging: true, IsMultiRegionTrail: true, S3BucketName: 'logs', AdvancedEventSelectors: selectors, ...more },
});
const stack = (resources: Record<string, unknown>, region = REGION): StackInput => ({
  id: `${ACCOUNT}/${region}`, stackName: 'live', account: ACCOUNT, region, template: { Resources: resources as any },
});
const regionOf = (resources: Record<string, unknown>, region = REGION) => {
  const judgement = judgeTemplates([stack(resources, region)], { regions: [PLACE] });
  expect(judgement.regions).toHaveLength(1);
  return judgement.regions![0];
};

test('without the option, the judgement has no regions', () => {
  expect(judgeTemplates([stack({ T: trail('all', [MANAGEMENT, lambda()]) })]).regions).toBeUndefined();
});

test('a trail of every function: RECORDED by it, in a region with no function at all', () => {
  expect(regionOf({ T: trail('all', [MANAGEMENT, lambda()]) })).toEqual({
    account: ACCOUNT, region: REGION, status: CoverageStatus.RECORDED, recordedBy: ['all'], lambdaTrailsThere: [],
  });
});

test('a cost-limited trail (named functions): some functions only, OUTSIDE_SCOPE naming it, never unknown because the name of "any function" is not known', () => {
  const limited = trail('limited', [MANAGEMENT, lambda({ Field: 'resources.ARN', StartsWith: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`] })]);
  expect(regionOf({ T: limited })).toMatchObject({ status: CoverageStatus.OUTSIDE_SCOPE, lambdaTrailsThere: ['limited'] });
});

test('no trail, a management-only trail, a read-only selector, a stopped trail, a trail of another region: NOT_RECORDED', () => {
  expect(regionOf({})).toMatchObject({ status: CoverageStatus.NOT_RECORDED, recordedBy: [], lambdaTrailsThere: [] });
  expect(regionOf({ T: trail('mgmt', [MANAGEMENT]) }).status).toBe(CoverageStatus.NOT_RECORDED);
  expect(regionOf({ T: trail('ro', [MANAGEMENT, lambda({ Field: 'readOnly', Equals: ['true'] })]) }).status).toBe(CoverageStatus.NOT_RECORDED);
  expect(regionOf({ T: trail('stopped', [MANAGEMENT, lambda()], { IsLogging: false }) }).status).toBe(CoverageStatus.NOT_RECORDED);
  expect(regionOf({ T: trail('west', [MANAGEMENT, lambda()], { IsMultiRegionTrail: false }) }, 'us-west-2').status).toBe(CoverageStatus.NOT_RECORDED);
});

test('a trail whose logging could not be read: UNKNOWN with the reason, never recorded', () => {
  const region = regionOf({ T: trail('unread', [MANAGEMENT, lambda()], { IsLogging: unknownValue('cloudtrail:GetTrailStatus: AccessDenied') }) });
  expect(region.status).toBe(CoverageStatus.UNKNOWN);
  expect(region.unknownBecause).toContain('cloudtrail:GetTrailStatus: AccessDenied');
});

test('a trail that records only callers starting with X, another the rest: RECORDED by both together', () => {
  const callers = (op: string) => ({ Field: 'userIdentity.arn', [op]: ['arn:aws:sts::111111111111:assumed-role/X'] });
  const region = regionOf({ A: trail('a', [MANAGEMENT, lambda(callers('StartsWith'))]), B: trail('b', [lambda(callers('NotStartsWith'))]) });
  expect(region).toMatchObject({ status: CoverageStatus.RECORDED, recordedBy: ['a', 'b'] });
});
