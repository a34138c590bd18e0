// Every bad input to the constructs and selections throws a LambdaTrailError with a stable code, the
// construct path when there is a construct, and the "X is Y; expected Z" message.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { functionArn, newFunction, newStack, REGION } from './util';
import {
  CompliantLambdaTrail, CostLimitedLambdaTrail, CostLimitedLambdaTrailProps, LambdaFunctionSelection, LambdaTrailChecks, LambdaTrailConfigRule,
  LambdaTrailConfigRuleMemberRole, LambdaTrailMonitoring,
} from '../../src';
import { readCloudAssembly } from '../../src/checks/cloud-assembly';
import { judgeTemplates } from '../../src/engine/judge';
import { LAMBDA_TRAIL_ERROR_CODES, LambdaTrailError, LambdaTrailErrorCode } from '../../src/errors';

interface ErrorCase {
  readonly code: LambdaTrailErrorCode;
  readonly name: string;
  /** Throws; gets a fresh stack `TestStack`. */
  readonly fail: (stack: Stack) => unknown;
  readonly message: RegExp;
  /** The construct path the error names, or undefined for the static factories. */
  readonly constructPath?: string;
  /** The error's name, when a subclass of LambdaTrailError is thrown. */
  readonly errorName?: string;
}

const TRAIL = 'TestStack/Trail';

/** A hand-written trail, with a CloudWatch Logs group ARN or without one. */
function plainTrail(stack: Stack, cloudWatchLogsLogGroupArn?: string): cloudtrail.CfnTrail {
  return new cloudtrail.CfnTrail(stack, 'Plain', { isLogging: true, s3BucketName: 'logs', cloudWatchLogsLogGroupArn, cloudWatchLogsRoleArn: cloudWatchLogsLogGroupArn && 'arn:aws:iam::111111111111:role/logs' });
}

