// The requests CloudTrail makes to deliver a trail's log files, as the bucket and key policies
// evaluate them (AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" and "Configure
// AWS KMS key policies for CloudTrail"): the one place that knows where CloudTrail writes and what
// its requests carry, for the constructs' policies and the rules that read policies alike.
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from './cloudtrail-limits';
import { ServiceRequest } from './policy-statements';
import { TrailModel } from './trail-model';
import { unknownGeneratedName } from './unknown-value';

/** Where CloudTrail writes: `<prefix>/AWSLogs/<account>/` and, with an organization id, `<prefix>/AWSLogs/<org id>/`. */
export function logObjectPrefixes(account: string, s3KeyPrefix?: string, organizationId?: string): string[] {
  const base = s3KeyPrefix ? `${s3KeyPrefix}/AWSLogs` : 'AWSLogs';
  return [account, ...(organizationId ? [organizationId] : [])].map(owner => `${base}/${owner}/`);
}

/** The trail's ARN, `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>` (a generated name when it has none). */
export function trailArnOf(trail: TrailModel): string {
  const name = trail.name ?? unknownGeneratedName('the trail\'s name');
  return `arn:${trail.partition}:cloudtrail:${trail.region}:${trail.account}:trail/${name}`;
}

/**
 * The condition keys every request CloudTrail makes for the trail carries (IAM User Guide, "AWS
 * global condition context keys"): the trail as source, over TLS, by a service principal.
 */
function cloudTrailContext(trail: TrailModel): Record<string, string> {
  return {
    'aws:sourcearn': trailArnOf(trail),
    'aws:sourceaccount': trail.account,
    'aws:securetransport': 'true',
    'aws:principalisawsservice': 'true',
    'aws:principalservicename': CLOUDTRAIL_SERVICE_PRINCIPAL,
  };
}

/** CloudTrail checks the bucket's ACL before it writes (s3:GetBucketAcl on the bucket). */
export function bucketAclCheck(trail: TrailModel, bucketArn: string): ServiceRequest {
  return {
    service: CLOUDTRAIL_SERVICE_PRINCIPAL,
    action: 's3:GetBucketAcl',
    resource: bucketArn,
    context: cloudTrailContext(trail),
    absent: ['s3:x-amz-acl'],
  };
}

/** CloudTrail writes each log and digest file under the prefix, granting the bucket owner full control. */
export function logFileWrite(trail: TrailModel, bucketArn: string, prefix: string): ServiceRequest {
  return {
    service: CLOUDTRAIL_SERVICE_PRINCIPAL,
    action: 's3:PutObject',
    resource: `${bucketArn}/${prefix}`,
    everyResourceUnder: true,
    context: { ...cloudTrailContext(trail), 's3:x-amz-acl': 'bucket-owner-full-control' },
  };
}

/** CloudTrail asks the trail's key for a data key to encrypt each log file, in the trail's encryption context. */
export function dataKeyRequest(trail: TrailModel, keyArn: string): ServiceRequest {
  return {
    service: CLOUDTRAIL_SERVICE_PRINCIPAL,
    action: 'kms:GenerateDataKey',
    resource: keyArn,
    context: { ...cloudTrailContext(trail), 'kms:encryptioncontext:aws:cloudtrail:arn': trailArnOf(trail) },
  };
}
