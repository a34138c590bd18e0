import { LOG_PROTECTION } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from '../model/cloudtrail-limits';
import { conditionKeys, principalIncludesService } from '../model/policy-statements';

/** CLT11: the bucket policy should let CloudTrail write only for this trail or account (confused deputy). */
export const bucketPolicySourceCondition: TrailRule = {
  id: 'CLT11',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'The bucket policy lets CloudTrail write without an aws:SourceArn or aws:SourceAccount condition',
  explanation: 'Without a source condition any trail, in any account, can make CloudTrail write into this bucket (the confused deputy problem): forged or foreign log files could sit beside real ones.',
  fix: 'Add a StringEquals aws:SourceArn condition with the trail\'s ARN (or aws:SourceAccount) to every statement that allows cloudtrail.amazonaws.com.',
  controls: LOG_PROTECTION,
  check({ bucket, bucketPolicyStatements }) {
    if (!bucket || !bucketPolicyStatements) return undefined;
    const open = bucketPolicyStatements.filter(s => s.Effect === 'Allow'
      && principalIncludesService(s, CLOUDTRAIL_SERVICE_PRINCIPAL)
      && !conditionKeys(s).some(k => k === 'aws:sourcearn' || k === 'aws:sourceaccount'));
    if (open.length === 0) return undefined;
    return `bucket ${bucket.path}: ${open.length} statement(s) allow cloudtrail.amazonaws.com without a source condition (${open.map(s => s.Sid ?? JSON.stringify(s.Action)).join(', ')})`;
  },
};
