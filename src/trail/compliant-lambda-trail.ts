import { ArnFormat, Names, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { LambdaFunctionSelection } from './lambda-function-selection';
import { toCloudFormation } from './lambda-selector';
import {
  ABORT_INCOMPLETE_UPLOADS_RULE, acknowledgeValidatorFindings, AUDIT_RETENTION_DAYS, AUDIT_RETENTION_TEXT,
  bucketPolicyStatements, CLOUDTRAIL, denyGrantsExceptForAwsResourcesStatement, guardRule, keyPolicyStatements,
  logObjectPrefixes, nagRule, renderStatements, replicationStatements, retentionDays, secureBucketProps, skipCheckov,
  TrailIdentity, trailNameProblem,
} from './secure-defaults';
import { countAdvancedValues, MAX_ADVANCED_VALUES } from '../model/cloudtrail-limits';
import { readAdvancedSelectors } from '../model/trail-model';

/** aws-cdk-lib's feature flag that grants S3 server access log delivery by bucket policy instead of an ACL. */
const S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

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
   * A rule that expires log files in less than a year gets a warning. The bucket always has one more
   * rule, which aborts incomplete multipart uploads after 7 days and deletes no log file.
   *
   * @default - only the rule that aborts incomplete multipart uploads: log files are kept forever
   */
  readonly lifecycleRules?: s3.LifecycleRule[];

  /**
   * A bucket to replicate the new log bucket's log files to, typically in another Region or account,
   * so that logs survive the loss of this bucket or Region (NIST 800-53 AU-9(2), CP-9). The destination
   * must be versioned; for a destination in another account, its bucket policy must let the replication
   * role replicate. Mutually exclusive with `bucket`.
   *
   * @default - no replication (acknowledged for the cdk-nag packs' S3BucketReplicationEnabled rule)
   */
  readonly replicationBucket?: s3.IBucket;

  /**
   * The KMS key, in the destination's Region, that encrypts the replicas in `replicationBucket`.
   * Required with `replicationBucket`: the log files are SSE-KMS encrypted, and S3 replicates such
   * objects only to a destination key it is given.
   *
   * @default - no replication
   */
  readonly replicationKey?: kms.IKey;

  /**
   * S3 Object Lock default retention for the new log bucket (write once, read many): for example
   * `s3.ObjectLockRetention.governance(Duration.days(365))`. Object Lock cannot be turned off on a
   * bucket once on, so it is a choice, not a default. Mutually exclusive with `bucket`.
   *
   * @default - no Object Lock; log integrity rests on log file validation (signed digest files),
   *   versioning and the bucket policy (acknowledged for AWS Control Tower control CT.S3.PR.9)
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;

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

  /**
   * @param scope the scope (a stack, or a construct in one)
   * @param id the construct id: part of every resource's logical id, so changing it replaces the trail and its buckets
   * @param props options; each has a secure default
   */
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
    if (!props.encryptionKey) {
      this.encryptionKey.addToResourcePolicy(denyGrantsExceptForAwsResourcesStatement());
    }
    const missingKeyStatements = keyPolicyStatements(identity, withLogs)
      .filter(statement => !this.encryptionKey.addToResourcePolicy(statement, true).statementAdded);
    if (missingKeyStatements.length > 0) {
      Validations.of(this).addWarning('CompliantLambdaTrail:ImportedKeyPolicy',
        `encryptionKey is imported, so its key policy cannot be changed here; CloudTrail fails to deliver logs unless the policy has these statements:\n${renderStatements(stack, missingKeyStatements)}`);
    }

    if (props.bucket) {
      this.bucket = props.bucket;
    } else {
      if (props.serverAccessLogsBucket) {
        this.accessLogsBucket = props.serverAccessLogsBucket;
      } else {
        const accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
          ...secureBucketProps(),
          encryption: s3.BucketEncryption.S3_MANAGED,
          lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE],
          removalPolicy,
        });
        acknowledgeAccessLogsBucketFindings(accessLogsBucket);
        this.accessLogsBucket = accessLogsBucket;
      }
      const replicationRole = props.replicationBucket && props.replicationKey
        ? newReplicationRole(this, this.trailName) : undefined;
      const bucket = new s3.Bucket(this, 'Bucket', {
        ...secureBucketProps(),
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.encryptionKey,
        bucketKeyEnabled: true,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: 'cloudtrail-bucket/',
        lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE, ...props.lifecycleRules ?? []],
        objectLockDefaultRetention: props.objectLockRetention,
        replicationRole: replicationRole?.role,
        replicationRules: props.replicationBucket && props.replicationKey ? [{
          id: 'ReplicateLogFiles',
          destination: props.replicationBucket,
          kmsKey: props.replicationKey,
          sseKmsEncryptedObjects: true,
          deleteMarkerReplication: false,
        }] : undefined,
        removalPolicy,
      });
      if (replicationRole) {
        replicationRole.policy.addStatements(...replicationStatements(bucket, this.encryptionKey, props.replicationBucket!, props.replicationKey!));
        acknowledgeReplicationWildcards(replicationRole.policy, [bucket, props.replicationBucket!]);
      }
      acknowledgeLogBucketFindings(bucket, props);
      this.bucket = bucket;
    }
    const missingBucketStatements = bucketPolicyStatements(identity, this.bucket.bucketArn,
      logObjectPrefixes(stack.account, props.s3KeyPrefix, props.organizationId))
      .filter(statement => !this.bucket.addToResourcePolicy(statement).statementAdded);
    if (missingBucketStatements.length > 0) {
      Validations.of(this).addWarning('CompliantLambdaTrail:ImportedBucketPolicy',
        `bucket is imported, so its bucket policy cannot be changed here; CloudTrail fails to deliver logs unless the policy has these statements:\n${renderStatements(stack, missingBucketStatements)}`);
    }

    if (!withLogs) {
      acknowledgeValidatorFindings(this, {
        ids: [...nagRule('CloudTrailCloudWatchLogsEnabled'), guardRule('cloud_trail_cloud_watch_logs_enabled_check')],
        reason: 'CloudWatch Logs delivery was turned off on purpose (cloudWatchLogs: false), for example because a SIEM or Athena reads the log files from S3; every event is still delivered to the KMS-encrypted, validated S3 log files, and the LambdaTrailChecks report this as CLT9',
      });
    } else {
      this.logGroup = props.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
        encryptionKey: this.encryptionKey,
        retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
        removalPolicy,
      });
      // A customer managed policy, not an inline one (NIST 800-53 AC-6, cdk-nag IAMNoInlinePolicy); the role
      // references it, so it exists before the role, and the trail (which references the role) after both.
      const logsPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
        description: `Lets CloudTrail trail ${this.trailName} write to its CloudWatch Logs group`,
        statements: [new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        })],
      });
      this.logsRole = new iam.Role(this, 'LogsRole', {
        assumedBy: new iam.ServicePrincipal(CLOUDTRAIL),
        description: `Lets CloudTrail trail ${this.trailName} write to its CloudWatch Logs group`,
        managedPolicies: [logsPolicy],
      });
    }

    if (props.snsTopic) {
      const publish = new iam.PolicyStatement({
        sid: 'AllowCloudTrailToPublishDeliveryNotifications',
        principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
        actions: ['sns:Publish'],
        resources: [props.snsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
      });
      if (!props.snsTopic.addToResourcePolicy(publish).statementAdded) {
        Validations.of(this).addWarning('CompliantLambdaTrail:ImportedTopicPolicy',
          `snsTopic is imported, so its topic policy cannot be changed here; CloudTrail cannot notify deliveries unless the policy has this statement:\n${renderStatements(stack, [publish])}`);
      }
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
    // CloudTrail checks the bucket policy, key policy and role when the trail is created; the role (and
    // its policy, which the role references) is already ordered before the trail by its ARN in the trail.
    for (const dependency of [this.bucket.policy, props.snsTopic]) {
      if (dependency && Stack.of(dependency) === stack) this.trail.node.addDependency(dependency);
    }

    warnOnShortRetention(this, props);
  }
}

