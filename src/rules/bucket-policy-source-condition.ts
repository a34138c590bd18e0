import { LOG_PROTECTION } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from '../model/cloudtrail-limits';
import { pinsSourceAccount, principalIncludesService } from '../model/policy-statements';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT11: the bucket policy should let CloudTrail write only for this trail or account (confused deputy). */
export const bucketPolicySourceCondition: TrailRule = {
  id: 'CLT11',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'The bucket policy lets CloudTrail write without an aws:SourceArn or aws:SourceAccount condition',
  explanation: 'Without a source condition that pins this account, any trail in any account can make CloudTrail write into this bucket (the confused deputy problem): forged or foreign log files could sit beside real ones. AWS\'s confused-deputy guidance for CloudTrail (AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail") conditions every statement for cloudtrail.amazonaws.com on aws:SourceArn arn:<partition>:cloudtrail:<region>:<account>:trail/<name> or aws:SourceAccount <account>; wildcards belong only in the region and the trail name, never in the account.',
  fix: 'Add a StringEquals aws:SourceArn condition with the trail\'s ARN (or aws:SourceAccount with this account) to every statement that allows cloudtrail.amazonaws.com.',
  liveFix: 'Add a StringEquals aws:SourceArn condition with TRAIL_ARN (or aws:SourceAccount with the trail\'s account) to every statement of the bucket\'s policy that allows cloudtrail.amazonaws.com (aws s3api put-bucket-policy).',
  controls: LOG_PROTECTION,
  undecided: 'When S3BucketName is not known before deployment and may name a bucket of the app, or the bucket policy or the values of its conditions are known only at deployment: CLT0 naming CLT11.',
  check({ trail, bucket, bucketUndecided, bucketPolicyStatements }) {
    if (!bucket) return bucketUndecided ? new Undecided(bucketUndecided) : undefined;
    if (!bucketPolicyStatements) return new Undecided(`bucket ${bucket.path}: its bucket policy is ${NOT_KNOWN}`);
    const verdicts = bucketPolicyStatements
      .filter(s => s.Effect === 'Allow' && principalIncludesService(s, CLOUDTRAIL_SERVICE_PRINCIPAL))
      .map(s => ({ statement: s, ...pinsSourceAccount(s, trail.account, trail.partition) }));
    const name = (s: any) => s.Sid ?? JSON.stringify(s.Action);
    const open = verdicts.filter(v => v.pinned === false);
    if (open.length > 0) {
      return `bucket ${bucket.path}: ${open.length} statement(s) allow cloudtrail.amazonaws.com without a source condition that pins this account (${open.map(v => name(v.statement)).join(', ')}): ${[...new Set(open.map(v => v.detail))].join('; ')}`;
    }
    const unknown = verdicts.filter(v => v.pinned === undefined);
    if (unknown.length > 0) return new Undecided(`bucket ${bucket.path}: ${unknown.map(v => `${name(v.statement)}: ${v.detail}`).join('; ')}`);
    return undefined;
  },
};
