import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { addConstructWarning } from './add-construct-warning';
import {
  IMPORTED_BUCKET_POLICY, IMPORTED_KEY_POLICY, IMPORTED_TOPIC_POLICY, LOG_EXPIRY, SHORT_LOG_RETENTION,
} from './construct-warnings';
import { LambdaFunctionSelection, LambdaFunctionSelectionMode } from './lambda-function-selection';
import { managementSelector } from './lambda-selector';
import { LambdaTrailMonitoring } from './lambda-trail-monitoring';
import { LambdaTrailOptions } from './lambda-trail-options';
import { checkFunctionEnvironments, checkOptions, checkSelectorValues } from './option-checks';
import {
  ABORT_INCOMPLETE_UPLOADS_RULE, AUDIT_RETENTION_DAYS, AUDIT_RETENTION_TEXT, bucketPolicyStatements, defaultTrailName,
  denyGrantsExceptForAwsResourcesStatement, keyPolicyStatements, renderStatements, replicationStatements,
  retentionDays, secureBucketProps, TrailIdentity,
} from './secure-defaults';
import {
  acknowledgeAccessLogsBucketFindings, acknowledgeLogBucketFindings, acknowledgeNoCloudWatchLogs, acknowledgeReplicationWildcards,
} from './validator-acknowledgements';
import { logObjectPrefixes } from '../model/cloudtrail-delivery';
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from '../model/cloudtrail-limits';

/** aws-cdk-lib's feature flag that grants S3 server access log delivery by bucket policy instead of an ACL. */
const S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/** The log bucket and the bucket of its server access logs, as `createLogBucket` leaves them. */
interface LogBuckets {
  readonly bucket: s3.IBucket;
  readonly accessLogsBucket?: s3.IBucket;
}

/** Replication of the new log bucket: what the bucket needs, and the grant to complete once it exists. */
interface LogReplication {
  readonly role: iam.IRole;
  readonly rules: s3.ReplicationRule[];
  /** Lets the role replicate from `source` and acknowledges the wildcards that needs. */
  readonly grant: (source: s3.Bucket) => void;
}

/** CloudWatch Logs delivery: the log group and the role CloudTrail assumes to write to it. */
interface LogDelivery {
  readonly logGroup: logs.ILogGroup;
  readonly logsRole: iam.IRole;
}

/**
 * What `CompliantLambdaTrail` and `CostLimitedLambdaTrail` share: a CloudTrail trail that records
 * management events and the Lambda data events (read and write) of a `LambdaFunctionSelection`, with
 * secure defaults (a KMS key with rotation that only this trail can use, a locked-down versioned log
 * bucket with server access logs, log file validation, multi-region with global service events, and
 * CloudWatch Logs delivery).
 *
 * Both subclasses create the same resources under the same construct ids, so swapping one for the
 * other (same scope and id) changes only the trail's event selectors, in place.
 */
export abstract class LambdaTrailBase extends Construct {
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
  /** Which functions' data events the trail records (besides the delivery canary's probe, which it always records). */
  public readonly functions: LambdaFunctionSelection;
  /** The alarms on the trail's log group (construct id `Monitoring`), unless CloudWatch Logs delivery or every alarm is off. */
  public readonly monitoring?: LambdaTrailMonitoring;

