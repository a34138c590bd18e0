// Tokens never crash a rule, and values unknown at synth never give a false error.
import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';

import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { checkedApp, findingsOf, fixtureCase, lambdaSelector, MANAGEMENT_SELECTOR, messagesAt, newFunction, newStack } from './helpers';

describe('a CfnTrail whose properties are CfnParameter refs', () => {
  let stack: Stack;

  beforeAll(() => {
    const app = checkedApp();
    stack = newStack(app, 'Stack');
    const param = (id: string) => new CfnParameter(stack, id, { type: 'String' });
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: param('Logging').value,
      enableLogFileValidation: param('Validation').value,
      kmsKeyId: param('KeyArn').valueAsString,
      s3BucketName: param('BucketName').valueAsString,
      isMultiRegionTrail: true,
      cloudWatchLogsLogGroupArn: param('LogGroupArn').valueAsString,
      cloudWatchLogsRoleArn: param('LogsRoleArn').valueAsString,
      advancedEventSelectors: [MANAGEMENT_SELECTOR, lambdaSelector()],
    });
    newFunction(stack, 'F');
  });

  test('the trail is read, and every rule a parameter decides is undecided: CLT0 naming it (never silence)', () => {
    const undecided = messagesAt(stack, '/Stack/Trail').map(m => /could not decide (CLT\d+)/.exec(m)?.[1]);
    expect(undecided).toEqual(['CLT5', 'CLT6', 'CLT7', 'CLT9']);
    expect(messagesAt(stack, '/Stack/Trail')).not.toContainEqual(expect.stringMatching('could not read this trail'));
  });

  test('unknown IsLogging, EnableLogFileValidation, KMSKeyId and S3BucketName give no error', () => {
    expect(findingsOf(stack).filter(f => !f.endsWith(' (warning)'))).toEqual([]);
  });

  test('the function is never counted as recorded: its coverage is undecided (CLT21), not an error', () => {
    expect(findingsOf(stack)).toContain('/Stack/F CLT21 (warning)');
    expect(findingsOf(stack)).not.toContain('/Stack/F CLT20');
  });
});

describe('Fn::Sub and Fn::ImportValue', () => {
  let stack: Stack;

  beforeAll(() => {
    const app = checkedApp();
    stack = newStack(app, 'Stack');
    new cloudtrail.CfnTrail(stack, 'Trail', {
      trailName: Fn.sub('${AWS::StackName}-trail'),
      isLogging: true,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      kmsKeyId: Fn.importValue('AuditKeyArn'),
      s3BucketName: Fn.sub('audit-logs-${AWS::AccountId}'),
      cloudWatchLogsLogGroupArn: Fn.importValue('AuditLogGroupArn'),
      cloudWatchLogsRoleArn: Fn.importValue('AuditLogsRoleArn'),
      advancedEventSelectors: [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', notStartsWith: [Fn.importValue('ExcludedPrefix')] })],
    });
    newFunction(stack, 'F');
  });

  test('no rule crashes and no error is given; what the imports decide is undecided (CLT0 naming the rule)', () => {
    expect(findingsOf(stack).filter(f => !f.endsWith(' (warning)'))).toEqual([]);
    expect(messagesAt(stack, '/Stack/Trail')).not.toContainEqual(expect.stringMatching('could not be evaluated'));
    // The imported exclusion may leave out every function (CLT1), some (CLT3); the imported key and
    // log group may be empty (CLT5, CLT9).
    const undecided = messagesAt(stack, '/Stack/Trail').map(m => /could not decide (CLT\d+)/.exec(m)?.[1]);
    expect(undecided).toEqual(['CLT1', 'CLT3', 'CLT5', 'CLT9']);
  });

  test('an imported exclusion makes the function\'s coverage undecided (CLT21 warning, not CLT20)', () => {
    expect(findingsOf(stack)).toContain('/Stack/F CLT21 (warning)');
    expect(findingsOf(stack)).not.toContain('/Stack/F CLT20');
  });
});

describe('a CfnInclude template with Parameters and Conditions (Fn::If)', () => {
  test('no rule crashes and no error is given; what depends on the condition is undecided (CLT0)', () => {
    const stack = fixtureCase('parameters-and-conditions');
    expect(findingsOf(stack).filter(f => !f.endsWith(' (warning)'))).toEqual([]);
    expect(messagesAt(stack, '/Stack/Template/Trail')).toContainEqual(expect.stringMatching(/\[CLT0\].*could not decide CLT8.*holds only when parameter Env of Stack is "dev"/));
  });

  test('parameters replaced with values at include time are checked: Logging false gives CLT7', () => {
    const stack = fixtureCase('parameters-and-conditions', { Logging: false, Validation: true });
    expect(findingsOf(stack)).toContain('/Stack/Template/Trail CLT7');
    expect(findingsOf(stack)).toEqual(['/Stack/Template/Trail CLT0 (warning)', '/Stack/Template/Trail CLT0 (warning)', '/Stack/Template/Trail CLT7']);
  });
});

describe('an environment-agnostic stack', () => {
  test('a trail and a function in the same agnostic stack: the function is recorded', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Agnostic');
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      s3BucketName: 'logs',
      kmsKeyId: 'alias/logs',
      cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:x',
      cloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/x',
      advancedEventSelectors: [MANAGEMENT_SELECTOR, lambdaSelector()],
    });
    newFunction(stack, 'F');
    expect(findingsOf(stack)).toEqual([]);
  });

  test('a function in an agnostic stack with a single-region trail elsewhere is not a certain CLT20', () => {
    const app = checkedApp();
    const audit = newStack(app, 'Audit');
    new cloudtrail.CfnTrail(audit, 'Trail', {
      isLogging: true,
      isMultiRegionTrail: false,
      s3BucketName: 'logs',
      advancedEventSelectors: [MANAGEMENT_SELECTOR, lambdaSelector()],
    });
    const agnostic = new Stack(app, 'Agnostic');
    newFunction(agnostic, 'F');
    expect(findingsOf(agnostic)).not.toContain('/Agnostic/F CLT20');
  });
});
