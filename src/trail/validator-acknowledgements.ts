// What the trail constructs acknowledge of the validators security teams run (cdk-nag packs, the
// cfn-guard rules of AWS Control Tower, checkov), each with the reason an auditor reads in the
// validation report. Findings the construct can fix are fixed in its resources, not listed here.
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

/** One finding of an external validator that does not apply, with the reason users inherit. */
export interface ValidatorAcknowledgement {
  /** Rule ids as `<validator namespace>::<rule>`, the form aws-cdk-lib matches against every plugin's report. */
  readonly ids: string[];
  readonly reason: string;
}

/**
 * Acknowledges findings of policy validation plugins (cdk-nag packs, cfn-guard) on a construct.
 * The namespaced id makes aws-cdk-lib list the finding as acknowledged, with its reason, in the
 * validation report, so an auditor sees what was waived and why.
 */
export function acknowledgeValidatorFindings(scope: IConstruct, ...acknowledgements: ValidatorAcknowledgement[]): void {
  for (const { ids, reason } of acknowledgements) {
    for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
  }
}

/** The cdk-nag 3 packs whose rules the construct acknowledges, by the plugin name cdk-nag reports under. */
const NAG_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** A cdk-nag rule (for example `S3BucketReplicationEnabled`) in every pack of `NAG_PACKS` that has it. */
export function nagRule(rule: string): string[] {
  return NAG_PACKS.map(pack => `${pack}::${pack}-${rule}`);
}

/** A rule of `@cdklabs/cdk-validator-cfnguard` (AWS Control Tower proactive controls). */
export function guardRule(rule: string): string {
  return `cdk-validator-cfnguard::${rule}`;
}

/**
 * Adds checkov's in-template skip (`Metadata.checkov.skip`) to a resource, so checkov reports the
 * check as skipped with this reason instead of failed.
 */
export function skipCheckov(resource: CfnResource, id: string, comment: string): void {
  const existing = (resource.getMetadata('checkov') as { skip?: { id: string; comment: string }[] } | undefined)?.skip ?? [];
  resource.addMetadata('checkov', { skip: [...existing, { id, comment }] });
}

/** CloudWatch Logs delivery turned off with `cloudWatchLogs: false`: the trail's findings about it. */
export function acknowledgeNoCloudWatchLogs(trail: IConstruct): void {
  acknowledgeValidatorFindings(trail, {
    ids: [...nagRule('CloudTrailCloudWatchLogsEnabled'), guardRule('cloud_trail_cloud_watch_logs_enabled_check')],
    reason: 'CloudWatch Logs delivery was turned off on purpose (cloudWatchLogs: false), for example because a SIEM or Athena reads the log files from S3; every event is still delivered to the KMS-encrypted, validated S3 log files, and the LambdaTrailChecks report this as CLT9',
  });
}

/**
 * S3 replication reads every object version of the log bucket and writes every object of the
 * destination: object wildcards under these two buckets are what it needs (AWS: "Setting up permissions
 * for live replication"). cdk-nag names each wildcard by the bucket's logical id; a destination bucket
 * outside this stack renders differently, and its finding is left for the user to acknowledge.
 */
export function acknowledgeReplicationWildcards(policy: iam.ManagedPolicy, buckets: s3.IBucket[]): void {
  const stack = Stack.of(policy);
  const reason = 'S3 replication must read every object version of the log bucket and write every object of the destination bucket (Amazon S3 User Guide, "Setting up permissions for live replication"); the wildcard is limited to the objects of those two buckets';
  acknowledgeWildcardResources(policy, buckets
    .filter((bucket): bucket is s3.Bucket => bucket instanceof s3.Bucket && Stack.of(bucket) === stack)
    .map(bucket => ({ resource: `<${stack.resolve(stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket))}.Arn>/*`, reason })));
}