  /**
   * @param scope the scope (a stack, or a construct in one)
   * @param id the construct id: part of every resource's logical id, so changing it replaces the trail and its buckets
   * @param functions which functions' data events (invocations) the trail records
   * @param options the trail's options, each with a secure default
   */
  constructor(scope: Construct, id: string, functions: LambdaFunctionSelection, options: LambdaTrailOptions = {}) {
    super(scope, id);
    // The log bucket's server access logs go to a bucket with ACLs disabled (BUCKET_OWNER_ENFORCED),
    // so S3 must be allowed to deliver them by bucket policy, not by the LogDeliveryWrite ACL
    // that aws-cdk-lib uses unless this feature flag is on (apps created before it was introduced
    // do not set it, and the ACL then fails synthesis). Set on this construct only, before its children exist.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    checkOptions(this, options);
    const removalPolicy = options.removalPolicy ?? RemovalPolicy.RETAIN;
    this.functions = functions;
    this.trailName = options.trailName ?? defaultTrailName(this);
    this.trailArn = Stack.of(this).formatArn({
      service: 'cloudtrail', resource: 'trail', resourceName: this.trailName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    this.encryptionKey = this.createKey(options, removalPolicy);
    const logBuckets = this.createLogBucket(options, removalPolicy);
    this.bucket = logBuckets.bucket;
    this.accessLogsBucket = logBuckets.accessLogsBucket;
    this.allowCloudTrailToWriteLogFiles(options);
    const delivery = this.createLogDelivery(options, removalPolicy);
    this.logGroup = delivery?.logGroup;
    this.logsRole = delivery?.logsRole;
    this.monitoring = this.createMonitoring(options);
    this.allowCloudTrailToNotify(options.snsTopic);
    this.trail = this.createTrail(options);
    this.warnOnShortRetention(options);
  }

  /** Who may use the trail's key, bucket and topic: this trail, of this account and partition. */
  private get identity(): TrailIdentity {
    const stack = Stack.of(this);
    return { trailArn: this.trailArn, account: stack.account, partition: stack.partition };
  }

  /** The given key, or a new one with rotation; either way the statements CloudTrail and CloudWatch Logs need. */
  private createKey(options: LambdaTrailOptions, removalPolicy: RemovalPolicy): kms.IKey {
    const key = options.encryptionKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the log files of CloudTrail trail ${this.trailName}`,
      removalPolicy,
    });
    if (!options.encryptionKey) {
      key.addToResourcePolicy(denyGrantsExceptForAwsResourcesStatement());
    }
    const missing = keyPolicyStatements(this.identity, options.cloudWatchLogs ?? true)
      .filter(statement => !key.addToResourcePolicy(statement, true).statementAdded);
    if (missing.length > 0) {
      addConstructWarning(this, IMPORTED_KEY_POLICY,
        'encryptionKey is imported, so its key policy cannot be changed here; CloudTrail fails to deliver logs unless the policy has these statements',
        renderStatements(Stack.of(this), missing));
    }
    return key;
  }

  /** The given bucket, or a new secure log bucket with its access-logs bucket and, when asked, replication. */
  private createLogBucket(options: LambdaTrailOptions, removalPolicy: RemovalPolicy): LogBuckets {
    if (options.bucket) return { bucket: options.bucket };
    const accessLogsBucket = options.serverAccessLogsBucket ?? this.createAccessLogsBucket(removalPolicy);
    const replication = this.renderReplication(options);
    const bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps(),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'cloudtrail-bucket/',
      lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE, ...options.lifecycleRules ?? []],
      objectLockDefaultRetention: options.objectLockRetention,
      replicationRole: replication?.role,
      replicationRules: replication?.rules,
      removalPolicy,
    });
    replication?.grant(bucket);
    acknowledgeLogBucketFindings(bucket, { replicated: replication !== undefined, objectLock: options.objectLockRetention !== undefined });
    return { bucket, accessLogsBucket };
  }

  /** The bucket that receives the new log bucket's S3 server access logs. */
  private createAccessLogsBucket(removalPolicy: RemovalPolicy): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...secureBucketProps(),
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE],
      removalPolicy,
    });
    acknowledgeAccessLogsBucketFindings(bucket);
    return bucket;
  }

  /**
   * Replication of the new log bucket to `replicationBucket`, encrypted there with `replicationKey`
   * (both or neither: checked with the options): the role S3 assumes, with a customer managed (not
   * inline) policy, and the rule; `grant` completes the policy once the log bucket exists.
   */
  private renderReplication(options: LambdaTrailOptions): LogReplication | undefined {
    const { replicationBucket: destination, replicationKey: destinationKey } = options;
    if (!destination || !destinationKey) return undefined;
    const description = `Lets S3 replicate the log files of CloudTrail trail ${this.trailName}`;
    const role = new iam.Role(this, 'ReplicationRole', { assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'), description });
    // The policy names the role (not the role the policy): the policy refers to the bucket, and the
    // bucket to the role, so the other direction would be a dependency cycle.
    const policy = new iam.ManagedPolicy(this, 'ReplicationPolicy', { description, roles: [role] });
    return {
      role,
      rules: [{
        id: 'ReplicateLogFiles',
        destination,
        kmsKey: destinationKey,
        sseKmsEncryptedObjects: true,
        deleteMarkerReplication: false,
      }],
      grant: source => {
        policy.addStatements(...replicationStatements(source, this.encryptionKey, destination, destinationKey));
        acknowledgeReplicationWildcards(policy, [source, destination]);
      },
    };
  }

  /** The bucket policy statements CloudTrail needs to deliver, or a warning listing them for an imported bucket. */
  private allowCloudTrailToWriteLogFiles(options: LambdaTrailOptions): void {
    const stack = Stack.of(this);
    const missing = bucketPolicyStatements(this.identity, this.bucket.bucketArn,
      logObjectPrefixes(stack.account, options.s3KeyPrefix, options.organizationId))
      .filter(statement => !this.bucket.addToResourcePolicy(statement).statementAdded);
    if (missing.length > 0) {
      addConstructWarning(this, IMPORTED_BUCKET_POLICY,
        'bucket is imported, so its bucket policy cannot be changed here; CloudTrail fails to deliver logs unless the policy has these statements',
        renderStatements(stack, missing));
    }
  }

  /** The log group (given or new) and the role CloudTrail writes to it with, unless `cloudWatchLogs` is false. */
  private createLogDelivery(options: LambdaTrailOptions, removalPolicy: RemovalPolicy): LogDelivery | undefined {
    if (options.cloudWatchLogs === false) {
      acknowledgeNoCloudWatchLogs(this);
      return undefined;
    }
    const logGroup = options.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: this.encryptionKey,
      retention: options.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy,
    });
    // A customer managed policy, not an inline one (NIST 800-53 AC-6, cdk-nag IAMNoInlinePolicy); the role
    // references it, so it exists before the role, and the trail (which references the role) after both.
    const logsPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: `Lets CloudTrail trail ${this.trailName} write to its CloudWatch Logs group`,
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      })],
    });
    const logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal(CLOUDTRAIL_SERVICE_PRINCIPAL),
      description: `Lets CloudTrail trail ${this.trailName} write to its CloudWatch Logs group`,
      managedPolicies: [logsPolicy],
    });
    return { logGroup, logsRole };
  }

  /**
   * The monitoring of the log group, before the trail: a delivery canary's probe must be among the
   * functions the trail's selectors record.
   */
  private createMonitoring(options: LambdaTrailOptions): LambdaTrailMonitoring | undefined {
    const monitoring = options.monitoring ?? {};
    if (!this.logGroup || (monitoring.tamperAlarm === false && !monitoring.deliveryCanary)) return undefined;
    return new LambdaTrailMonitoring(this, 'Monitoring', { ...monitoring, trailName: this.trailName, logGroup: this.logGroup });
  }

  /** Lets only this trail publish delivery notifications to the topic, or warns that an imported topic needs it. */
  private allowCloudTrailToNotify(topic: sns.ITopic | undefined): void {
    if (!topic) return;
    const publish = new iam.PolicyStatement({
      sid: 'AllowCloudTrailToPublishDeliveryNotifications',
      principals: [new iam.ServicePrincipal(CLOUDTRAIL_SERVICE_PRINCIPAL)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
    });
    if (!topic.addToResourcePolicy(publish).statementAdded) {
      addConstructWarning(this, IMPORTED_TOPIC_POLICY,
        'snsTopic is imported, so its topic policy cannot be changed here; CloudTrail cannot notify deliveries unless the policy has this statement',
        renderStatements(Stack.of(this), [publish]));
    }
  }

  /** Advanced event selectors: management events (read and write) and the Lambda data events of `functions`. */
  private renderSelectors(): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
    checkFunctionEnvironments(this, this.functions);
    const probe = this.monitoring?.probeFunction;
    // A limited selection records the canary's probe too (all() and allExcept(...) record it already).
    const lambdaSelector = probe && this.functions.mode === LambdaFunctionSelectionMode.ONLY
      ? this.functions._selectorWithArns([...this.functions.functionArns, probe.functionArn])
      : this.functions.toAdvancedEventSelector();
    const selectors = [managementSelector(), lambdaSelector];
    checkSelectorValues(this, selectors, this.functions);
    return selectors;
  }

  /** The trail, ordered after the policies CloudTrail checks when it is created. */
  private createTrail(options: LambdaTrailOptions): cloudtrail.CfnTrail {
    const trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      isLogging: true,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      isOrganizationTrail: options.isOrganizationTrail ?? options.organizationId !== undefined,
      kmsKeyId: this.encryptionKey.keyArn,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: options.s3KeyPrefix,
      snsTopicName: options.snsTopic?.topicArn,
      cloudWatchLogsLogGroupArn: this.logGroup?.logGroupArn,
      cloudWatchLogsRoleArn: this.logsRole?.roleArn,
      advancedEventSelectors: this.renderSelectors(),
      insightSelectors: options.insightTypes?.map(type => ({ insightType: type.value })),
    });
    // CloudTrail checks the bucket policy, key policy and role when the trail is created; the role (and
    // its policy, which the role references) is already ordered before the trail by its ARN in the trail.
    for (const dependency of [this.bucket.policy, options.snsTopic]) {
      if (dependency && Stack.of(dependency) === Stack.of(this)) trail.node.addDependency(dependency);
    }
    return trail;
  }

  /** Warns (CLT40, CLT41) when the log group or a lifecycle rule keeps logs for less than audits expect. */
  private warnOnShortRetention(options: LambdaTrailOptions): void {
    const days = options.logRetention === undefined ? undefined : retentionDays(options.logRetention);
    if (days !== undefined && days < AUDIT_RETENTION_DAYS) {
      addConstructWarning(this, SHORT_LOG_RETENTION, `logRetention keeps CloudWatch Logs events ${days} days; audits expect ${AUDIT_RETENTION_TEXT}`);
    }
    for (const rule of options.lifecycleRules ?? []) {
      const expiresInDays = rule.expiration?.toDays({ integral: false });
      if (rule.expirationDate !== undefined || (expiresInDays !== undefined && expiresInDays < AUDIT_RETENTION_DAYS)) {
        const when = rule.expirationDate ? `on ${rule.expirationDate.toISOString().slice(0, 10)}` : `after ${expiresInDays} days`;
        addConstructWarning(this, LOG_EXPIRY, `lifecycleRules: rule ${rule.id ?? '(unnamed)'} deletes log files ${when}; audits expect ${AUDIT_RETENTION_TEXT}`);
      }
    }
  }
}
