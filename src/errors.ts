// The one error class of the library. Internal to the jsii API (not exported from the package entry
// point), like aws-cdk-lib's ValidationError: programs recognise it by `name` and `code`.
import { IConstruct } from 'constructs';

/**
 * The stable codes of the library's errors. Programs and tests may rely on them; the messages may be
 * reworded. A code names what is wrong, not where: the construct path says where.
 */
export const LAMBDA_TRAIL_ERROR_CODES = [
  /** `LambdaFunctionSelection.only`, `onlyArns` or `allExcept` was given no function. */
  'EmptyFunctionList',
  /** `LambdaFunctionSelection.onlyArns` was given something that is not a Lambda function ARN. */
  'InvalidFunctionArn',
  /** More functions than CloudTrail's advanced event selector values allow on one trail. */
  'TooManySelectorValues',
  /** `bucket` was given with options that configure the bucket the construct creates. */
  'ConflictingBucketOptions',
  /** Only one of `replicationBucket` and `replicationKey` was given. */
  'IncompleteReplication',
  /** CloudWatch Logs options that contradict each other (`cloudWatchLogs: false` with log options, `logGroup` with `logRetention`). */
  'ConflictingLogOptions',
  /** `trailName` breaks CloudTrail's naming rules. */
  'InvalidTrailName',
  /** `isOrganizationTrail` is true without `organizationId`. */
  'MissingOrganizationId',
  /** `organizationId` is not an AWS Organizations id. */
  'InvalidOrganizationId',
  /** `s3KeyPrefix` is not a prefix CloudTrail accepts. */
  'InvalidS3KeyPrefix',
  /** `CostLimitedLambdaTrail` was given no `functions`. */
  'MissingFunctions',
  /** `CostLimitedLambdaTrail` was given `LambdaFunctionSelection.all()`, which limits nothing. */
  'UnlimitedFunctionSelection',
  /** A `LambdaFunctionSelection` of constructs names a function of another account or region than the trail's. */
  'CrossEnvironmentFunction',
  /** `LambdaTrailChecksProps.reportFileName` is not a plain JSON file name. */
  'InvalidReportFileName',
  /** `LambdaTrailChecksProps.externalTrails` has an entry that cannot be read. */
  'InvalidExternalTrail',
  /** `LambdaTrailChecks` found unacknowledged errors: synthesis stops. */
  'UnacknowledgedErrors',
  /** The engine was given two stacks with the same id. */
  'DuplicateStackId',
  /** A directory given as a cloud assembly has no manifest.json. */
  'NotACloudAssembly',
  /** A file of a cloud assembly could not be read. */
  'UnreadableFile',
  /** `LambdaTrailMonitoring` was given neither `trail` nor `trailName`. */
  'MissingTrail',
  /** `LambdaTrailMonitoring` has no log group to read: no `logGroup`, and a `trail` without `cloudWatchLogsLogGroupArn`. */
  'MissingLogGroup',
  /** `LambdaTrailMonitoring` options that exclude each other (`trail` and `trailName`). */
  'ConflictingMonitoringOptions',
  /** `LambdaTrailMonitoring` with `tamperAlarm: false` and no `deliveryCanary`. */
  'NothingToMonitor',
  /** `canaryInterval` or `canaryWindow` outside what the delivery canary can alarm on. */
  'InvalidCanarySchedule',
  /** `LambdaTrailConfigRule`'s `frequency` is not a period AWS Config runs a rule at (1, 3, 6, 12 or 24 hours). */
  'InvalidFrequency',
  /** `LambdaTrailConfigRule`'s `acknowledgements` or `acknowledgementsFile` is malformed, unreadable, has a reason under 10 characters, or is too large for the function's environment. */
  'InvalidAcknowledgements',
  /** `LambdaTrailConfigRule`'s `organization` options or `LambdaTrailConfigRuleMemberRole`'s props are outside what AWS accepts: an account id that is not 12 digits, over 1,000 or repeated excluded accounts, a role or rule name IAM or AWS Config rejects. */
  'InvalidConfigRuleOrganization',
  /** `LambdaTrailConfigRule`'s report options contradict each other (`reports: false` with `reportBucket`) or `reportPrefix` is not an S3 key prefix. */
  'InvalidReportOptions',
  /** `LambdaTrailConfigRule`'s `configRuleName` (single account) is empty, only spaces, or longer than 64 characters. */
  'InvalidConfigRuleName',
] as const;

/** One of `LAMBDA_TRAIL_ERROR_CODES`. */
export type LambdaTrailErrorCode = typeof LAMBDA_TRAIL_ERROR_CODES[number];

const LAMBDA_TRAIL_ERROR = Symbol.for('cdk-compliant-lambda-trail.LambdaTrailError');

/**
 * A bad input to the library: the message names the prop, the value given and what is expected
 * ("X is Y; expected Z"), `code` says what kind of problem it is, and `constructPath` which construct
 * was given the input (absent for the static factories of `LambdaFunctionSelection`, which have none).
 *
 * In the style of aws-cdk-lib's `ValidationError`: the message stays what the user reads, and the
 * stack trace names the construct path on the line after it.
 */
export class LambdaTrailError extends Error {
  /** True for a `LambdaTrailError`, also one thrown by another copy of the library. */
  public static isLambdaTrailError(x: unknown): x is LambdaTrailError {
    return x !== null && typeof x === 'object' && LAMBDA_TRAIL_ERROR in x;
  }

  /** What kind of problem it is; stable across versions. */
  public readonly code: LambdaTrailErrorCode;
  /** The path of the construct that was given the bad input, when there is one. */
  public readonly constructPath?: string;

  /**
   * @param code what kind of problem it is
   * @param message "X is Y; expected Z": the prop, the value given and what is expected
   * @param scope the construct that was given the input, or the scope it is being created in
   * @param childId the id of the construct being created in `scope`, when the error is thrown before it exists
   */
  constructor(code: LambdaTrailErrorCode, message: string, scope?: IConstruct, childId?: string) {
    super(message);
    this.name = 'LambdaTrailError';
    this.code = code;
    Object.defineProperty(this, LAMBDA_TRAIL_ERROR, { value: true });
    if (scope) {
      const path = scope.node.path;
      this.constructPath = childId === undefined ? path : [path, childId].filter(part => part !== '').join('/');
    }
    const header = `${this.name}: ${message}`;
    if (this.stack?.startsWith(header)) {
      const where = this.constructPath === undefined ? '' : `\n    at construct path [${this.constructPath}]`;
      this.stack = `${this.name} [${code}]: ${message}${where}${this.stack.slice(header.length)}`;
    }
  }
}
