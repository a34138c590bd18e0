import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, ArnFormat, Aspects, Stack, StackProps } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';
import { LambdaTrailChecks, LambdaTrailChecksProps } from '../../src';

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
export const REGION = 'us-east-1';
export const OTHER_REGION = 'eu-west-1';
export const ENV = { account: ACCOUNT, region: REGION };
export const TRAIL_NAME = 'test-trail';
export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${TRAIL_NAME}`;
export const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * An app with the checks, writing to a fresh directory so each report can be read back. aws-cdk-lib's
 * built-in CloudFormation validation is off: it is not under test and costs most of each synth.
 */
export function checkedApp(props: LambdaTrailChecksProps = {}, appProps: AppProps = {}): App {
  const app = newApp(appProps);
  Aspects.of(app).add(new LambdaTrailChecks(props));
  return app;
}

/** An app without the checks (add them later with `Aspects.of(app).add(...)`). */
export function newApp(appProps: AppProps = {}): App {
  return new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'clt-checks-')),
    builtinCloudFormationValidation: false,
    ...appProps,
  });
}

export function newStack(app: App, id: string, props: StackProps = {}): Stack {
  return new Stack(app, id, { env: ENV, ...props });
}

export function newFunction(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

/** The pieces of an L1 trail set-up; tests change their properties to make one rule fail. */
export interface CfnTrailSetup {
  readonly trail: cloudtrail.CfnTrail;
  readonly key: kms.CfnKey;
  readonly bucket: s3.CfnBucket;
  readonly bucketPolicy: s3.CfnBucketPolicy;
  readonly logGroup: logs.CfnLogGroup;
}

export const KEY_ADMIN_STATEMENT = {
  Sid: 'AccountAdmin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*',
};
/** The key policy statement that lets CloudTrail encrypt the log files of one trail of the account. */
export function keyCloudTrailStatement(trailArn = TRAIL_ARN, account = ACCOUNT): any {
  return {
    Sid: 'CloudTrailEncrypt',
    Effect: 'Allow',
    Principal: { Service: CLOUDTRAIL },
    Action: 'kms:GenerateDataKey*',
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:SourceArn': trailArn },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${account}:trail/*` },
    },
  };
}
export const KEY_CLOUDTRAIL_STATEMENT = keyCloudTrailStatement();

