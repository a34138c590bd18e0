import { LOG_PROTECTION, NIST_AC3, NIST_SC8 } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { deniesInsecureTransport } from '../model/policy-statements';

const BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** CLT10: the trail's bucket (in the app) must block public access and refuse plain HTTP. */
export const bucketNotPublic: TrailRule = {
  id: 'CLT10',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail\'s bucket allows public access or plain HTTP',
  explanation: 'Audit logs reveal function names, callers and parameters. Their bucket must block every form of public access and deny requests that are not sent over TLS.',
  fix: 'Set all four PublicAccessBlockConfiguration flags to true, and add a bucket policy statement that denies s3:* when aws:SecureTransport is false (s3.Bucket: blockPublicAccess BLOCK_ALL, enforceSSL true).',
  controls: [...LOG_PROTECTION, NIST_AC3, NIST_SC8],
  check({ bucket, bucketPolicyStatements }) {
    if (!bucket) return undefined;
    const problems: string[] = [];
    const block = bucket.properties.PublicAccessBlockConfiguration;
    if (block === undefined) {
      problems.push('the bucket has no PublicAccessBlockConfiguration');
    } else if (typeof block === 'object') {
      const open = BLOCKS.filter(flag => block[flag] !== true && block[flag] !== 'true' && (block[flag] === undefined || block[flag] === false || block[flag] === 'false'));
      if (open.length) problems.push(`public access is not blocked: ${open.join(', ')} not true`);
    }
    if (bucketPolicyStatements !== undefined && !bucketPolicyStatements.some(deniesInsecureTransport)) {
      problems.push('no bucket policy statement denies requests with aws:SecureTransport false');
    }
    return problems.length ? `bucket ${bucket.path}: ${problems.join('; ')}` : undefined;
  },
};
