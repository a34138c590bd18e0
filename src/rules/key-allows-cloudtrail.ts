import { ISO_CRYPTO, LOG_PROTECTION } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from '../model/cloudtrail-limits';
import { actionsInclude, principalIncludesService, statementsOf } from '../model/policy-statements';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT12: the trail's key (in the app) must let CloudTrail encrypt, or the deployment fails. */
export const keyAllowsCloudTrail: TrailRule = {
  id: 'CLT12',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail\'s KMS key does not let CloudTrail encrypt: the deployment would fail',
  explanation: 'CloudTrail checks at creation that it may call kms:GenerateDataKey* on the key (AWS CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail"); without a key policy statement for cloudtrail.amazonaws.com the trail fails to create or to deliver logs.',
  fix: 'Add a key policy statement that allows cloudtrail.amazonaws.com kms:GenerateDataKey*, limited by aws:SourceArn and kms:EncryptionContext:aws:cloudtrail:arn (CompliantLambdaTrail adds it; aws-cdk-lib\'s Trail does not).',
  liveFix: 'Add a key policy statement that allows cloudtrail.amazonaws.com kms:GenerateDataKey*, limited by aws:SourceArn TRAIL_ARN and kms:EncryptionContext:aws:cloudtrail:arn (aws kms put-key-policy): until then CloudTrail cannot encrypt, so it delivers no log file.',
  controls: [...LOG_PROTECTION, ISO_CRYPTO],
  undecided: 'When the key policy holds values known only at deployment: CLT0 naming CLT12. Only a key of the app is checked, and a key of the app can be named before deployment only by Ref or Fn::GetAtt (or an alias of the app that targets it): a literal key ARN, a parameter or an import names a key outside the app.',
  check({ key }) {
    if (!key) return undefined;
    // Without KeyPolicy, KMS gives the key its default policy: the account's principals only.
    if (key.properties.KeyPolicy === undefined) return `key ${key.path}: it has no KeyPolicy, and the default key policy does not allow cloudtrail.amazonaws.com kms:GenerateDataKey*`;
    const statements = statementsOf(key.properties.KeyPolicy);
    if (statements === undefined) return new Undecided(`key ${key.path}: its key policy is ${NOT_KNOWN}`);
    const allows = statements.some(s => s.Effect === 'Allow'
      && principalIncludesService(s, CLOUDTRAIL_SERVICE_PRINCIPAL) && actionsInclude(s, 'kms:GenerateDataKey'));
    return allows ? undefined : `key ${key.path}: no key policy statement allows cloudtrail.amazonaws.com kms:GenerateDataKey*`;
  },
};