/** The ARN of the trail `name` of the scope's stack: literal in a stack with an env, pseudo parameters in an env-agnostic one. */
export function trailArnIn(scope: Construct, name = TRAIL_NAME): string {
  return Stack.of(scope).formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

export function tlsDenyStatement(bucket: s3.CfnBucket): any {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [bucket.attrArn, `${bucket.attrArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * The statements that let CloudTrail write under AWSLogs/<owner>/ (the bucket's account, or an
 * organization id for an organization trail); `condition` null leaves the condition out.
 */
export function cloudTrailWriteStatements(bucket: s3.CfnBucket, condition: any = { StringEquals: { 'aws:SourceArn': TRAIL_ARN } }, owner = Stack.of(bucket).account): any[] {
  const when = condition === null ? {} : { Condition: condition };
  return [
    { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: CLOUDTRAIL }, Action: 's3:GetBucketAcl', Resource: bucket.attrArn, ...when },
    { Sid: 'CloudTrailWrite', Effect: 'Allow', Principal: { Service: CLOUDTRAIL }, Action: 's3:PutObject', Resource: `${bucket.attrArn}/AWSLogs/${owner}/*`, ...when },
  ];
}

export const MANAGEMENT_SELECTOR: cloudtrail.CfnTrail.AdvancedEventSelectorProperty = {
  name: 'Management events',
  fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
};

export function lambdaSelector(...extra: cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[]): cloudtrail.CfnTrail.AdvancedEventSelectorProperty {
  return {
    name: 'Lambda data events',
    fieldSelectors: [
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
      ...extra,
    ],
  };
}

/**
 * An L1 trail that complies with every rule, with its key, bucket, bucket policy and log group; the
 * key and bucket policies let CloudTrail deliver for this trail, of its stack's account.
 */
export function compliantCfnTrail(scope: Construct, trailName = TRAIL_NAME): CfnTrailSetup {
  const trailArn = trailArnIn(scope, trailName);
  const key = new kms.CfnKey(scope, 'Key', {
    enableKeyRotation: true,
    keyPolicy: { Version: '2012-10-17', Statement: [KEY_ADMIN_STATEMENT, keyCloudTrailStatement(trailArn, Stack.of(scope).account)] },
  });
  const bucket = new s3.CfnBucket(scope, 'Bucket', {
    publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    versioningConfiguration: { status: 'Enabled' },
  });
  const bucketPolicy = new s3.CfnBucketPolicy(scope, 'BucketPolicy', {
    bucket: bucket.ref,
    policyDocument: { Version: '2012-10-17', Statement: [tlsDenyStatement(bucket), ...cloudTrailWriteStatements(bucket, { StringEquals: { 'aws:SourceArn': trailArn } })] },
  });
  const logGroup = new logs.CfnLogGroup(scope, 'LogGroup', { retentionInDays: 365 });
  const trail = new cloudtrail.CfnTrail(scope, 'Trail', {
    trailName,
    isLogging: true,
    enableLogFileValidation: true,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    s3BucketName: bucket.ref,
    kmsKeyId: key.attrArn,
    cloudWatchLogsLogGroupArn: logGroup.attrArn,
    cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/${trailName}-logs`,
    advancedEventSelectors: [MANAGEMENT_SELECTOR, lambdaSelector()],
  });
  trail.addResourceDependency(bucketPolicy);
  return { trail, key, bucket, bucketPolicy, logGroup };
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Brings a template of test/fixtures into the scope under the id `Template`. */
export function includeFixture(scope: Construct, name: string, parameters?: Record<string, any>): cfninc.CfnInclude {
  return new cfninc.CfnInclude(scope, 'Template', { templateFile: path.join(FIXTURES, `${name}.json`), parameters });
}

/** A regexp that matches a finding of the given rule in an annotation message. */
export function rule(id: string): any {
  return Match.stringLikeRegexp(`\\[${id}\\]`);
}

/**
 * Synthesizes the app once (later calls reuse the result) and returns the report and the gate's
 * error: unacknowledged errors fail synthesis, and the report is written before they do.
 */
export function synthesized(app: App, fileName = 'lambda-trail-checks.json'): { report: any; gateError?: Error } {
  const cached = SYNTHESIZED.get(app);
  if (cached) return cached;
  let gateError: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    gateError = e as Error;
    if (!/\[CLT\d+\]/.test(gateError.message)) throw e;
  }
  const result = { report: JSON.parse(fs.readFileSync(path.join(app.outdir, fileName), 'utf8')), gateError };
  SYNTHESIZED.set(app, result);
  return result;
}
const SYNTHESIZED = new WeakMap<App, { report: any; gateError?: Error }>();

/** Every unacknowledged finding under the stack (from the report) as `/<path> <id>` or `/<path> <id> (warning)`, sorted. */
export function findingsOf(stack: Stack): string[] {
  const { report } = synthesized(stack.node.root as App);
  const prefix = stack.node.path;
  const entries: { path: string; finding: any }[] = [
    ...report.trails.flatMap((t: any) => t.findings.map((finding: any) => ({ path: t.path, finding }))),
    ...report.functions.flatMap((f: any) => f.findings.map((finding: any) => ({ path: f.path, finding }))),
    ...report.otherFindings,
  ];
  return entries
    .filter(({ path: p, finding }) => !finding.acknowledged && (p === prefix || p.startsWith(`${prefix}/`)))
    .map(({ path: p, finding }) => `/${p} ${finding.id}${finding.level === 'warning' ? ' (warning)' : ''}`)
    .sort();
}

/** The report the checks wrote when the app was synthesized. */
export function readReport(app: App, fileName = 'lambda-trail-checks.json'): any {
  return synthesized(app, fileName).report;
}

/** A one-stack app (`/Stack`) with the checks and a compliant L1 trail (`/Stack/Trail`) changed by `change`. */
export function cfnTrailCase(change: (setup: CfnTrailSetup, stack: Stack) => void = () => {}): Stack {
  const app = checkedApp();
  const stack = newStack(app, 'Stack');
  change(compliantCfnTrail(stack), stack);
  return stack;
}

/** A one-stack app (`/Stack`) with the checks and a fixture template (its trail is `/Stack/Template/Trail`). */
export function fixtureCase(name: string, parameters?: Record<string, any>): Stack {
  const app = checkedApp();
  const stack = newStack(app, 'Stack');
  includeFixture(stack, name, parameters);
  return stack;
}

/** The messages of the unacknowledged findings on the construct at `constructPath` (`/Stack/Trail`), from the report. */
export function messagesAt(stack: Stack, constructPath: string): string[] {
  const { report } = synthesized(stack.node.root as App);
  const p = constructPath.replace(/^\//, '');
  const entries: { path: string; findings: any[] }[] = [
    ...report.trails, ...report.functions, ...report.otherFindings.map((o: any) => ({ path: o.path, findings: [o.finding] })),
  ];
  return entries.filter(e => e.path === p).flatMap(e => e.findings.filter(f => !f.acknowledged).map(f => f.message));
}
