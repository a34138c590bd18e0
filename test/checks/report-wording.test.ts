// The report speaks to the front end that builds it: templates before deployment (the Aspect, the
// plugin, lambda-trail check), or a live account read from the AWS APIs (lambda-trail audit and
// remediate), where what is not known could not be read and each fix is what to run there.
import { judgeTemplates } from '../../src/engine/judge';
import { buildReport } from '../../src/engine/report';
import { StackInput } from '../../src/model/cloudformation';
import { Judged, unknownValue } from '../../src/model/unknown-value';
import { RULES } from '../../src/rules/rule-list';

const ACCOUNT = '111111111111';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const NONE = { find: () => undefined, all: () => [] };

/** A live-looking account: a trail whose status could not be read, without log file validation, and a function. */
const inputs: StackInput[] = [{
  id: `${ACCOUNT}/us-east-1`,
  stackName: 'live',
  account: ACCOUNT,
  region: 'us-east-1',
  template: {
    Resources: {
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: {
          TrailName: 'main',
          IsLogging: unknownValue('cloudtrail:GetTrailStatus: AccessDeniedException (not authorized)'),
          IsMultiRegionTrail: true,
          KMSKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
          CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail`,
          AdvancedEventSelectors: [
            { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
            { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] },
          ],
        },
        Metadata: { 'lambda-trail:path': TRAIL_ARN },
      },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' }, Metadata: { 'lambda-trail:path': `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders` } },
    },
  },
}];

const report = (judged?: Judged) => buildReport(judgeTemplates(inputs), { acknowledgements: NONE, frontEnd: 'lambda-trail audit', judged });
/** The findings of the trail and the function by id (CLT0 by the rule it could not decide). */
const findingsOf = (r: ReturnType<typeof report>) => Object.fromEntries([...r.trails[0].findings, ...r.functions[0].findings]
  .map(f => [f.id === 'CLT0' ? `CLT0 ${/could not decide (CLT\d+)/.exec(f.message)![1]}` : f.id, f]));

test('a live account: what is not known could not be read, and the fixes are what to run there, naming the trail', () => {
  const live = findingsOf(report(Judged.LIVE));
  expect(live['CLT0 CLT7'].message).toContain('could not decide CLT7 (The trail is not logging): IsLogging is not known '
    + '(could not be read: cloudtrail:GetTrailStatus: AccessDeniedException (not authorized))');
  expect(live.CLT6.fix).toBe(`aws cloudtrail update-trail --name ${TRAIL_ARN} --enable-log-file-validation`);
  expect(live.CLT6.message).toMatch(new RegExp(`\\. Fix: aws cloudtrail update-trail --name ${TRAIL_ARN} --enable-log-file-validation$`));
  expect(live.CLT21.message).toContain('whether its invocations are recorded is not known: main may record it: whether it is logging (IsLogging) is not known (could not be read: ');
  expect(live.CLT21.fix).toBe(RULES.find(r => r.id === 'CLT21')!.liveFix);
  for (const finding of Object.values(live)) expect(finding.message).not.toMatch(/before deployment|CompliantLambdaTrail to the app|replace CostLimitedLambdaTrail/);
});

test('templates (the default): not known before deployment, and the fixes for the app or template', () => {
  const templates = findingsOf(report());
  expect(templates['CLT0 CLT7'].message).toContain('IsLogging is not known before deployment (not known: cloudtrail:GetTrailStatus: AccessDeniedException (not authorized))');
  expect(templates.CLT6.fix).toBe('Set EnableLogFileValidation to true.');
  expect(templates.CLT21.message).toContain('whether its invocations are recorded is not known before deployment: ');
});

test('the rules the report carries have the fix of its front end', () => {
  expect(report(Judged.LIVE).rules.find(r => r.id === 'CLT1')!.fix).toBe(RULES.find(r => r.id === 'CLT1')!.liveFix);
  expect(report().rules.find(r => r.id === 'CLT1')!.fix).toBe(RULES.find(r => r.id === 'CLT1')!.fix);
});
