// Every rule on CloudFormation templates brought in with CfnInclude (test/fixtures/*.json): the
// checks read the same properties whether a trail was written in CDK or in a template.
import { Stack } from 'aws-cdk-lib';

import { findingsOf, fixtureCase, messagesAt } from '../checks/helpers';

const TRAIL = '/Stack/Template/Trail';
const stacks = new Map<string, Stack>();

/** The stack that includes the fixture; one app per fixture, built once. */
function fixture(name: string): Stack {
  if (!stacks.has(name)) stacks.set(name, fixtureCase(name));
  return stacks.get(name)!;
}

function hasError(name: string, id: string) {
  expect(findingsOf(fixture(name))).toContain(`${TRAIL} ${id}`);
}
function hasNoError(name: string, id: string) {
  expect(findingsOf(fixture(name))).not.toContain(`${TRAIL} ${id}`);
}
function hasWarning(name: string, id: string) {
  expect(findingsOf(fixture(name))).toContain(`${TRAIL} ${id} (warning)`);
}
function hasNoWarning(name: string, id: string) {
  expect(findingsOf(fixture(name))).not.toContain(`${TRAIL} ${id} (warning)`);
}

describe('every finding of every fixture', () => {
  test.each([
    ['compliant', []],
    ['compliant-basic-selectors', []],
    ['outside-references', []],
    // IsLogging, EnableLogFileValidation and KMSKeyId are parameters, IsMultiRegionTrail depends on a condition: CLT0 naming CLT5, CLT6, CLT7 and CLT8.
    ['parameters-and-conditions', ['CLT0 (warning)', 'CLT0 (warning)', 'CLT0 (warning)', 'CLT0 (warning)']],
    ['no-data-events', ['CLT1']],
    ['event-name-invoke-only', []],
    ['basic-read-only', ['CLT1', 'CLT2', 'CLT4']],
    ['write-only-lambda', ['CLT2']],
    ['cost-limited', ['CLT3 (warning)']],
    ['no-management-events', ['CLT4']],
    ['no-kms', ['CLT5']],
    ['no-log-file-validation', ['CLT6']],
    ['not-logging', ['CLT7']],
    ['single-region', ['CLT8 (warning)']],
    ['no-cloudwatch-logs', ['CLT9 (warning)']],
    ['public-bucket', ['CLT10']],
    ['bucket-without-tls-policy', ['CLT10']],
    ['bucket-policy-without-source-arn', ['CLT11 (warning)']],
    ['key-policy-without-cloudtrail', ['CLT12']],
    ['key-policy-other-account', ['CLT12']],
    // A trail that cannot deliver records nothing: its only function is not recorded.
    ['disabled-key', ['CLT12', 'Orders CLT20']],
    ['mixed-selectors', ['CLT13']],
    ['bucket-policy-without-acl-check', ['CLT14']],
    ['bucket-policy-other-trail', ['CLT14', 'Orders CLT20']],
    ['bucket-policy-denies-cloudtrail', ['CLT14']],
    ['s3-key-prefix', []],
    ['s3-key-prefix-not-allowed', ['CLT14']],
    // readOnly StartsWith 'f' is rejected by CloudTrail, and would mean readOnly false: write-only.
    ['read-only-starts-with', ['CLT13', 'CLT2']],
    // Coverage is a union across the logging trails of an account and region, condition by condition.
    ['callers-split-across-trails', ['CLT3 (warning)', 'OtherTrail CLT3 (warning)']],
    ['management-split-across-trails', []],
  ])('%s: %j', (name, ids) => {
    // `<logical id> <rule>` is a finding of another resource of the template (a function).
    expect(findingsOf(fixture(name))).toEqual(ids.map(id => (/^CLT/.test(id) ? `${TRAIL} ${id}` : `/Stack/Template/${id}`)).sort());
  });
});

describe('CLT1: records Lambda invocations (CfnInclude)', () => {
  test('Compliance', () => {
    hasNoError('compliant', 'CLT1');
    hasNoError('compliant-basic-selectors', 'CLT1');
  });
  test('Noncompliance 1: fails when there is no Lambda data selector', () => hasError('no-data-events', 'CLT1'));
  test('Compliance: eventName Equals Invoke records every invocation', () => hasNoError('event-name-invoke-only', 'CLT1'));
  test('Noncompliance 3: fails when the basic selector is ReadOnly', () => hasError('basic-read-only', 'CLT1'));
});

describe('CLT2: records Lambda data events read and write (CfnInclude)', () => {
  test('Compliance', () => {
    hasNoError('compliant', 'CLT2');
    hasNoError('compliant-basic-selectors', 'CLT2');
  });
  test('Noncompliance 1: fails when the Lambda selector is write-only', () => hasError('write-only-lambda', 'CLT2'));
  test('Noncompliance 2: fails when the basic selector is ReadOnly', () => hasError('basic-read-only', 'CLT2'));
  test('Noncompliance 3: fails when readOnly StartsWith f', () => hasError('read-only-starts-with', 'CLT2'));
});

describe('CLT3: Lambda data events limited to some functions (CfnInclude)', () => {
  test('Compliance', () => hasNoWarning('compliant', 'CLT3'));
  test('Noncompliance 1: warns when resources.ARN lists a function', () => hasWarning('cost-limited', 'CLT3'));
  test('the warning names the scope', () => {
    expect(messagesAt(fixture('cost-limited'), TRAIL)).toContainEqual(expect.stringMatching('\\[CLT3\\].*function:orders'));
  });
});

describe('CLT4: records management events (CfnInclude)', () => {
  test('Compliance', () => {
    hasNoError('compliant', 'CLT4');
    hasNoError('compliant-basic-selectors', 'CLT4');
  });
  test('Noncompliance 1: fails when there is no management selector', () => hasError('no-management-events', 'CLT4'));
  test('Noncompliance 2: fails when management events are read-only', () => hasError('basic-read-only', 'CLT4'));
});

