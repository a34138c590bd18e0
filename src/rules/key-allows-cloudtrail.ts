import { ISO_CRYPTO, LOG_PROTECTION } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from '../model/cloudtrail-limits';
import { actionsInclude, principalIncludesService, statementsOf } from '../model/policy-statements';

/** CLT12: the trail's key (in the app) must let CloudTrail encrypt, or the deployment fails. */
export const keyAllowsCloudTrail: TrailRule = {
  id: 'CLT12',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail\'s KMS key does not let CloudTrail encrypt: the deployment would fail',
  explanation: 'CloudTrail checks at creation that it may call kms:GenerateDataKey* on the key; without a key policy statement for cloudtrail.amazonaws.com the trail fails to create or to deliver logs.',
  fix: 'Add a key policy statement that allows cloudtrail.amazonaws.com kms:GenerateDataKey*, limited by aws:SourceArn and kms:EncryptionContext:aws:cloudtrail:arn (CompliantLambdaTrail adds it; aws-cdk-lib\'s Trail does not).',
  controls: [...LOG_PROTECTION, ISO_CRYPTO],
  check({ key }) {
    if (!key) return undefined;
    const statements = statementsOf(key.properties.KeyPolicy);
    if (statements === undefined) return undefined;
    const allows = statements.some(s => s.Effect === 'Allow'
      && principalIncludesService(s, CLOUDTRAIL_SERVICE_PRINCIPAL) && actionsInclude(s, 'kms:GenerateDataKey'));
    return allows ? undefined : `key ${key.path}: no key policy statement allows cloudtrail.amazonaws.com kms:GenerateDataKey*`;
  },
};