/** A wildcard resource of a policy as cdk-nag names it (`*`, `<LogicalId.Arn>/*`), and why it is needed. */
export interface WildcardResource {
  readonly resource: string;
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 for each wildcard resource of the policy, by the finding's
 * own id (`AwsSolutions-IAM5[Resource::<resource>]`). Some aws-cdk-lib versions (2.257.0, the floor,
 * is one: scripts/test-floor.sh) accept no '::' after the namespace of an acknowledged id: the rule is
 * then acknowledged on the policy as a whole, with every wildcard's reason.
 */
export function acknowledgeWildcardResources(policy: iam.ManagedPolicy, wildcards: readonly WildcardResource[]): void {
  if (wildcards.length === 0) return;
  try {
    for (const { resource, reason } of wildcards) {
      acknowledgeValidatorFindings(policy, { ids: [`AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`], reason });
    }
  } catch (error) {
    if ((error as Error).name !== 'InvalidValidationId') throw error;
    const reasons = [...new Set(wildcards.map(w => w.reason))];
    acknowledgeValidatorFindings(policy, {
      ids: ['AwsSolutions::AwsSolutions-IAM5'],
      reason: reasons.length === 1
        ? `${wildcards.map(w => w.resource).join(', ')}: ${reasons[0]}`
        : wildcards.map(w => `${w.resource}: ${w.reason}`).join('. '),
    });
  }
}

/**
 * Findings on the bucket that holds the log bucket's S3 server access logs that cannot apply to it.
 * Each reason is what an auditor reads in the validation report.
 */
export function acknowledgeAccessLogsBucketFindings(bucket: s3.Bucket): void {
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

/** What decides which findings of the log bucket do not apply. */
export interface LogBucketChoices {
  readonly replicated: boolean;
  readonly objectLock: boolean;
}

/** Findings on the log bucket that do not apply with the options given. */
export function acknowledgeLogBucketFindings(bucket: s3.Bucket, choices: LogBucketChoices): void {
  if (!choices.replicated) {
    acknowledgeValidatorFindings(bucket, {
      ids: nagRule('S3BucketReplicationEnabled'),
      reason: 'Replication needs a destination bucket in another Region or account, which a construct in this stack cannot create; set replicationBucket and replicationKey to replicate the log files (AU-9(2), CP-9)',
    });
  }
  if (!choices.objectLock) {
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

/**
 * Findings on the delivery canary's probe that do not apply to a function that only has to be invoked:
 * it runs one line, opens no connection, and its role has no permission.
 */
export function acknowledgeCanaryFindings(probe: CfnResource): void {
  const concurrency = 'The delivery canary probe is invoked once per canaryInterval by EventBridge Scheduler and does nothing; reserving concurrency for it would take capacity from the account\'s unreserved pool (and fails in accounts whose quota leaves no room to reserve) without limiting anything that matters';
  const deadLetters = 'The probe\'s result is never used: CloudTrail records the Invoke call whether the function succeeds or not, and that record is all the canary counts; the schedule retries twice and the canary alarm fires when records stop, so a dead-letter queue would hold nothing to act on';
  const vpc = 'The probe opens no network connection and its role has no permission: a VPC would add subnets and network interfaces to a function that only has to be invoked, and isolate nothing';
  // Runtime.NODEJS_LATEST is the newest Node.js runtime Lambda offers in every region; cdk-nag's
  // AwsSolutions-L1 asks for the newest runtime aws-cdk-lib lists, which may not be offered everywhere yet.
  const runtime = 'The probe runs on Runtime.NODEJS_LATEST, the newest Node.js runtime that aws-cdk-lib knows Lambda offers in every region, so it deploys in any region; a newer runtime aws-cdk-lib lists may not be offered in all of them yet. The probe\'s code is one line with no dependency';
  acknowledgeValidatorFindings(probe,
    { ids: ['AwsSolutions::AwsSolutions-L1'], reason: runtime },
    { ids: nagRule('LambdaConcurrency'), reason: concurrency },
    { ids: nagRule('LambdaDLQ'), reason: deadLetters },
    { ids: [...nagRule('LambdaInsideVPC'), guardRule('lambda_inside_vpc_check')], reason: vpc });
  skipCheckov(probe, 'CKV_AWS_115', concurrency);
  skipCheckov(probe, 'CKV_AWS_116', deadLetters);
  skipCheckov(probe, 'CKV_AWS_117', vpc);
}