/** The role S3 assumes to replicate the log bucket, with a customer managed (not inline) policy. */
function newReplicationRole(scope: Construct, trailName: string): { role: iam.Role; policy: iam.ManagedPolicy } {
  const role = new iam.Role(scope, 'ReplicationRole', {
    assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
    description: `Lets S3 replicate the log files of CloudTrail trail ${trailName}`,
  });
  // The policy names the role (not the role the policy): the policy refers to the bucket, and the
  // bucket to the role, so the other direction would be a dependency cycle.
  const policy = new iam.ManagedPolicy(scope, 'ReplicationPolicy', {
    description: `Lets S3 replicate the log files of CloudTrail trail ${trailName}`,
    roles: [role],
  });
  return { role, policy };
}

/**
 * S3 replication reads every object version of the log bucket and writes every object of the
 * destination: object wildcards under these two buckets are what it needs (AWS: "Setting up permissions
 * for live replication"). cdk-nag names each wildcard by the bucket's logical id; a destination bucket
 * outside this stack renders differently, and its finding is left for the user to acknowledge.
 */
function acknowledgeReplicationWildcards(policy: iam.ManagedPolicy, buckets: s3.IBucket[]): void {
  const stack = Stack.of(policy);
  const ids = buckets
    .filter((bucket): bucket is s3.Bucket => bucket instanceof s3.Bucket && Stack.of(bucket) === stack)
    .map(bucket => `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.resolve(stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket))}.Arn>/*]`);
  acknowledgeValidatorFindings(policy, {
    ids,
    reason: 'S3 replication must read every object version of the log bucket and write every object of the destination bucket (Amazon S3 User Guide, "Setting up permissions for live replication"); the wildcard is limited to the objects of those two buckets',
  });
}