const CASES: ErrorCase[] = [
  {
    code: 'EmptyFunctionList',
    name: 'only([])',
    fail: () => LambdaFunctionSelection.only([]),
    message: /^LambdaFunctionSelection\.only: functions is empty; expected at least one lambda\.IFunction/,
  },
  {
    code: 'EmptyFunctionList',
    name: 'onlyArns([])',
    fail: () => LambdaFunctionSelection.onlyArns([]),
    message: /^LambdaFunctionSelection\.onlyArns: functionArns is empty; expected at least one Lambda function ARN/,
  },
  {
    code: 'EmptyFunctionList',
    name: 'allExcept([])',
    fail: () => LambdaFunctionSelection.allExcept([]),
    message: /^LambdaFunctionSelection\.allExcept: functions is empty; expected at least one lambda\.IFunction/,
  },
  {
    code: 'InvalidFunctionArn',
    name: 'onlyArns with a bucket ARN',
    fail: () => LambdaFunctionSelection.onlyArns(['arn:aws:s3:::my-bucket']),
    message: /^LambdaFunctionSelection\.onlyArns: functionArns contains 'arn:aws:s3:::my-bucket', which is not a Lambda function ARN; expected 'arn:<partition>:lambda:<region>:<account>:function:<name>\[:<version or alias>\]'$/,
  },
  {
    code: 'TooManySelectorValues',
    name: '300 functions',
    fail: stack => new CostLimitedLambdaTrail(stack, 'Trail', {
      functions: LambdaFunctionSelection.onlyArns(Array.from({ length: 300 }, (_, i) => functionArn(`fn${i}`))),
    }),
    message: /^functions: 300 functions need 603 advanced event selector values .*; CloudTrail allows at most 500 per trail\. Use LambdaFunctionSelection\.all\(\), or split the functions across trails$/,
    constructPath: TRAIL,
  },
  {
    code: 'ConflictingBucketOptions',
    name: 'bucket with lifecycleRules and objectLockRetention',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', {
      bucket: new s3.Bucket(stack, 'MyBucket'),
      lifecycleRules: [{ expiration: Duration.days(400) }],
      objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(1)),
    }),
    message: /^bucket and lifecycleRules, objectLockRetention were both given; lifecycleRules, objectLockRetention configure the bucket this construct creates, so configure your own bucket directly or leave out bucket$/,
    constructPath: TRAIL,
  },
  {
    code: 'IncompleteReplication',
    name: 'replicationBucket without replicationKey',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { replicationBucket: new s3.Bucket(stack, 'Replica') }),
    message: /^replicationBucket was given without replicationKey; replicating the SSE-KMS encrypted log files needs both/,
    constructPath: TRAIL,
  },
  {
    code: 'IncompleteReplication',
    name: 'replicationKey without replicationBucket',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { replicationKey: new kms.Key(stack, 'ReplicaKey') }),
    message: /^replicationKey was given without replicationBucket;/,
    constructPath: TRAIL,
  },
  {
    code: 'ConflictingLogOptions',
    name: 'cloudWatchLogs false with logRetention',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { cloudWatchLogs: false, logRetention: logs.RetentionDays.ONE_YEAR }),
    message: /^cloudWatchLogs is false but logRetention was given; expected cloudWatchLogs true \(the default\) to use them$/,
    constructPath: TRAIL,
  },
  {
    code: 'ConflictingLogOptions',
    name: 'logGroup with logRetention',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { logGroup: new logs.LogGroup(stack, 'Logs'), logRetention: logs.RetentionDays.ONE_YEAR }),
    message: /^logGroup and logRetention \(365 days\) were both given; logRetention configures the log group this construct creates/,
    constructPath: TRAIL,
  },
  {
    code: 'InvalidTrailName',
    name: 'a trail name with a space',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { trailName: 'my trail' }),
    message: /^trailName 'my trail' breaks CloudTrail's naming rules \(it contains characters other than letters, digits, periods, underscores and dashes\); expected 3 to 128/,
    constructPath: TRAIL,
  },
  {
    code: 'MissingOrganizationId',
    name: 'isOrganizationTrail without organizationId',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { isOrganizationTrail: true }),
    message: /^isOrganizationTrail is true but organizationId was not given; expected the AWS Organizations id/,
    constructPath: TRAIL,
  },
  {
    code: 'InvalidOrganizationId',
    name: 'a malformed organizationId',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { organizationId: 'o-short' }),
    message: /^organizationId 'o-short' is not an AWS Organizations id; expected o- followed by 10 to 32 lowercase letters or digits$/,
    constructPath: TRAIL,
  },
  {
    code: 'InvalidS3KeyPrefix',
    name: 'an s3KeyPrefix with a trailing slash',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { s3KeyPrefix: 'audit/' }),
    message: /^s3KeyPrefix 'audit\/' is not a valid prefix; expected 1 to 200 characters with no leading or trailing '\/'$/,
    constructPath: TRAIL,
  },
  {
    code: 'MissingFunctions',
    name: 'CostLimitedLambdaTrail without functions',
    fail: stack => new CostLimitedLambdaTrail(stack, 'Trail', {} as CostLimitedLambdaTrailProps),
    message: /^functions is required for CostLimitedLambdaTrail; expected LambdaFunctionSelection\.only\(\[\.\.\.\]\), onlyArns\(\[\.\.\.\]\) or allExcept\(\[\.\.\.\]\)$/,
    constructPath: TRAIL,
  },
  {
    code: 'UnlimitedFunctionSelection',
    name: 'CostLimitedLambdaTrail with all()',
    fail: stack => new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.all() }),
    message: /^functions is LambdaFunctionSelection\.all\(\), which a CostLimitedLambdaTrail does not limit; expected only\(\[\.\.\.\]\), onlyArns\(\[\.\.\.\]\) or allExcept\(\[\.\.\.\]\), or use CompliantLambdaTrail/,
    constructPath: TRAIL,
  },
  {
    code: 'CrossEnvironmentFunction',
    name: 'only([a function of another account])',
    fail: stack => {
      const elsewhere = new Stack(stack.node.root as Construct, 'Elsewhere', { env: { account: '222222222222', region: REGION } });
      return new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([newFunction(elsewhere, 'Fn')]) });
    },
    message: /^functions: Elsewhere\/Fn is in account 222222222222, region us-east-1, but the trail TestStack\/Trail is in account 111111111111, region us-east-1; expected functions of the trail's own account and region, or LambdaFunctionSelection\.onlyArns\(\['arn:aws:lambda:us-east-1:222222222222:function:<name>'\]\)/,
    constructPath: TRAIL,
  },
  {
    code: 'CrossEnvironmentFunction',
    name: 'allExcept([an imported function of another region])',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', {
      functions: LambdaFunctionSelection.allExcept([lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:orders')]),
    }),
    message: /^functions: TestStack\/Imported is in account 111111111111, region eu-west-1, but the trail TestStack\/Trail is in account 111111111111, region us-east-1;/,
    constructPath: TRAIL,
  },
  {
    code: 'InvalidReportFileName',
    name: 'LambdaTrailChecks with a report file name outside the assembly',
    fail: () => new LambdaTrailChecks({ reportFileName: '../report.json' }),
    message: /^reportFileName '\.\.\/report\.json' is not a plain JSON file name; expected letters, digits/,
  },
  {
    code: 'InvalidExternalTrail',
    name: 'LambdaTrailChecks with an external trail account that is not 12 digits',
    fail: () => new LambdaTrailChecks({ externalTrails: [{ name: 'org', account: '1234' }] }),
    message: /^externalTrails\[0\] \(org\): account '1234' is not an AWS account id; expected 12 digits$/,
  },
  {
    code: 'UnacknowledgedErrors',
    name: 'LambdaTrailChecks on an app with a non-compliant trail (the gate)',
    fail: stack => {
      new cloudtrail.CfnTrail(stack, 'Legacy', { isLogging: true, s3BucketName: 'legacy-logs' });
      Aspects.of(stack.node.root).add(new LambdaTrailChecks());
      return (stack.node.root as App).synth();
    },
    message: /^LambdaTrailChecks: \d+ unacknowledged errors stop synthesis/,
    errorName: 'LambdaTrailChecksFailed',
    constructPath: '',
  },
  {
    code: 'DuplicateStackId',
    name: 'judgeTemplates given two stacks with one id',
    fail: () => judgeTemplates([{ id: 'A', stackName: 'A', template: {} }, { id: 'A', stackName: 'B', template: {} }]),
    message: /^two stacks have the id 'A'; expected unique StackInput ids$/,
  },
  {
    code: 'NotACloudAssembly',
    name: 'readCloudAssembly of a directory without manifest.json',
    fail: () => readCloudAssembly(fs.mkdtempSync(path.join(os.tmpdir(), 'not-an-assembly-'))),
    message: /is not a cloud assembly: it has no manifest\.json; expected the output directory of 'cdk synth' \(cdk\.out\)$/,
  },
  {
    code: 'UnreadableFile',
    name: 'readCloudAssembly of a broken manifest.json',
    fail: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broken-assembly-'));
      fs.writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
      return readCloudAssembly(dir);
    },
    message: /manifest\.json could not be read as JSON/,
  },
  {
    code: 'ConflictingLogOptions',
    name: 'cloudWatchLogs false with monitoring',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { cloudWatchLogs: false, monitoring: { deliveryCanary: true } }),
    message: /^cloudWatchLogs is false but monitoring was given; expected cloudWatchLogs true \(the default\) to use them$/,
    constructPath: TRAIL,
  },
  {
    code: 'MissingTrail',
    name: 'LambdaTrailMonitoring without trail or trailName',
    fail: stack => new LambdaTrailMonitoring(stack, 'Monitoring', { logGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', 'trail-logs') }),
    message: /^trailName is not given and no trail was given; expected trail \(a CfnTrail of this app\) or trailName \(the name or ARN of a trail outside it\)$/,
    constructPath: 'TestStack/Monitoring',
  },
  {
    code: 'MissingTrail',
    name: 'LambdaTrailMonitoring with an empty trailName',
    fail: stack => new LambdaTrailMonitoring(stack, 'Monitoring', { trailName: ' ', logGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', 'trail-logs') }),
    message: /^trailName is empty and no trail was given; expected trail/,
    constructPath: 'TestStack/Monitoring',
  },
  {
    code: 'ConflictingMonitoringOptions',
    name: 'LambdaTrailMonitoring with trail and trailName',
    fail: stack => new LambdaTrailMonitoring(stack, 'Monitoring', { trail: plainTrail(stack, 'arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:*'), trailName: 'other' }),
    message: /^trail \(TestStack\/Plain\) and trailName 'other' were both given; expected trail for a trail of this app, or trailName for one outside it$/,
    constructPath: 'TestStack/Monitoring',
  },
  {
    code: 'MissingLogGroup',
    name: 'LambdaTrailMonitoring of a trail without CloudWatch Logs',
    fail: stack => new LambdaTrailMonitoring(stack, 'Monitoring', { trail: plainTrail(stack) }),
    message: /^logGroup is not given and the trail TestStack\/Plain has no cloudWatchLogsLogGroupArn; expected the CloudWatch Logs group the trail delivers to/,
    constructPath: 'TestStack/Monitoring',
  },
  {
    code: 'MissingLogGroup',
    name: 'LambdaTrailMonitoring of a trail outside the app without logGroup',
    fail: stack => new LambdaTrailMonitoring(stack, 'Monitoring', { trailName: 'org-trail' }),
    message: /^logGroup is not given and no trail of this app was given; expected the CloudWatch Logs group/,
    constructPath: 'TestStack/Monitoring',
  },
  {
    code: 'NothingToMonitor',
    name: 'LambdaTrailMonitoring with every alarm off',
    fail: stack => new LambdaTrailMonitoring(stack, 'Monitoring', { trailName: 'org-trail', logGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', 'trail-logs'), tamperAlarm: false }),
    message: /^tamperAlarm is false and deliveryCanary is not true; expected at least one of them/,
    constructPath: 'TestStack/Monitoring',
  },
  {
    code: 'InvalidCanarySchedule',
    name: 'canaryInterval of 90 seconds',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { monitoring: { deliveryCanary: true, canaryInterval: Duration.seconds(90) } }),
    message: /^canaryInterval is 1 minute 30 seconds; expected whole minutes, from 1 minute to 12 hours/,
    constructPath: 'TestStack/Trail/Monitoring',
  },
  {
    code: 'InvalidCanarySchedule',
    name: 'canaryWindow shorter than two intervals',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { monitoring: { deliveryCanary: true, canaryWindow: Duration.minutes(90) } }),
    message: /^canaryWindow is 1 hour 30 minutes; expected at least two canaryIntervals \(1 hour each\) and 30 minutes, and at most 1 day/,
    constructPath: 'TestStack/Trail/Monitoring',
  },
  {
    code: 'InvalidCanarySchedule',
    name: 'canaryWindow of 20 minutes',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { monitoring: { deliveryCanary: true, canaryInterval: Duration.minutes(5), canaryWindow: Duration.minutes(20) } }),
    message: /^canaryWindow is 20 minutes; expected at least two canaryIntervals \(5 minutes each\) and 30 minutes/,
    constructPath: 'TestStack/Trail/Monitoring',
  },
  {
    code: 'InvalidCanarySchedule',
    name: 'canaryWindow over a day once rounded up to whole intervals',
    fail: stack => new CompliantLambdaTrail(stack, 'Trail', { monitoring: { deliveryCanary: true, canaryInterval: Duration.hours(7), canaryWindow: Duration.hours(22) } }),
    message: /^canaryWindow is 22 hours; expected .* at most 1 day once rounded up to whole intervals/,
    constructPath: 'TestStack/Trail/Monitoring',
  },
  {
    code: 'InvalidFrequency',
    name: 'a Config rule every 2 hours',
    fail: stack => new LambdaTrailConfigRule(stack, 'Rule', { frequency: Duration.hours(2) }),
    message: /^frequency is 2 hours; expected Duration.hours\(1\), \(3\), \(6\), \(12\) or \(24\), the periods AWS Config runs a rule at$/,
    constructPath: 'TestStack/Rule',
  },
  {
    code: 'InvalidAcknowledgements',
    name: 'a Config rule acknowledgement without a rule id',
    fail: stack => new LambdaTrailConfigRule(stack, 'Rule', { acknowledgements: [{ resource: 'arn:aws:lambda:us-east-1:111111111111:function:f', rule: 'CTL21', reason: 'Batch job, scheduler only' }] }),
    message: /^acknowledgements: entry 0: "rule" is 'CTL21'; expected a rule id of this tool such as CLT3/,
    constructPath: 'TestStack/Rule',
  },
  {
    code: 'InvalidConfigRuleOrganization',
    name: 'an organization rule excluding an account id that is not 12 digits',
    fail: stack => new LambdaTrailConfigRule(stack, 'Rule', { organization: { excludedAccounts: ['12345'] } }),
    message: /^organization\.excludedAccounts\[0\] is '12345'; expected a 12-digit AWS account id$/,
    constructPath: 'TestStack/Rule',
  },
  {
    code: 'InvalidConfigRuleOrganization',
    name: 'a member role trusting an administrator account that is not 12 digits',
    fail: stack => new LambdaTrailConfigRuleMemberRole(stack, 'MemberRole', { administratorAccount: 'management' }),
    message: /^administratorAccount is 'management'; expected a 12-digit AWS account id$/,
    constructPath: 'TestStack/MemberRole',
  },
  {
    code: 'InvalidReportOptions',
    name: 'a Config rule with reports off and a report bucket',
    fail: stack => new LambdaTrailConfigRule(stack, 'Rule', { reports: false, reportBucket: s3.Bucket.fromBucketName(stack, 'Evidence', 'evidence') }),
    message: /^reports is false and reportBucket is given; expected reportBucket only with reports left unset or true/,
    constructPath: 'TestStack/Rule',
  },
  {
    code: 'InvalidConfigRuleName',
    name: 'a Config rule whose name is longer than the 64 characters GetComplianceDetailsByConfigRule takes',
    fail: stack => new LambdaTrailConfigRule(stack, 'Rule', { configRuleName: 'r'.repeat(65) }),
    message: /^configRuleName is 'r{65}' \(65 characters\); expected 1 to 64 characters, not only spaces/,
    constructPath: 'TestStack/Rule',
  },
  {
    code: 'InvalidConfigRuleName',
    name: 'a Config rule whose name is only spaces',
    fail: stack => new LambdaTrailConfigRule(stack, 'Rule', { configRuleName: '   ' }),
    message: /^configRuleName is ' {3}' \(3 characters\); expected 1 to 64 characters/,
    constructPath: 'TestStack/Rule',
  },
];

function thrownBy(fail: (stack: Stack) => unknown, stack: Stack = newStack()): unknown {
  try {
    fail(stack);
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('LambdaTrailError', () => {
  test.each(CASES.map(c => [c.code, c.name, c] as const))('%s: %s', (_code, _name, c) => {
    const error = thrownBy(c.fail);
    expect(error).toBeInstanceOf(LambdaTrailError);
    expect(LambdaTrailError.isLambdaTrailError(error)).toBe(true);
    const e = error as LambdaTrailError;
    expect(e.name).toBe(c.errorName ?? 'LambdaTrailError');
    expect(e.code).toBe(c.code);
    expect(e.message).toMatch(c.message);
    expect(e.constructPath).toBe(c.constructPath);
  });

  test('every code has a case above, so each is thrown somewhere', () => {
    expect(new Set(CASES.map(c => c.code))).toEqual(new Set(LAMBDA_TRAIL_ERROR_CODES));
  });

  test('the stack trace starts with the code and names the construct path on the next line', () => {
    const error = thrownBy(stack => new CompliantLambdaTrail(stack, 'Trail', { trailName: 'ab' })) as LambdaTrailError;
    const [first, second] = error.stack!.split('\n');
    expect(first).toBe(`LambdaTrailError [InvalidTrailName]: ${error.message}`);
    expect(second).toBe('    at construct path [TestStack/Trail]');
  });

  test('an error of a static factory has no construct path in its stack trace', () => {
    const error = thrownBy(() => LambdaFunctionSelection.only([])) as LambdaTrailError;
    expect(error.stack!.split('\n')[0]).toBe(`LambdaTrailError [EmptyFunctionList]: ${error.message}`);
    expect(error.stack).not.toContain('construct path');
  });

  test('the construct path of a nested construct is its full path', () => {
    const stack = newStack();
    const parent = new Construct(stack, 'Parent');
    const error = thrownBy(() => new CompliantLambdaTrail(parent, 'Audit', { s3KeyPrefix: '/x' })) as LambdaTrailError;
    expect(error.constructPath).toBe('TestStack/Parent/Audit');
  });

  test('CostLimitedLambdaTrail fails before creating anything, naming the path it would have had', () => {
    const stack = newStack();
    const error = thrownBy(() => new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.all() }), stack) as LambdaTrailError;
    expect(error.constructPath).toBe(TRAIL);
    expect(stack.node.tryFindChild('Trail')).toBeUndefined();
  });

  test('isLambdaTrailError is false for other errors and values', () => {
    expect(LambdaTrailError.isLambdaTrailError(new Error('x'))).toBe(false);
    expect(LambdaTrailError.isLambdaTrailError(undefined)).toBe(false);
    expect(LambdaTrailError.isLambdaTrailError('LambdaTrailError')).toBe(false);
  });

  test('the library throws no other error class (the gate\'s LambdaTrailChecksFailed is a LambdaTrailError)', () => {
    const src = path.join(__dirname, '..', '..', 'src');
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.ts'));
    const throws = files.flatMap(file =>
      [...fs.readFileSync(path.join(src, file), 'utf8').matchAll(/throw new (\w+)/g)].map(m => `${file}: ${m[1]}`));
    expect(throws.length).toBeGreaterThan(0);
    // TooManyConditions and NeedsCondition are control flow inside the template evaluator, never thrown to users.
    // JudgingStopped is not a bad input but a defect of the checks (an exception the engine did not expect),
    // thrown only from src/engine/judging-stopped.ts (test/engine/judging-stopped.test.ts).
    expect(throws.filter(t => !/: (LambdaTrailError|LambdaTrailChecksFailed|NeedsCondition|TooManyConditions)$/.test(t)))
      .toEqual([path.join('engine', 'judging-stopped.ts') + ': JudgingStopped']);
  });
});
