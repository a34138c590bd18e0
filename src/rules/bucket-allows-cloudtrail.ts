import { EVENT_LOGGING } from './controls';
import { DeliveryRule, FindingLevel, Undecided } from './rule';
import { bucketAclCheck, logFileWrite, logObjectPrefixes } from '../model/cloudtrail-delivery';
import { PolicyDecision, policyAllows } from '../model/policy-statements';
import { TrailModel } from '../model/trail-model';
import { NOT_KNOWN, printable, unknownResourceValue } from '../model/unknown-value';

/** CLT14: the trail's bucket (in the app, or read live) must let CloudTrail write its log files, or deployment or delivery fails. */
export const bucketAllowsCloudTrail: DeliveryRule = {
  id: 'CLT14',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  stopsDelivery: true,
  title: 'The trail\'s bucket does not let CloudTrail write its logs: deployment or delivery would fail',
  explanation: 'CloudTrail checks the bucket policy when a trail is created or pointed at a bucket (InsufficientS3BucketPolicyException, AWS CloudTrail API Reference, "CreateTrail"), and needs it for every delivery: cloudtrail.amazonaws.com must be allowed s3:GetBucketAcl on the bucket and s3:PutObject on every object under <S3KeyPrefix>/AWSLogs/<account>/, or <S3KeyPrefix>/AWSLogs/<organization id>/ for an organization trail (AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail"), under conditions its requests meet: aws:SourceArn this trail\'s ARN, aws:SourceAccount its account, s3:x-amz-acl bucket-owner-full-control, over TLS. A statement that allows only another trail or account, or an explicit Deny that reaches these requests, stops delivery. A trail that cannot deliver records nothing: the functions only it would record are not recorded. A live audit also reports a bucket that no longer exists, and the S3 error CloudTrail itself reports for its last delivery (GetTrailStatus LatestDeliveryError).',
  fix: 'Give the bucket policy statements that allow cloudtrail.amazonaws.com s3:GetBucketAcl on the bucket and s3:PutObject on <bucket ARN>/<S3KeyPrefix>/AWSLogs/<account>/* (AWSLogs/<organization id>/* for an organization trail), with a StringEquals aws:SourceArn condition naming this trail (CompliantLambdaTrail adds them), and remove any Deny that reaches them; for a bucket that no longer exists, create it or point the trail at another bucket.',
  liveFix: 'Give the bucket policy statements that allow cloudtrail.amazonaws.com s3:GetBucketAcl on the bucket and s3:PutObject on <bucket ARN>/<S3KeyPrefix>/AWSLogs/<account>/* (AWSLogs/<organization id>/* for an organization trail), with a StringEquals aws:SourceArn condition naming TRAIL_ARN (aws s3api put-bucket-policy), and remove any Deny that reaches them; for a bucket that no longer exists, create it or point the trail at another bucket (aws cloudtrail update-trail --s3-bucket-name). Until then CloudTrail delivers no log file.',
  controls: EVENT_LOGGING,
  undecided: 'When S3BucketName is not known before deployment and may name a bucket of the app; when the bucket policy, S3KeyPrefix, the trail\'s name or a value in a condition is known only at deployment; or when a condition tests a key that CloudTrail\'s requests are not known to carry or not (aws:PrincipalOrgID, s3:x-amz-server-side-encryption ...): CLT0 naming CLT14, and the trail does not count as recording (its functions are CLT21 unless another trail records them). A bucket outside the app is not checked at synth. An organization trail\'s template does not name its organization: the checks accept write access under AWSLogs/<id>/ for an organization id the policy names (CloudTrail refuses to create the trail when it is not the organization\'s), unless the audit read the organization\'s id.',
  check({ trail, bucket, bucketUndecided, bucketPolicyStatements, liveState }) {
    const problems: string[] = [];
    if (liveState?.deliveryError !== undefined) {
      const since = liveState.latestDelivery ? `; its last delivery was at ${liveState.latestDelivery}` : '; it has delivered no log file';
      problems.push(`CloudTrail reports that delivering its log files failed: ${liveState.deliveryError} (GetTrailStatus LatestDeliveryError${since})`);
    }
    if (!bucket) {
      if (problems.length) return problems.join('; ');
      return bucketUndecided ? new Undecided(bucketUndecided) : undefined;
    }
    if (bucket.liveState?.missing !== undefined) {
      problems.push(`bucket ${bucket.path} does not exist (${printable(bucket.liveState.missing)})`);
      return problems.join('; ');
    }
    if (!bucketPolicyStatements) {
      if (problems.length) return problems.join('; ');
      return new Undecided(`bucket ${bucket.path}: its bucket policy is ${NOT_KNOWN}`);
    }
    const decisions = [
      policyAllows(bucketPolicyStatements, bucketAclCheck(trail, bucket.arn)),
      writeDecision(trail, bucket.arn, bucketPolicyStatements, liveState?.organizationId),
    ];
    const refused = decisions.filter(d => d.allowed === false);
    problems.push(...refused.map(d => `bucket ${bucket.path}: ${d.detail}`));
    if (problems.length) return problems.join('; ');
    const unknown = decisions.filter(d => d.allowed === undefined);
    return unknown.length ? new Undecided(`bucket ${bucket.path}: ${unknown.map(d => d.detail).join('; ')}`) : undefined;
  },
};

/**
 * Whether CloudTrail may write every log file of the trail: under AWSLogs/<account>/, or under
 * AWSLogs/<organization id>/ for an organization trail (both questions when that is not known: it
 * must be allowed in either case).
 */
function writeDecision(trail: TrailModel, bucketArn: string, statements: readonly any[], organizationId: string | undefined): PolicyDecision {
  const own = () => policyAllows(statements, logFileWrite(trail, bucketArn, logObjectPrefixes(trail.account, trail.s3KeyPrefix)[0]));
  const organization = () => {
    // Some organization id the policy names is taken as the trail's when the inputs do not say which it is.
    const decisions = organizationIds(statements, organizationId)
      .map(id => policyAllows(statements, logFileWrite(trail, bucketArn, logObjectPrefixes(id, trail.s3KeyPrefix)[0])));
    return decisions.find(d => d.allowed === true) ?? decisions.find(d => d.allowed === undefined) ?? decisions[0];
  };
  if (trail.organization === false) return own();
  if (trail.organization === true) return organization();
  const both = [own(), organization()];
  return {
    allowed: both[0].allowed === both[1].allowed ? both[0].allowed : undefined,
    detail: both.filter(d => d.allowed !== true).map(d => `if ${d === both[0] ? 'it is not' : 'it is'} an organization trail, ${d.detail}`).join('; '),
  };
}

const ORGANIZATION_ID = /AWSLogs\/(o-[a-z0-9]{10,32})\//g;

/** The organization id to check: the one read live, else those the policy's statements name (or one not known). */
function organizationIds(statements: readonly any[], known: string | undefined): string[] {
  if (known !== undefined) return [known];
  const named = new Set<string>();
  for (const statement of statements) {
    for (const resource of [statement.Resource].flat()) {
      if (typeof resource === 'string') for (const match of resource.matchAll(ORGANIZATION_ID)) named.add(match[1]);
    }
  }
  return named.size ? [...named] : [`o-${unknownResourceValue('the organization id')}`];
}
