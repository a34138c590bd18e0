// Internal: the secure defaults shared by the trail constructs, as plain functions
// (one place to read and change them). Not exported from the package.
import { Aws, Duration, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { CLOUDTRAIL_SERVICE_PRINCIPAL as CLOUDTRAIL } from '../model/cloudtrail-limits';

/** Retention that audits expect: PCI DSS 10.7 asks for one year, CIS and SOC 2 auditors commonly ask the same. */
export const AUDIT_RETENTION_DAYS = 365;
export const AUDIT_RETENTION_TEXT = 'at least one year (PCI DSS 10.7: one year, three months immediately available; CIS, SOC 2 and ISO 27001 audits commonly expect 365 days)';

/** Everything a policy statement about one trail needs. */
export interface TrailIdentity {
  readonly trailArn: string;
  readonly account: string;
  readonly partition: string;
}

/** What CloudTrail must be allowed to do with the trail's KMS key (AWS: "Configure AWS KMS key policies for CloudTrail"). */
export function keyPolicyStatements(trail: TrailIdentity, withLogs: boolean): iam.PolicyStatement[] {
  const cloudtrail = new iam.ServicePrincipal(CLOUDTRAIL);
  const trailsOfThisAccount = `arn:${trail.partition}:cloudtrail:*:${trail.account}:trail/*`;
  const statements = [
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogsOfThisTrail',
      principals: [cloudtrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': trail.trailArn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailsOfThisAccount },
      },
    }),
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [cloudtrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trail.trailArn } },
    }),
    new iam.PolicyStatement({
      sid: 'AllowAccountPrincipalsToDecryptLogFiles',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:CallerAccount': trail.account },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailsOfThisAccount },
      },
    }),
  ];
  if (withLogs) {
    statements.push(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsToUseKeyForTrailLogGroup',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${trail.partition}:logs:${Aws.REGION}:${trail.account}:log-group:*` },
      },
    }));
  }
  return statements;
}

/** The bucket policy statements CloudTrail needs, each limited to this trail by `aws:SourceArn`. */
export function bucketPolicyStatements(trail: TrailIdentity, bucketArn: string, objectPrefixes: string[]): iam.PolicyStatement[] {
  const cloudtrail = new iam.ServicePrincipal(CLOUDTRAIL);
  const thisTrail = { 'aws:SourceArn': trail.trailArn };
  return [
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      principals: [cloudtrail],
      actions: ['s3:GetBucketAcl'],
      resources: [bucketArn],
      conditions: { StringEquals: thisTrail },
    }),
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      principals: [cloudtrail],
      actions: ['s3:PutObject'],
      resources: objectPrefixes.map(prefix => `${bucketArn}/${prefix}*`),
      conditions: { StringEquals: { ...thisTrail, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }),
  ];
}

/** Bucket settings shared by the log bucket and its access-log bucket. */
export function secureBucketProps(): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  };
}

/** Days a retention setting keeps logs, or undefined when it keeps them forever. */
export function retentionDays(retention: logs.RetentionDays): number | undefined {
  return retention === logs.RetentionDays.INFINITE ? undefined : retention;
}

/** Renders statements, resolved in the stack, for a warning a user can paste into a policy. */
export function renderStatements(stack: Stack, statements: iam.PolicyStatement[]): string {
  return statements.map(s => JSON.stringify(stack.resolve(s.toStatementJson()))).join('\n');
}

/**
 * The trail's name when none is given: deterministic, from the construct path (stack name, ids and a
 * hash), so that the trail's ARN can appear in the `aws:SourceArn` conditions of the key and bucket
 * policies without a dependency cycle. It follows CloudTrail's naming rules.
 */
export function defaultTrailName(scope: IConstruct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 128, separator: '-', allowedSpecialCharacters: '-' });
  return name.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Denies KMS grants except those AWS services create for AWS resources (AWS Control Tower
 * control CT.KMS.PR.3). Neither CloudTrail nor CloudWatch Logs uses grants on the trail's key:
 * both are allowed by the key policy itself, so this only stops people and roles from handing
 * out decrypt rights on audit logs through grants, which the key policy would not show.
 */
export function denyGrantsExceptForAwsResourcesStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/**
 * The one lifecycle rule the construct's buckets always have: it removes parts of multipart uploads
 * that never completed (they are billed, invisible, and never a log file), and deletes no object.
 */
export const ABORT_INCOMPLETE_UPLOADS_RULE: s3.LifecycleRule = {
  id: 'AbortIncompleteMultipartUploads',
  abortIncompleteMultipartUploadAfter: Duration.days(7),
};

/** What the S3 replication role needs to replicate the SSE-KMS log bucket (AWS: "Setting up permissions for live replication"). */
export function replicationStatements(
  source: s3.IBucket, sourceKey: kms.IKey, destination: s3.IBucket, destinationKey: kms.IKey,
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: [source.bucketArn],
    }),
    new iam.PolicyStatement({
      actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      resources: [source.arnForObjects('*')],
    }),
    new iam.PolicyStatement({
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      resources: [destination.arnForObjects('*')],
    }),
    new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [sourceKey.keyArn] }),
    new iam.PolicyStatement({ actions: ['kms:Encrypt'], resources: [destinationKey.keyArn] }),
  ];
}

/** The service principal CloudWatch alarms publish notifications as. */
const CLOUDWATCH = 'cloudwatch.amazonaws.com';

/**
 * Lets CloudWatch alarms of this account use the alarm topic's key: SNS encrypts each message with it,
 * so a publisher needs `kms:GenerateDataKey*` and `kms:Decrypt` (Amazon SNS Developer Guide, "Enable
 * compatibility between event sources from AWS services and encrypted topics").
 */
export function alarmTopicKeyStatement(account: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsOfThisAccountToPublish',
    principals: [new iam.ServicePrincipal(CLOUDWATCH)],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': account } },
  });
}

/** Lets CloudWatch alarms of this account publish to the alarm topic (its policy replaces SNS's default one). */
export function alarmTopicPublishStatement(topicArn: string, account: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsOfThisAccountToPublish',
    principals: [new iam.ServicePrincipal(CLOUDWATCH)],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: { StringEquals: { 'aws:SourceAccount': account } },
  });
}
