// The apps the validator tests synthesize: the library's constructs with their main options, and a
// plain aws-cdk-lib Trail as the negative control. Resources the test itself creates (a function, a
// key, buckets) are the test's, not the library's: their findings are acknowledged here, with reasons.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, IPolicyValidationPlugin, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { LambdaTrailConfigRule } from '../../src/config-rule/lambda-trail-config-rule';
import { LambdaTrailConfigRuleMemberRole } from '../../src/config-rule/lambda-trail-config-rule-member-role';
import { CompliantLambdaTrail } from '../../src/trail/compliant-lambda-trail';
import { CostLimitedLambdaTrail } from '../../src/trail/cost-limited-lambda-trail';
import { LambdaFunctionSelection } from '../../src/trail/lambda-function-selection';
import { LambdaTrailMonitoring } from '../../src/trail/lambda-trail-monitoring';
import { skipCheckov } from '../../src/trail/validator-acknowledgements';

export const ENV = { account: '111111111111', region: 'us-east-1' };

export interface ValidatorCase {
  /** Also the stack name, so each case's template file has its own name. */
  readonly name: string;
  readonly build: (stack: Stack) => void;
}

/** What the library synthesizes: every validator must find nothing unacknowledged here. */
export const LIBRARY_CASES: ValidatorCase[] = [
  { name: 'Defaults', build: stack => new CompliantLambdaTrail(stack, 'Trail') },
  { name: 'OrganizationTrail', build: stack => new CompliantLambdaTrail(stack, 'Trail', { organizationId: 'o-abcdefghij' }) },
  {
    name: 'BringYourOwnKeyAndBucket',
    build: stack => new CompliantLambdaTrail(stack, 'Trail', { encryptionKey: testKey(stack, 'UserKey'), bucket: testBucket(stack, 'UserBucket') }),
  },
  { name: 'CloudWatchLogsOff', build: stack => new CompliantLambdaTrail(stack, 'Trail', { cloudWatchLogs: false }) },
  {
    name: 'CostLimited',
    build: stack => new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([testFunction(stack)]) }),
  },
  { name: 'DeliveryCanary', build: stack => new CompliantLambdaTrail(stack, 'Trail', { monitoring: { deliveryCanary: true } }) },
  {
    name: 'CostLimitedDeliveryCanary',
    build: stack => new CostLimitedLambdaTrail(stack, 'Trail', {
      functions: LambdaFunctionSelection.only([testFunction(stack)]),
      monitoring: { deliveryCanary: true },
    }),
  },
  {
    name: 'MonitoringOfAnExistingTrail',
    build: stack => new LambdaTrailMonitoring(stack, 'Monitoring', {
      trailName: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/organization-trail',
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'OrganizationTrailLogs', 'aws-controltower/CloudTrailLogs'),
      deliveryCanary: true,
    }),
  },
  { name: 'ConfigRule', build: stack => new LambdaTrailConfigRule(stack, 'Rule') },
  { name: 'OrganizationConfigRule', build: stack => new LambdaTrailConfigRule(stack, 'Rule', { organization: { excludedAccounts: ['222222222222'] } }) },
  { name: 'ConfigRuleMemberRole', build: stack => new LambdaTrailConfigRuleMemberRole(stack, 'MemberRole', { administratorAccount: '222222222222' }) },
  { name: 'ConfigRuleReports', build: stack => new LambdaTrailConfigRule(stack, 'Rule', { reports: true }) },
  { name: 'ConfigRuleReportsToOwnBucket', build: stack => new LambdaTrailConfigRule(stack, 'Rule', { reportBucket: testBucket(stack, 'UserBucket') }) },
  {
    name: 'ReplicationAndObjectLock',
    build: stack => new CompliantLambdaTrail(stack, 'Trail', {
      replicationBucket: testBucket(stack, 'ReplicaBucket'),
      replicationKey: testKey(stack, 'ReplicaKey'),
      objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
    }),
  },
];

/** The negative control: what aws-cdk-lib's own L2 Trail synthesizes. */
export const PLAIN_TRAIL: ValidatorCase = { name: 'PlainTrail', build: stack => new cloudtrail.Trail(stack, 'Plain') };

export interface Synthesized {
  readonly outdir: string;
  readonly templatePath: string;
  /** The report aws-cdk-lib writes to the cloud assembly when policy validation plugins run. */
  readonly report: ValidationReport;
  /** The error synthesis threw (aws-cdk-lib throws in tests when a plugin reports a violation). */
  readonly error?: Error;
}

