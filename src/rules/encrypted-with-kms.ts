import { ISO_CRYPTO, LOG_PROTECTION, NIST_SC28 } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { isSet } from '../model/trail-model';
import { NOT_KNOWN, printable } from '../model/unknown-value';

/** CLT5: log files must be encrypted with a KMS key. */
export const encryptedWithKms: TrailRule = {
  id: 'CLT5',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Logs are not encrypted with KMS',
  explanation: 'Without KMSKeyId, log files are encrypted only with S3-managed keys: anyone who can read the bucket can read the logs. A KMS key adds a second, audited permission.',
  fix: 'Set KMSKeyId to a customer managed key whose policy lets cloudtrail.amazonaws.com encrypt for this trail (CompliantLambdaTrail creates one).',
  liveFix: 'aws cloudtrail update-trail --name TRAIL_ARN --kms-key-id KEY_ARN, with a customer managed key whose policy lets cloudtrail.amazonaws.com encrypt for this trail (lambda-trail remediate does not change a trail\'s key).',
  controls: [...LOG_PROTECTION, ISO_CRYPTO, NIST_SC28],
  undecided: 'When KMSKeyId is wholly a value known only at deployment (a parameter, which may be empty, or an import): CLT0 naming CLT5.',
  check({ trail }) {
    const set = isSet(trail.kmsKeyId);
    if (set === false) return 'the trail has no KMSKeyId';
    if (set === undefined) return new Undecided(`KMSKeyId is ${printable(trail.kmsKeyId!)}, ${NOT_KNOWN} (an empty value leaves the logs without KMS encryption)`);
    return undefined;
  },
};
