// The options both trail constructs take; a file of its own so that the checks of those options
// (option-checks.ts) and the constructs that apply them (lambda-trail-base.ts) do not import each other.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { LambdaTrailMonitoringOptions } from './lambda-trail-monitoring';
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
   * S3 Object Lock default retention for the new log bucket (write once, read many).
   *
   * For example `s3.ObjectLockRetention.governance(Duration.days(365))`. Object Lock cannot be turned
   * off on a bucket once on, so it is a choice, not a default. Mutually exclusive with `bucket`.
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
   * The AWS Organizations id (`o-...`) that makes this an organization trail.
   *
   * Giving it makes the trail an organization trail and lets CloudTrail write `AWSLogs/<org id>/`.
   * Deploy from the management account or a delegated administrator.
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
   * Alarms on the trail's CloudWatch Logs group: a tamper alarm on CloudTrail configuration changes
   * (Security Hub CloudWatch.5, CIS AWS Foundations Benchmark) and, with `deliveryCanary: true`, a
   * delivery canary whose probe function this trail records. Requires CloudWatch Logs delivery.
   *
   * @default - the tamper alarm, notifying a new KMS-encrypted topic (`monitoring.alarmTopic`); no
   *   delivery canary. With `cloudWatchLogs: false`, no monitoring.
   */
  readonly monitoring?: LambdaTrailMonitoringOptions;

  /**
   * What happens to the key, the buckets and the log group when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN - audit logs are never deleted by default
   */
  readonly removalPolicy?: RemovalPolicy;
}