export interface ValidationReport {
  readonly pluginReports: PluginReport[];
}

export interface PluginReport {
  readonly pluginName: string;
  readonly conclusion: string;
  readonly violations: Violation[];
  readonly suppressedViolations?: (Violation & { acknowledgedId: string; reason: string; acknowledgedAt: string })[];
}

export interface Violation {
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly violatingConstructs: { constructPath?: string }[];
}

/** Synthesizes one case in a fresh App with the plugins, and reads the validation report. */
export function synthesize(c: ValidatorCase, plugins: (app: App) => IPolicyValidationPlugin[]): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `clt-validators-${c.name}-`));
  const app = new App({ outdir });
  const stack = new Stack(app, c.name, { env: ENV });
  c.build(stack);
  Validations.of(app).addPlugins(...plugins(app));
  const exitCode = process.exitCode;
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  } finally {
    // Some aws-cdk-lib versions report violations by setting the exit code instead of throwing:
    // a negative control must not fail the jest run, and the report below is what the tests assert on.
    process.exitCode = exitCode;
  }
  const reportPath = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(reportPath)) {
    throw new Error(`${c.name}: synthesis wrote no validation report (${reportPath})${error ? `: ${error.message}` : ''}`);
  }
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as ValidationReport;
  return { outdir, templatePath: path.join(outdir, `${c.name}.template.json`), report, error };
}

/** Unacknowledged violations, one line each: `plugin rule at construct path`. */
export function unacknowledged(report: ValidationReport, pluginName?: string): string[] {
  return report.pluginReports
    .filter(r => pluginName === undefined || r.pluginName === pluginName)
    .flatMap(r => r.violations.flatMap(v => v.violatingConstructs.map(c => `${r.pluginName} ${v.ruleName} at ${c.constructPath ?? '?'}`)));
}

function acknowledgeTestResource(scope: IConstruct, reason: string, ids: string[]): void {
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}

const NAG = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
const nag = (rule: string) => NAG.map(pack => `${pack}::${pack}-${rule}`);
const guard = (rule: string) => `cdk-validator-cfnguard::${rule}`;

/** A key the user brings: rotation on, and grants limited to AWS services (CT.KMS.PR.3). */
function testKey(stack: Stack, id: string): kms.Key {
  const key = new kms.Key(stack, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  key.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}

/** A secure bucket the user brings; what it lacks is the user's choice, acknowledged as the test's. */
function testBucket(stack: Stack, id: string): s3.Bucket {
  const bucket = new s3.Bucket(stack, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: testKey(stack, `${id}Key`),
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeTestResource(bucket, 'The test\'s own bucket, standing for one the user brings: its access logging, replication, event notifications and Object Lock are the user\'s choices, not the library\'s', [
    ...nag('S3BucketLoggingEnabled'), ...nag('S3BucketReplicationEnabled'), 'AwsSolutions::AwsSolutions-S1',
    guard('s3_bucket_logging_enabled_check'), guard('s3_event_notifications_enabled_check'), guard('s3_bucket_object_lock_enabled_check'),
  ]);
  skipCheckov(bucket.node.defaultChild as s3.CfnBucket, 'CKV_AWS_18', 'The test\'s own bucket: its access logging is the user\'s choice');
  return bucket;
}

/** The function whose invocations the cost-limited trail records; the test's, not the library's. */
function testFunction(stack: Stack): lambda.Function {
  const fn = new lambda.Function(stack, 'Function', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
  });
  acknowledgeTestResource(fn, 'The test\'s own function, whose invocations the trail records: its VPC, concurrency, dead-letter queue and execution role are the application\'s concern, not the trail library\'s', [
    ...nag('LambdaConcurrency'), ...nag('LambdaDLQ'), ...nag('LambdaInsideVPC'),
    'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AwsSolutions::AwsSolutions-L1',
    guard('lambda_inside_vpc_check'), guard('lambda_function_public_access_prohibited_check'),
  ]);
  const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
  for (const id of ['CKV_AWS_115', 'CKV_AWS_116', 'CKV_AWS_117']) {
    skipCheckov(cfnFunction, id, 'The test\'s own function: concurrency, dead-letter queue and VPC are the application\'s choices');
  }
  // aws-cdk-lib's Function adds a DependsOn its role that a GetAtt already implies.
  cfnFunction.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
  return fn;
}
