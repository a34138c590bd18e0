import { LOG_PROTECTION, NIST_AC3, NIST_SC8 } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { deniesInsecureTransport, transportDenyReach } from '../model/policy-statements';
import { or } from '../model/ternary';
import { readBoolean } from '../model/trail-model';
import { NOT_KNOWN } from '../model/unknown-value';

const BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** CLT10: the trail's bucket (in the app) must block public access and refuse plain HTTP. */
export const bucketNotPublic: TrailRule = {
  id: 'CLT10',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail\'s bucket allows public access or plain HTTP',
  explanation: 'Audit logs reveal function names, callers and parameters. Their bucket must block every form of public access and deny requests that are not sent over TLS: a statement that denies every principal every S3 action (s3:*) on the bucket and on its objects when aws:SecureTransport is false (Amazon S3 User Guide, "Security best practices for Amazon S3"). A narrower deny (some principals, some actions, the bucket or its objects only, further conditions) leaves plain HTTP open to the rest. A live audit judges each Block Public Access setting as S3 applies it: on when the bucket\'s or its account\'s is (s3:GetAccountPublicAccessBlock).',
  fix: 'Set all four PublicAccessBlockConfiguration flags to true, and add a bucket policy statement with Effect Deny, Principal "*", Action s3:*, Resource the bucket ARN and <bucket ARN>/*, and Condition Bool aws:SecureTransport false (s3.Bucket: blockPublicAccess BLOCK_ALL, enforceSSL true).',
  liveFix: 'On the trail\'s bucket: aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true, and a bucket policy statement (aws s3api put-bucket-policy) that denies s3:* to Principal "*" on the bucket and its objects when aws:SecureTransport is false.',
  controls: [...LOG_PROTECTION, NIST_AC3, NIST_SC8],
  undecided: 'When S3BucketName is not known before deployment and may name a bucket of the app, when the bucket sets no PublicAccessBlockConfiguration (S3\'s default blocks all public access only for buckets created since April 2023), or when its public access block or policy holds values known only at deployment: CLT0 naming CLT10. A bucket outside the app is not checked.',
  check({ bucket, bucketUndecided, bucketPolicyStatements }) {
    if (!bucket) return bucketUndecided ? new Undecided(bucketUndecided) : undefined;
    const problems: string[] = [];
    const unknown: string[] = [];
    const block = bucket.properties.PublicAccessBlockConfiguration;
    if (block === undefined) {
      // S3 turns every Block Public Access setting on for buckets created since April 2023 (Amazon S3
      // User Guide, "Blocking public access to your Amazon S3 storage"); a bucket this template took
      // over from earlier keeps what it had. Not an error, not compliant either.
      unknown.push('it sets no PublicAccessBlockConfiguration: S3 blocks all public access by default only for buckets created since April 2023; set all four flags to true to be sure');
    } else if (typeof block !== 'object' || block === null) {
      unknown.push(`its PublicAccessBlockConfiguration is ${NOT_KNOWN}`);
    } else {
      const flags = BLOCKS.map(flag => ({ flag, on: readBoolean(block[flag], false) }));
      const open = flags.filter(f => f.on === false).map(f => f.flag);
      const notKnown = flags.filter(f => f.on === undefined).map(f => f.flag);
      if (open.length) problems.push(`public access is not blocked: ${open.join(', ')} not true`);
      if (notKnown.length) unknown.push(`${notKnown.join(', ')} ${NOT_KNOWN}`);
    }
    if (bucketPolicyStatements === undefined) {
      unknown.push(`its bucket policy is ${NOT_KNOWN}`);
    } else {
      const denies = bucketPolicyStatements.filter(deniesInsecureTransport);
      const reach = denies.map(s => ({ statement: s, ...transportDenyReach(s, bucket.arn) }));
      const onBucket = or(...reach.map(r => r.bucket));
      const onObjects = or(...reach.map(r => r.objects));
      if (denies.length === 0) {
        problems.push('no bucket policy statement denies requests with aws:SecureTransport false');
      } else if (onBucket === false || onObjects === false) {
        problems.push(`plain HTTP is not denied to every principal for every S3 action on the bucket and its objects: ${reach.map(r => `${r.statement.Sid ?? 'a statement'}: ${r.gaps.join(', ')}`).join('; ')}`);
      } else if (onBucket === undefined || onObjects === undefined) {
        unknown.push(`whether its deny of plain HTTP covers every principal, every S3 action, the bucket and its objects is ${NOT_KNOWN} (${reach.flatMap(r => r.gaps).join(', ')})`);
      }
    }
    if (problems.length) return `bucket ${bucket.path}: ${problems.join('; ')}`;
    return unknown.length ? new Undecided(`bucket ${bucket.path}: ${unknown.join('; ')}`) : undefined;
  },
};
