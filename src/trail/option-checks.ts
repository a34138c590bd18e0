// Internal: the checks of a trail construct's options, each throwing a LambdaTrailError that names the
// prop, the value given and what is expected. Misuse fails at once, before any resource is created.
import { IResource, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { IConstruct } from 'constructs';
import type { LambdaFunctionSelection } from './lambda-function-selection';
import { toCloudFormation } from './lambda-selector';
import type { LambdaTrailOptions } from './lambda-trail-options';
import { LambdaTrailError } from '../errors';
import { countAdvancedValues, MAX_ADVANCED_VALUES } from '../model/cloudtrail-limits';
import { functionArn } from '../model/lambda-arns';
import { readAdvancedSelectors } from '../model/trail-model';

/** The options that configure the log bucket the construct creates, so cannot go with `bucket`. */
const BUCKET_OPTIONS = ['lifecycleRules', 'serverAccessLogsBucket', 'replicationBucket', 'replicationKey', 'objectLockRetention'] as const;

/** The options that configure CloudWatch Logs delivery, so cannot go with `cloudWatchLogs: false`. */
const LOG_OPTIONS = ['logGroup', 'logRetention', 'monitoring'] as const;

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Throws a `LambdaTrailError` on `trail` for the first option that is wrong, alone or with another. */
export function checkOptions(trail: IConstruct, options: LambdaTrailOptions): void {
  if (options.bucket) {
    const bucketOptions = BUCKET_OPTIONS.filter(key => options[key] !== undefined);
    if (bucketOptions.length > 0) {
      throw new LambdaTrailError('ConflictingBucketOptions', `bucket and ${bucketOptions.join(', ')} were both given; ${bucketOptions.join(', ')} configure the bucket this construct creates, so configure your own bucket directly or leave out bucket`, trail);
    }
  }
  if ((options.replicationBucket === undefined) !== (options.replicationKey === undefined)) {
    const given = options.replicationBucket ? 'replicationBucket' : 'replicationKey';
    const missing = options.replicationBucket ? 'replicationKey' : 'replicationBucket';
    throw new LambdaTrailError('IncompleteReplication', `${given} was given without ${missing}; replicating the SSE-KMS encrypted log files needs both the destination bucket and a KMS key in its Region`, trail);
  }
  if (options.cloudWatchLogs === false) {
    const logOptions = LOG_OPTIONS.filter(key => options[key] !== undefined);
    if (logOptions.length > 0) {
      throw new LambdaTrailError('ConflictingLogOptions', `cloudWatchLogs is false but ${logOptions.join(', ')} was given; expected cloudWatchLogs true (the default) to use them`, trail);
    }
  }
  if (options.logGroup && options.logRetention !== undefined) {
    throw new LambdaTrailError('ConflictingLogOptions', `logGroup and logRetention (${options.logRetention} days) were both given; logRetention configures the log group this construct creates, so set the retention on your own log group`, trail);
  }
  if (options.trailName !== undefined) {
    const problem = trailNameProblem(options.trailName);
    if (problem) {
      throw new LambdaTrailError('InvalidTrailName', `trailName '${options.trailName}' breaks CloudTrail's naming rules (${problem}); expected 3 to 128 letters, digits, periods, underscores or dashes, starting and ending with a letter or digit, with no two of '._-' side by side, not an IP address`, trail);
    }
  }
  if (options.isOrganizationTrail === true && options.organizationId === undefined) {
    throw new LambdaTrailError('MissingOrganizationId', 'isOrganizationTrail is true but organizationId was not given; expected the AWS Organizations id (o- followed by 10 to 32 lowercase letters or digits), which the bucket policy needs for the AWSLogs/<org id>/ path', trail);
  }
  if (options.organizationId !== undefined && !Token.isUnresolved(options.organizationId) && !ORGANIZATION_ID.test(options.organizationId)) {
    throw new LambdaTrailError('InvalidOrganizationId', `organizationId '${options.organizationId}' is not an AWS Organizations id; expected o- followed by 10 to 32 lowercase letters or digits`, trail);
  }
  const prefix = options.s3KeyPrefix;
  if (prefix !== undefined && !Token.isUnresolved(prefix)
    && (prefix.length === 0 || prefix.length > 200 || prefix.startsWith('/') || prefix.endsWith('/'))) {
    throw new LambdaTrailError('InvalidS3KeyPrefix', `s3KeyPrefix '${prefix}' is not a valid prefix; expected 1 to 200 characters with no leading or trailing '/'`, trail);
  }
}

/**
 * CloudTrail's naming rules: 3 to 128 letters, digits, periods, underscores and dashes; starts and ends
 * with a letter or digit; no two of `._-` side by side; not an IP address.
 */
export function trailNameProblem(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  if (name.length < 3 || name.length > 128) return `it has ${name.length} characters`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'it contains characters other than letters, digits, periods, underscores and dashes';
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) return 'it does not start and end with a letter or digit';
  if (/[._-]{2}/.test(name)) return 'it has adjacent periods, underscores or dashes';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'it is formatted as an IP address';
  return undefined;
}

/** Throws when the selectors use more values than CloudTrail allows on one trail (counted as the model counts them). */
export function checkSelectorValues(
  trail: IConstruct, selectors: CfnTrail.AdvancedEventSelectorProperty[], functions: LambdaFunctionSelection,
): void {
  const values = countAdvancedValues(readAdvancedSelectors(selectors.map(toCloudFormation)));
  if (values > MAX_ADVANCED_VALUES) {
    throw new LambdaTrailError('TooManySelectorValues', `functions: ${functions.functionArns.length} functions need ${values} advanced event selector values (each function's ARN, and its versions and aliases); CloudTrail allows at most ${MAX_ADVANCED_VALUES} per trail. Use LambdaFunctionSelection.all(), or split the functions across trails`, trail);
  }
}

/**
 * A selection of function constructs must name functions of the trail's own environment: aws-cdk-lib
 * cannot reference a function of another account or region (its error would not say which trail or
 * what to do). A multi-region trail records functions of every region by ARN, and an organization
 * trail those of every account: `onlyArns` takes them.
 */
export function checkFunctionEnvironments(trail: IConstruct, functions: LambdaFunctionSelection): void {
  const here = Stack.of(trail);
  for (const fn of functions._functionConstructs) {
    const env = fn && (fn as Partial<IResource>).env;
    if (!fn || !env) continue;
    const differs = (theirs: string, ours: string) => !Token.isUnresolved(theirs) && !Token.isUnresolved(ours) && theirs !== ours;
    if (differs(env.account, here.account) || differs(env.region, here.region)) {
      const arn = functionArn({ partition: Token.isUnresolved(here.partition) ? 'aws' : here.partition, region: env.region, account: env.account }, '<name>');
      throw new LambdaTrailError('CrossEnvironmentFunction',
        `functions: ${fn.node.path} is in account ${env.account}, region ${env.region}, but the trail ${trail.node.path} is in account ${here.account}, region ${here.region}; `
        + `expected functions of the trail's own account and region, or LambdaFunctionSelection.onlyArns(['${arn}']) for functions elsewhere `
        + '(a multi-region trail records every region of its account; functions of another account only as an organization trail)', trail);
    }
  }
}