describe('CLT5: encrypted with KMS (CfnInclude)', () => {
  test('Compliance', () => hasNoError('compliant', 'CLT5'));
  test('Noncompliance 1: fails when KMSKeyId is absent', () => hasError('no-kms', 'CLT5'));
});

describe('CLT6: log file validation (CfnInclude)', () => {
  test('Compliance', () => hasNoError('compliant', 'CLT6'));
  test('Noncompliance 1: fails when EnableLogFileValidation is false', () => hasError('no-log-file-validation', 'CLT6'));
});

describe('CLT7: is logging (CfnInclude)', () => {
  test('Compliance', () => hasNoError('compliant', 'CLT7'));
  test('Noncompliance 1: fails when IsLogging is false', () => hasError('not-logging', 'CLT7'));
});

describe('CLT8: multi-region (CfnInclude)', () => {
  test('Compliance', () => hasNoWarning('compliant', 'CLT8'));
  test('Noncompliance 1: warns when the trail is single-region', () => hasWarning('single-region', 'CLT8'));
});

describe('CLT9: CloudWatch Logs (CfnInclude)', () => {
  test('Compliance', () => hasNoWarning('compliant', 'CLT9'));
  test('Noncompliance 1: warns when there is no log group', () => hasWarning('no-cloudwatch-logs', 'CLT9'));
});

describe('CLT10: bucket not public (CfnInclude)', () => {
  test('Compliance', () => hasNoError('compliant', 'CLT10'));
  test('Compliance 2: silent when S3BucketName is a bucket outside the app', () => hasNoError('outside-references', 'CLT10'));
  test('Noncompliance 1: fails when the bucket\'s public access block is off', () => hasError('public-bucket', 'CLT10'));
  test('Noncompliance 2: fails when no statement denies plain HTTP', () => hasError('bucket-without-tls-policy', 'CLT10'));
  test('the error names the bucket', () => {
    expect(messagesAt(fixture('public-bucket'), TRAIL)).toContainEqual(expect.stringMatching('\\[CLT10\\].*Stack/Template/Bucket.*public access is not blocked'));
  });
});

describe('CLT11: bucket policy source condition (CfnInclude)', () => {
  test('Compliance', () => hasNoWarning('compliant', 'CLT11'));
  test('Compliance 2: silent when the bucket is outside the app', () => hasNoWarning('outside-references', 'CLT11'));
  test('Noncompliance 1: warns when CloudTrail statements have no aws:SourceArn', () => hasWarning('bucket-policy-without-source-arn', 'CLT11'));
  test('the warning counts both statements', () => {
    expect(messagesAt(fixture('bucket-policy-without-source-arn'), TRAIL)).toContainEqual(expect.stringMatching('\\[CLT11\\].*2 statement\\(s\\).*CloudTrailAclCheck, CloudTrailWrite'));
  });
});

describe('CLT12: key allows CloudTrail (CfnInclude)', () => {
  test('Compliance', () => hasNoError('compliant', 'CLT12'));
  test('Compliance 2: silent for an imported key ARN', () => hasNoError('outside-references', 'CLT12'));
  test('Noncompliance 1: fails when the key policy has no CloudTrail statement', () => hasError('key-policy-without-cloudtrail', 'CLT12'));
  test('Noncompliance 2: fails when the CloudTrail statement\'s conditions name another account\'s trail', () => {
    hasError('key-policy-other-account', 'CLT12');
    expect(messagesAt(fixture('key-policy-other-account'), TRAIL)).toEqual([expect.stringMatching(/\[CLT12\].*CloudTrailEncrypt: it requires StringEquals aws:SourceArn \[arn:aws:cloudtrail:us-east-1:222222222222:trail\/fixture-trail\] and StringLike kms:EncryptionContext:aws:cloudtrail:arn/)]);
  });
  test('Noncompliance 3: fails when the key is disabled', () => hasError('disabled-key', 'CLT12'));
});

describe('CLT14: the bucket lets CloudTrail write its logs (CfnInclude)', () => {
  test('Compliance', () => {
    hasNoError('compliant', 'CLT14');
    hasNoError('s3-key-prefix', 'CLT14');
  });
  test('Compliance 2: silent when the bucket is outside the app', () => hasNoError('outside-references', 'CLT14'));
  test('Noncompliance 1: fails when the policy has no s3:GetBucketAcl for CloudTrail', () => hasError('bucket-policy-without-acl-check', 'CLT14'));
  test('Noncompliance 2: fails when the policy allows only another trail', () => hasError('bucket-policy-other-trail', 'CLT14'));
  test('Noncompliance 3: fails when a Deny reaches CloudTrail\'s writes, and names it', () => {
    hasError('bucket-policy-denies-cloudtrail', 'CLT14');
    expect(messagesAt(fixture('bucket-policy-denies-cloudtrail'), TRAIL)).toEqual([expect.stringMatching(/\[CLT14\].*DenyOtherAccounts denies cloudtrail\.amazonaws\.com s3:PutObject/)]);
  });
  test('Noncompliance 4: fails when the policy leaves out the trail\'s S3KeyPrefix', () => hasError('s3-key-prefix-not-allowed', 'CLT14'));
});

describe('CLT13: selectors accepted (CfnInclude)', () => {
  test('Compliance', () => hasNoError('compliant', 'CLT13'));
  test('Noncompliance 1: fails when basic and advanced selectors are mixed', () => hasError('mixed-selectors', 'CLT13'));
  test('Noncompliance 2: fails when readOnly uses StartsWith', () => hasError('read-only-starts-with', 'CLT13'));
});
