import { ISO_CRYPTO, LOG_PROTECTION } from './controls';
import { DeliveryRule, FindingLevel, Undecided } from './rule';
import { dataKeyRequest } from '../model/cloudtrail-delivery';
import { policyAllows, statementsOf } from '../model/policy-statements';
import { readBoolean } from '../model/trail-model';
import { hasUnknown, NOT_KNOWN, printable } from '../model/unknown-value';

/** CLT12: the trail's key (in the app, or read live) must let CloudTrail encrypt, or the deployment fails and delivery stops. */
export const keyAllowsCloudTrail: DeliveryRule = {
  id: 'CLT12',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  stopsDelivery: true,
  title: 'The trail\'s KMS key does not let CloudTrail encrypt: the deployment would fail',
  explanation: 'CloudTrail checks at creation that it may call kms:GenerateDataKey* on the key (AWS CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail"), and needs it for every log file: a key policy statement must allow cloudtrail.amazonaws.com under conditions its request meets (aws:SourceArn this trail\'s ARN, kms:EncryptionContext:aws:cloudtrail:arn a trail of its account), and no Deny may reach the request. A statement for another account\'s or another trail\'s ARN does not let this trail encrypt. A disabled key, or one pending deletion, encrypts nothing. A trail that cannot encrypt its log files delivers none and records nothing.',
  fix: 'Add a key policy statement that allows cloudtrail.amazonaws.com kms:GenerateDataKey*, limited by aws:SourceArn (this trail\'s ARN) and kms:EncryptionContext:aws:cloudtrail:arn (trails of this account); CompliantLambdaTrail adds it, aws-cdk-lib\'s Trail does not. Enable the key, or cancel its deletion.',
  liveFix: 'Add a key policy statement that allows cloudtrail.amazonaws.com kms:GenerateDataKey*, limited by aws:SourceArn TRAIL_ARN and kms:EncryptionContext:aws:cloudtrail:arn (aws kms put-key-policy); enable the key (aws kms enable-key) or cancel its deletion (aws kms cancel-key-deletion): until then CloudTrail cannot encrypt, so it delivers no log file.',
  controls: [...LOG_PROTECTION, ISO_CRYPTO],
  undecided: 'When the key policy, its Enabled property or a value in a condition is known only at deployment, or a condition tests a key CloudTrail\'s request is not known to carry or not: CLT0 naming CLT12, and the trail does not count as recording. Only a key of the app is checked at synth, and a key of the app can be named before deployment only by Ref or Fn::GetAtt (or an alias of the app that targets it): a literal key ARN, a parameter or an import names a key outside the app. A live audit reads the key\'s state (kms:DescribeKey) and policy.',
  check({ trail, key }) {
    if (!key) return undefined;
    const problems: string[] = [];
    const unknown: string[] = [];
    const enabled = readBoolean(key.properties.Enabled, true);
    if (enabled === false) problems.push('it is disabled (Enabled false)');
    if (enabled === undefined) unknown.push(`whether it is enabled (Enabled) is ${NOT_KNOWN}`);
    const state = key.liveState?.keyState;
    if (state !== undefined && hasUnknown(state)) unknown.push(`its state is not known (${printable(state)})`);
    else if (state !== undefined && state !== 'Enabled') problems.push(`its state is ${state} (kms:DescribeKey), and CloudTrail encrypts only with an Enabled key`);
    // Without KeyPolicy, KMS gives the key its default policy: the account's principals only.
    const statements = key.properties.KeyPolicy === undefined ? [] : statementsOf(key.properties.KeyPolicy);
    if (statements === undefined) {
      unknown.push(`its key policy is ${NOT_KNOWN}`);
    } else {
      const decision = policyAllows(statements, dataKeyRequest(trail, key.arn));
      const withDefault = key.properties.KeyPolicy === undefined ? ' (it has no KeyPolicy: the default key policy names only the account\'s principals)' : '';
      if (decision.allowed === false) problems.push(`${decision.detail}${withDefault}`);
      if (decision.allowed === undefined) unknown.push(decision.detail);
    }
    if (problems.length) return `key ${key.path}: ${problems.join('; ')}`;
    return unknown.length ? new Undecided(`key ${key.path}: ${unknown.join('; ')}`) : undefined;
  },
};
