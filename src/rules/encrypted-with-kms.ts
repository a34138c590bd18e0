import { ISO_CRYPTO, LOG_PROTECTION, NIST_SC28 } from './controls';
import { FindingLevel, TrailRule } from './rule';

/** CLT5: log files must be encrypted with a KMS key. */
export const encryptedWithKms: TrailRule = {
  id: 'CLT5',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Logs are not encrypted with KMS',
  explanation: 'Without KMSKeyId, log files are encrypted only with S3-managed keys: anyone who can read the bucket can read the logs. A KMS key adds a second, audited permission.',
  fix: 'Set KMSKeyId to a customer managed key whose policy lets cloudtrail.amazonaws.com encrypt for this trail (CompliantLambdaTrail creates one).',
  controls: [...LOG_PROTECTION, ISO_CRYPTO, NIST_SC28],
  check({ trail }) {
    return trail.kmsKeyId === undefined ? 'the trail has no KMSKeyId' : undefined;
  },
};
