import { ArnFormat, Names, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { LambdaFunctionSelection } from './lambda-function-selection';
import {
  AUDIT_RETENTION_DAYS, AUDIT_RETENTION_TEXT, bucketPolicyStatements, CLOUDTRAIL, keyPolicyStatements,
  logObjectPrefixes, renderStatements, retentionDays, secureBucketProps, TrailIdentity, trailNameProblem,
} from './secure-defaults';

/** aws-cdk-lib's feature flag that grants S3 server access log delivery by bucket policy instead of an ACL. */
const S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/** CloudTrail accepts at most this many values across all conditions of a trail's advanced event selectors. */
const MAX_SELECTOR_VALUES = 500;

/**
 * Options shared by `CompliantLambdaTrail` and `CostLimitedLambdaTrail`.
 */
export interface LambdaTrailOptions {
  /**
   * The trail's name. A name is always set so that the trail's ARN can appear in the
   * `aws:SourceArn` conditions of the key and bucket policies without a dependency cycle.
   *
   * @default - a deterministic name made from the construct path (stack name, ids and a hash)
   */
  readonly trailName?: string;

  /**
   * The KMS key that encrypts the log files (and the CloudWatch Logs group).
   * A key in this app gets the statements CloudTrail and CloudWatch Logs need; an imported key
   * cannot be changed, so it gets a warning that lists them.
   *
   * @default - a new KMS key with rotation, whose policy lets only this trail use it
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The S3 bucket that receives the log files. Mutually exclusive with `lifecycleRules` and
   * `serverAccessLogsBucket`, which configure the bucket this construct creates.
   *
   * @default - a new versioned, SSE-KMS, TLS-only bucket with public access blocked, ACLs disabled
   *   and server access logs to a separate bucket; retained on stack deletion
   */
  readonly bucket?: s3.IBucket;

  /**
   * Lifecycle rules for the new log bucket, for example to move logs to Glacier.
   * A rule that expires log files in less than a year gets a warning.
   *
   * @default - no lifecycle: log files are kept forever
   */
  readonly lifecycleRules?: s3.LifecycleRule[];

  /**
   * The bucket that receives the new log bucket's server access logs.
   *
   * @default - a new bucket (S3-managed encryption, public access blocked, TLS only, versioned)
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * A prefix for the log files' keys in the bucket (no leading or trailing `/`).
   *
   * @default - no prefix: logs go to `AWSLogs/<account>/`
   */
  readonly s3KeyPrefix?: string;

  /**
   * Whether to deliver events to a CloudWatch Logs group as well (for metric filters and alarms).
   *
   * @default true
   */
  readonly cloudWatchLogs?: boolean;

  /**
   * The CloudWatch Logs group to deliver to. Only when `cloudWatchLogs` is not false.
   *
   * @default - a new log group encrypted with the trail's key, retained on stack deletion
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the new log group keeps events. Under one year gets a warning.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The AWS Organizations id (`o-...`) for an organization trail; giving it makes the trail an
   * organization trail and lets CloudTrail write `AWSLogs/<org id>/`. Deploy from the management
   * account or a delegated administrator.
   *
   * @default - not an organization trail
   */
  readonly organizationId?: string;

  /**
   * Whether the trail records every account of the organization. Requires `organizationId`.
   *
   * @default - true when `organizationId` is given, false otherwise
   */
  readonly isOrganizationTrail?: boolean;

  /**
   * An SNS topic notified of every log file delivery. A topic in this app gets a statement that
   * lets only this trail publish.
   *
   * @default - no notifications
   */
  readonly snsTopic?: sns.ITopic;

  /**
   * CloudTrail Insights types to record (unusual API call or error rates).
   *
   * @default - no Insights (they are billed separately)
   */
  readonly insightTypes?: cloudtrail.InsightType[];

  /**
   * What happens to the key, the buckets and the log group when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN - audit logs are never deleted by default
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Properties of a `CompliantLambdaTrail`.
 */
export interface CompliantLambdaTrailProps extends LambdaTrailOptions {
  /**
   * Which functions' data events (invocations) are recorded.
   *
   * @default LambdaFunctionSelection.all() - every current and future function, as the control requires
   */
  readonly functions?: LambdaFunctionSelection;
}

/**
 * A CloudTrail trail that records management events and Lambda data events (read and write)
 * for every current and future function, with secure defaults: a KMS key with rotation that only
 * this trail can use, a locked-down versioned log bucket with server access logs, log file
 * validation, multi-region with global service events, and CloudWatch Logs delivery.
 */
export class CompliantLambdaTrail extends Construct {
  /** The trail (L1), the construct's default child. */
  public readonly trail: cloudtrail.CfnTrail;
  /** The trail's name. */
  public readonly trailName: string;
  /** The trail's ARN, known before deployment because the name is. */
  public readonly trailArn: string;
  /** The bucket that receives the log files. */
  public readonly bucket: s3.IBucket;
  /** The bucket that receives the log bucket's server access logs, when this construct configures the log bucket. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The KMS key that encrypts the log files. */
  public readonly encryptionKey: kms.IKey;
  /** The CloudWatch Logs group, when CloudWatch Logs delivery is on. */
  public readonly logGroup?: logs.ILogGroup;
  /** The role CloudTrail assumes to write to the log group, when CloudWatch Logs delivery is on. */
  public readonly logsRole?: iam.IRole;
  /** Which functions' data events the trail records. */
  public readonly functions: LambdaFunctionSelection;

  constructor(scope: Construct, id: string, props: CompliantLambdaTrailProps = {}) {
    super(scope, id);
    // The log bucket's server access logs go to a bucket with ACLs disabled (BUCKET_OWNER_ENFORCED),
    // so S3 must be allowed to deliver them by bucket policy, not by the LogDeliveryWrite ACL
    // that aws-cdk-lib uses unless this feature flag is on (apps created before it was introduced
    // do not set it, and the ACL then fails synthesis). Set on this construct only, before its children exist.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    checkProps(props);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const withLogs = props.cloudWatchLogs ?? true;
    const isOrganizationTrail = props.isOrganizationTrail ?? props.organizationId !== undefined;
    this.functions = props.functions ?? LambdaFunctionSelection.all();

    this.trailName = props.trailName ?? defaultTrailName(this);
    this.trailArn = stack.formatArn({
      service: 'cloudtrail', resource: 'trail', resourceName: this.trailName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const identity: TrailIdentity = { trailArn: this.trailArn, account: stack.account, partition: stack.partition };

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the log files of CloudTrail trail ${this.trailName}`,
      removalPolicy,
    });
    const missingKeyStatements = keyPolicyStatements(identity, withLogs)
      .filter(statement => !this.encryptionKey.addToResourcePolicy(statement, true).statementAdded);
    if (missingKeyStatements.length > 0) {
      Validations.of(this).addWarning('CompliantLambdaTrail:ImportedKeyPolicy',
        `encryptionKey is imported, so its key policy cannot be changed here; CloudTrail fails to deliver logs unless the policy has these statements:\n${renderStatements(missingKeyStatements)}`);
    }

    if (props.bucket) {
      this.bucket = props.bucket;
    } else {
      this.accessLogsBucket = props.serverAccessLogsBucket ?? new s3.Bucket(this, 'AccessLogsBucket', {
        ...secureBucketProps(),
        encryption: s3.BucketEncryption.S3_MANAGED,
        removalPolicy,
      });
      this.bucket = new s3.Bucket(this, 'Bucket', {
        ...secureBucketProps(),
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.encryptionKey,
        bucketKeyEnabled: true,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: 'cloudtrail-bucket/',
        lifecycleRules: props.lifecycleRules,
        removalPolicy,
      });
    }
    const missingBucketStatements = bucketPolicyStatements(identity, this.bucket.bucketArn,
      logObjectPrefixes(stack.account, props.s3KeyPrefix, props.organizationId))
      .filter(statement => !this.bucket.addToResourcePolicy(statement).statementAdded);
    if (missingBucketStatements.length > 0) {
      Validations.of(this).addWarning('CompliantLambdaTrail:ImportedBucketPolicy',
        `bucket is imported, so its bucket policy cannot be changed here; CloudTrail fails to deliver logs unless the policy has these statements:\n${renderStatements(missingBucketStatements)}`);
    }

    if (withLogs) {
      this.logGroup = props.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
        encryptionKey: this.encryptionKey,
        retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
        removalPolicy,
      });
      this.logsRole = new iam.Role(this, 'LogsRole', {
        assumedBy: new iam.ServicePrincipal(CLOUDTRAIL),
        description: `Lets CloudTrail trail ${this.trailName} write to its CloudWatch Logs group`,
      });
      this.logsRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }));
    }

    if (props.snsTopic) {
      props.snsTopic.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowCloudTrailToPublishDeliveryNotifications',
        principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
        actions: ['sns:Publish'],
        resources: [props.snsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
      }));
    }

    const advancedEventSelectors = [
      { name: 'Management events: read and write', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      this.functions.toAdvancedEventSelector(),
    ];
    checkSelectorValues(advancedEventSelectors, this.functions);

    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      isLogging: true,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      isOrganizationTrail,
      kmsKeyId: this.encryptionKey.keyArn,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      snsTopicName: props.snsTopic?.topicArn,
      cloudWatchLogsLogGroupArn: this.logGroup?.logGroupArn,
      cloudWatchLogsRoleArn: this.logsRole?.roleArn,
      advancedEventSelectors,
      insightSelectors: props.insightTypes?.map(type => ({ insightType: type.value })),
    });
    // CloudTrail checks the bucket policy, key policy and role when the trail is created.
    for (const dependency of [this.bucket.policy, this.logsRole, props.snsTopic]) {
      if (dependency && Stack.of(dependency) === stack) this.trail.node.addDependency(dependency);
    }

    warnOnShortRetention(this, props);
  }
}

function defaultTrailName(scope: Construct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 128, separator: '-', allowedSpecialCharacters: '-' });
  return name.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

function checkProps(props: CompliantLambdaTrailProps): void {
  if (props.bucket) {
    const bucketOptions = (['lifecycleRules', 'serverAccessLogsBucket'] as const).filter(key => props[key] !== undefined);
    if (bucketOptions.length > 0) {
      throw new Error(`bucket and ${bucketOptions.join(', ')} were both given; ${bucketOptions.join(', ')} configure the bucket this construct creates, so configure your own bucket directly or leave out bucket`);
    }
  }
  if (props.cloudWatchLogs === false) {
    const logOptions = (['logGroup', 'logRetention'] as const).filter(key => props[key] !== undefined);
    if (logOptions.length > 0) {
      throw new Error(`cloudWatchLogs is false but ${logOptions.join(', ')} was given; expected cloudWatchLogs true (the default) to use them`);
    }
  }
  if (props.logGroup && props.logRetention !== undefined) {
    throw new Error(`logGroup and logRetention (${props.logRetention} days) were both given; logRetention configures the log group this construct creates, so set the retention on your own log group`);
  }
  if (props.trailName !== undefined) {
    const problem = trailNameProblem(props.trailName);
    if (problem) {
      throw new Error(`trailName '${props.trailName}' breaks CloudTrail's naming rules (${problem}); expected 3 to 128 letters, digits, periods, underscores or dashes, starting and ending with a letter or digit, with no two of '._-' side by side, not an IP address`);
    }
  }
  if (props.isOrganizationTrail === true && props.organizationId === undefined) {
    throw new Error('isOrganizationTrail is true but organizationId was not given; expected the AWS Organizations id (o- followed by 10 to 32 lowercase letters or digits), which the bucket policy needs for the AWSLogs/<org id>/ path');
  }
  if (props.organizationId !== undefined && !Token.isUnresolved(props.organizationId) && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
    throw new Error(`organizationId '${props.organizationId}' is not an AWS Organizations id; expected o- followed by 10 to 32 lowercase letters or digits`);
  }
  if (props.s3KeyPrefix !== undefined && !Token.isUnresolved(props.s3KeyPrefix)
    && (props.s3KeyPrefix.length === 0 || props.s3KeyPrefix.length > 200 || props.s3KeyPrefix.startsWith('/') || props.s3KeyPrefix.endsWith('/'))) {
    throw new Error(`s3KeyPrefix '${props.s3KeyPrefix}' is not a valid prefix; expected 1 to 200 characters with no leading or trailing '/'`);
  }
}

function checkSelectorValues(selectors: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[], functions: LambdaFunctionSelection): void {
  let values = 0;
  for (const selector of selectors) {
    for (const field of selector.fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[]) {
      for (const list of [field.equalTo, field.notEquals, field.startsWith, field.notStartsWith, field.endsWith, field.notEndsWith]) {
        values += list?.length ?? 0;
      }
    }
  }
  if (values > MAX_SELECTOR_VALUES) {
    throw new Error(`functions: ${functions.functionArns.length} functions need ${values} advanced event selector values (each function's ARN, and its versions and aliases); CloudTrail allows at most ${MAX_SELECTOR_VALUES} per trail. Use LambdaFunctionSelection.all(), or split the functions across trails`);
  }
}

function warnOnShortRetention(scope: Construct, props: CompliantLambdaTrailProps): void {
  const days = props.logRetention === undefined ? undefined : retentionDays(props.logRetention);
  if (days !== undefined && days < AUDIT_RETENTION_DAYS) {
    Validations.of(scope).addWarning('CompliantLambdaTrail:ShortLogRetention',
      `logRetention keeps CloudWatch Logs events ${days} days; audits expect ${AUDIT_RETENTION_TEXT}. Use logs.RetentionDays.ONE_YEAR or longer, or acknowledge this warning with a reason`);
  }
  for (const rule of props.lifecycleRules ?? []) {
    const expiresInDays = rule.expiration?.toDays({ integral: false });
    if (rule.expirationDate !== undefined || (expiresInDays !== undefined && expiresInDays < AUDIT_RETENTION_DAYS)) {
      const when = rule.expirationDate ? `on ${rule.expirationDate.toISOString().slice(0, 10)}` : `after ${expiresInDays} days`;
      Validations.of(scope).addWarning('CompliantLambdaTrail:LogExpiry',
        `lifecycleRules: rule ${rule.id ?? '(unnamed)'} deletes log files ${when}; audits expect ${AUDIT_RETENTION_TEXT}. Expire after at least 365 days, or acknowledge this warning with a reason`);
    }
  }
}