/**
 * Findings on the bucket that holds the log bucket's S3 server access logs that cannot apply to it.
 * Each reason is what an auditor reads in the validation report.
 */
function acknowledgeAccessLogsBucketFindings(bucket: s3.Bucket): void {
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  const sseS3 = 'This bucket receives S3 server access logs (request metadata, not the audit records) from the S3 logging service; SSE-S3 is the encryption the S3 User Guide documents for log destination buckets, and it keeps the logging service out of the trail key\'s policy, which only this trail, CloudWatch Logs and the account may use';
  const noLogging = 'This bucket is the destination of the log bucket\'s server access logs; logging it to itself would create an endless loop of log deliveries (Amazon S3 User Guide), and logging it to another bucket only moves the same finding to that bucket';
  acknowledgeValidatorFindings(bucket,
    { ids: [...nagRule('S3DefaultEncryptionKMS'), guardRule('s3_bucket_default_encryption_kms_check')], reason: sseS3 },
    { ids: [guardRule('s3_bucket_logging_enabled_check')], reason: noLogging },
    {
      ids: nagRule('S3BucketReplicationEnabled'),
      reason: 'This bucket holds S3 server access logs of the log bucket, not the audit logs; the CloudTrail log files are replicated with the replicationBucket option, and a user who must replicate access logs brings their own serverAccessLogsBucket',
    },
    {
      ids: [guardRule('s3_event_notifications_enabled_check')],
      reason: 'Nothing consumes S3 events of the access-log bucket; S3 delivers the access logs itself, and event notifications would need a destination (queue, topic, function) that this construct does not own',
    },
    {
      ids: [guardRule('s3_bucket_object_lock_enabled_check')],
      reason: 'S3 server access logs are delivered on a best-effort basis and are not the audit record; Object Lock cannot be turned off once on, so it is not imposed on this bucket (bring your own serverAccessLogsBucket to lock access logs)',
    });
  skipCheckov(cfnBucket, 'CKV_AWS_18', noLogging);
}

/** Findings on the log bucket that do not apply with the options given. */
function acknowledgeLogBucketFindings(bucket: s3.Bucket, props: LambdaTrailOptions): void {
  if (!props.replicationBucket) {
    acknowledgeValidatorFindings(bucket, {
      ids: nagRule('S3BucketReplicationEnabled'),
      reason: 'Replication needs a destination bucket in another Region or account, which a construct in this stack cannot create; set replicationBucket and replicationKey to replicate the log files (AU-9(2), CP-9)',
    });
  }
  if (!props.objectLockRetention) {
    acknowledgeValidatorFindings(bucket, {
      ids: [guardRule('s3_bucket_object_lock_enabled_check')],
      reason: 'Log file integrity is provided by CloudTrail log file validation (signed hourly digest files), versioning and a bucket policy that lets only this trail write; Object Lock cannot be turned off once on, so it is opt-in (objectLockRetention)',
    });
  }
  acknowledgeValidatorFindings(bucket, {
    ids: [guardRule('s3_event_notifications_enabled_check')],
    reason: 'CloudTrail notifies log file deliveries itself through the trail\'s snsTopic option; S3 event notifications would need a destination (queue, topic, function) that this construct does not own',
  });
}

function defaultTrailName(scope: Construct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 128, separator: '-', allowedSpecialCharacters: '-' });
  return name.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

function checkProps(props: CompliantLambdaTrailProps): void {
  if (props.bucket) {
    const bucketOptions = (['lifecycleRules', 'serverAccessLogsBucket', 'replicationBucket', 'replicationKey', 'objectLockRetention'] as const).filter(key => props[key] !== undefined);
    if (bucketOptions.length > 0) {
      throw new Error(`bucket and ${bucketOptions.join(', ')} were both given; ${bucketOptions.join(', ')} configure the bucket this construct creates, so configure your own bucket directly or leave out bucket`);
    }
  }
  if ((props.replicationBucket === undefined) !== (props.replicationKey === undefined)) {
    const given = props.replicationBucket ? 'replicationBucket' : 'replicationKey';
    const missing = props.replicationBucket ? 'replicationKey' : 'replicationBucket';
    throw new Error(`${given} was given without ${missing}; replicating the SSE-KMS encrypted log files needs both the destination bucket and a KMS key in its Region`);
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
  const values = countAdvancedValues(readAdvancedSelectors(selectors.map(toCloudFormation)));
  if (values > MAX_ADVANCED_VALUES) {
    throw new Error(`functions: ${functions.functionArns.length} functions need ${values} advanced event selector values (each function's ARN, and its versions and aliases); CloudTrail allows at most ${MAX_ADVANCED_VALUES} per trail. Use LambdaFunctionSelection.all(), or split the functions across trails`);
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
