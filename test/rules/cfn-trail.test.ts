// Every rule on an L1 CfnTrail: a compliant trail (with its key, bucket, bucket policy and log group)
// and variants that each break one thing.
import { Fn, Stack } from 'aws-cdk-lib';

import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, cfnTrailCase, cloudTrailWriteStatements, findingsOf, KEY_ADMIN_STATEMENT, KEY_CLOUDTRAIL_STATEMENT, lambdaSelector, MANAGEMENT_SELECTOR, messagesAt, REGION, tlsDenyStatement } from '../checks/helpers';

const TRAIL = '/Stack/Trail';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;
const LAMBDA_EVERY_FUNCTION: cloudtrail.CfnTrail.EventSelectorProperty = {
  readWriteType: 'All',
  includeManagementEvents: true,
  dataResources: [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }],
};

let compliant: Stack;
let compliantBasic: Stack;

beforeAll(() => {
  compliant = cfnTrailCase();
  compliantBasic = cfnTrailCase(({ trail }) => {
    trail.advancedEventSelectors = undefined;
    trail.eventSelectors = [LAMBDA_EVERY_FUNCTION];
  });
});

describe('a compliant CfnTrail', () => {
  test('has no finding (advanced selectors)', () => {
    expect(findingsOf(compliant)).toEqual([]);
  });

  test('has no finding (basic selectors recording every function, read and write)', () => {
    expect(findingsOf(compliantBasic)).toEqual([]);
  });
});

describe('CLT1: records Lambda invocations', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT1`);
    expect(findingsOf(compliantBasic)).not.toContain(`${TRAIL} CLT1`);
  });

  test('Noncompliance 1: fails when no selector records Lambda data events', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT1`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT1`]);
  });

  test('Noncompliance 2: fails when the trail has no selectors (management events only)', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT1`]);
  });

  test('Noncompliance 3: fails when the data selector is for another resource type', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, {
        fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::S3::Object'] }],
      }];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT1`);
  });

  test('Compliance: eventName Equals Invoke records every invocation (InvokeExecution is not documented by AWS)', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'eventName', equalTo: ['Invoke'] })];
    });
    expect(findingsOf(stack)).not.toContain(`${TRAIL} CLT1`);
  });

  test('Noncompliance 4: fails when an eventName condition leaves out Invoke', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'eventName', notEquals: ['Invoke'] })];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT1`);
  });

  test('Noncompliance 5: fails when basic selectors record only S3 data events', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT1`]);
  });
});

describe('CLT2: records Lambda data events read and write', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT2`);
    expect(findingsOf(compliantBasic)).not.toContain(`${TRAIL} CLT2`);
  });

  test('Noncompliance 1: fails when the Lambda selector is write-only (readOnly Equals false)', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'readOnly', equalTo: ['false'] })];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT2`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT2`]);
  });

  test('Noncompliance 2: fails when the Lambda selector is read-only (and so records no invocation)', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'readOnly', equalTo: ['true'] })];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT2`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT1`, `${TRAIL} CLT2`]);
  });

  test('Noncompliance 3: fails when a basic selector is ReadOnly', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{ ...LAMBDA_EVERY_FUNCTION, readWriteType: 'ReadOnly' }];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT2`);
    // ReadOnly applies to management events too: write management events are lost.
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT1`, `${TRAIL} CLT2`, `${TRAIL} CLT4`]);
  });

  test('Noncompliance 4: fails when a basic selector is WriteOnly', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{ ...LAMBDA_EVERY_FUNCTION, readWriteType: 'WriteOnly' }];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT2`, `${TRAIL} CLT4`]);
  });
});

describe('CLT3: Lambda data events limited to some functions', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT3 (warning)`);
    expect(findingsOf(compliantBasic)).not.toContain(`${TRAIL} CLT3 (warning)`);
  });

  test('Noncompliance 1: warns when resources.ARN lists functions', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', equalTo: [FUNCTION_ARN] })];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT3 (warning)`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT3 (warning)`]);
  });

  test('Noncompliance 2: warns when resources.ARN excludes functions', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', notEquals: [FUNCTION_ARN] })];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT3 (warning)`]);
  });

  test('Noncompliance 3: warns when a basic selector lists a function ARN', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{ ...LAMBDA_EVERY_FUNCTION, dataResources: [{ type: 'AWS::Lambda::Function', values: [FUNCTION_ARN] }] }];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT3 (warning)`]);
  });
});

describe('CLT4: records management events, read and write', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT4`);
    expect(findingsOf(compliantBasic)).not.toContain(`${TRAIL} CLT4`);
  });

  test('Noncompliance 1: fails when advanced selectors have no management selector', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [lambdaSelector()];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT4`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT4`]);
  });

  test('Noncompliance 2: fails when the management selector is read-only', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [{
        fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }, { field: 'readOnly', equalTo: ['true'] }],
      }, lambdaSelector()];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT4`);
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('write management events are not recorded'));
  });

  test('Noncompliance 3: fails when a basic selector leaves out management events', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{ ...LAMBDA_EVERY_FUNCTION, includeManagementEvents: false }];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT4`]);
  });
});

describe('CLT5: encrypted with KMS', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT5`);
  });

  test('Noncompliance 1: fails when KMSKeyId is not set', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.kmsKeyId = undefined;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT5`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT5`]);
  });
});

describe('CLT6: log file validation', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT6`);
  });

  test('Noncompliance 1: fails when EnableLogFileValidation is false', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.enableLogFileValidation = false;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT6`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT6`]);
  });

  test('Noncompliance 2: fails when EnableLogFileValidation is absent (CloudFormation defaults it to false)', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.enableLogFileValidation = undefined;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT6`);
  });
});

describe('CLT7: is logging', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT7`);
  });

  test('Noncompliance 1: fails when IsLogging is false', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.isLogging = false;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT7`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT7`]);
  });
});

describe('CLT8: multi-region with global service events', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT8 (warning)`);
  });

  test('Noncompliance 1: warns when the trail is single-region', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.isMultiRegionTrail = false;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT8 (warning)`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT8 (warning)`]);
  });

  test('Noncompliance 2: warns when global service events are left out', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.includeGlobalServiceEvents = false;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT8 (warning)`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT8 (warning)`]);
  });
});

describe('CLT9: CloudWatch Logs delivery', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT9 (warning)`);
  });

  test('Noncompliance 1: warns when there is no CloudWatchLogsLogGroupArn', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.cloudWatchLogsLogGroupArn = undefined;
      trail.cloudWatchLogsRoleArn = undefined;
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT9 (warning)`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT9 (warning)`]);
  });
});

describe('CLT10: the bucket blocks public access and plain HTTP', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT10`);
  });

  test('Compliance 2: silent when S3BucketName names a bucket outside the app', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.s3BucketName = 'audit-logs-of-another-team';
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Undecided: a bucket with no PublicAccessBlockConfiguration is blocked by S3\'s default only if created since April 2023 (CLT0, not an error)', () => {
    const stack = cfnTrailCase(({ bucket }) => {
      bucket.publicAccessBlockConfiguration = undefined;
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT0 (warning)`]);
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching(/could not decide CLT10 .*no PublicAccessBlockConfiguration.*April 2023/));
  });

  test('Noncompliance 2: fails when one public access block flag is false', () => {
    const stack = cfnTrailCase(({ bucket }) => {
      bucket.publicAccessBlockConfiguration = {
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      };
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT10`);
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('BlockPublicPolicy'));
  });

  test('Noncompliance 3: fails when no bucket policy statement denies plain HTTP', () => {
    const stack = cfnTrailCase(({ bucket, bucketPolicy }) => {
      bucketPolicy.policyDocument = { Version: '2012-10-17', Statement: cloudTrailWriteStatements(bucket) };
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT10`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT10`]);
  });

  test('Noncompliance 4: fails for a bucket in the app named by a literal S3BucketName', () => {
    const stack = cfnTrailCase(({ trail, bucket }, s) => {
      const named = new s3.CfnBucket(s, 'NamedBucket', {
        bucketName: 'named-audit-logs',
        publicAccessBlockConfiguration: { blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      });
      new s3.CfnBucketPolicy(s, 'NamedBucketPolicy', {
        bucket: named.ref,
        policyDocument: { Statement: [tlsDenyStatement(named), ...cloudTrailWriteStatements(bucket)] },
      });
      trail.s3BucketName = 'named-audit-logs';
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT10`);
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('NamedBucket'));
  });
});

describe('CLT11: the bucket policy has a source condition', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT11 (warning)`);
  });

  test('Compliance 2: aws:SourceAccount is accepted', () => {
    const stack = cfnTrailCase(({ bucket, bucketPolicy }) => {
      bucketPolicy.policyDocument = {
        Statement: [tlsDenyStatement(bucket), ...cloudTrailWriteStatements(bucket, { StringEquals: { 'aws:SourceAccount': ACCOUNT } })],
      };
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Compliance 3: silent when the bucket is outside the app', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.s3BucketName = 'audit-logs-of-another-team';
    });
    expect(findingsOf(stack)).not.toContain(`${TRAIL} CLT11 (warning)`);
  });

  test('Noncompliance 1: warns when a CloudTrail statement has no aws:SourceArn', () => {
    const stack = cfnTrailCase(({ bucket, bucketPolicy }) => {
      bucketPolicy.policyDocument = { Statement: [tlsDenyStatement(bucket), ...cloudTrailWriteStatements(bucket, null)] };
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT11 (warning)`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT11 (warning)`]);
  });

  test('Noncompliance 2: warns when only the ACL check lacks the condition', () => {
    const stack = cfnTrailCase(({ bucket, bucketPolicy }) => {
      const [aclCheck, write] = cloudTrailWriteStatements(bucket);
      bucketPolicy.policyDocument = { Statement: [tlsDenyStatement(bucket), { ...aclCheck, Condition: undefined }, write] };
    });
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('\\[CLT11\\].*CloudTrailAclCheck'));
  });
});

describe('CLT12: the key lets CloudTrail encrypt', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT12`);
  });

  test('Compliance 2: silent for an imported key ARN', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.kmsKeyId = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Compliance 3: a kms:* statement for CloudTrail is enough', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT, { ...KEY_CLOUDTRAIL_STATEMENT, Action: 'kms:*' }] };
    });
    expect(findingsOf(stack)).not.toContain(`${TRAIL} CLT12`);
  });

  test('Noncompliance 1: fails when no key policy statement allows CloudTrail', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT] };
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT12`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT12`]);
  });

  test('Noncompliance 2: fails when CloudTrail may only decrypt', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT, { ...KEY_CLOUDTRAIL_STATEMENT, Action: ['kms:Decrypt', 'kms:DescribeKey'] }] };
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT12`);
  });

  test('Noncompliance 3: fails when the statement for CloudTrail denies', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT, { ...KEY_CLOUDTRAIL_STATEMENT, Effect: 'Deny' }] };
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT12`);
  });
});

describe('CLT13: selectors CloudTrail accepts', () => {
  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT13`);
    expect(findingsOf(compliantBasic)).not.toContain(`${TRAIL} CLT13`);
  });

  test('Noncompliance 1: fails when basic and advanced selectors are mixed', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.eventSelectors = [LAMBDA_EVERY_FUNCTION];
    });
    expect(findingsOf(stack)).toContain(`${TRAIL} CLT13`);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT13`]);
  });

  test('Noncompliance 2: fails with more than 5 basic selectors', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = Array.from({ length: 6 }, () => LAMBDA_EVERY_FUNCTION);
    });
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('\\[CLT13\\].*6 basic selectors'));
  });

  test('Noncompliance 3: fails with more than 250 data resources', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{ ...LAMBDA_EVERY_FUNCTION, dataResources: [{ type: 'AWS::Lambda::Function', values: Array.from({ length: 251 }, (_, i) => `${FUNCTION_ARN}${i}`) }] }];
    });
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('\\[CLT13\\].*251 data resources'));
  });

  test('Noncompliance 4: fails with more than 500 values across advanced selectors', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR,
        lambdaSelector({ field: 'resources.ARN', notEquals: Array.from({ length: 499 }, (_, i) => `${FUNCTION_ARN}${i}`) })];
    });
    // 1 + 2 + 499 = 502 values
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching('\\[CLT13\\].*502 values'));
  });

  test.each([
    ['readOnly', 'startsWith', 'f'],
    ['eventCategory', 'notEquals', 'Management'],
    ['resources.type', 'endsWith', 'Function'],
  ])('Noncompliance 5: fails when %s uses %s', (field, operator, value) => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field, [operator]: [value] })];
    });
    expect(messagesAt(stack, TRAIL)).toContainEqual(expect.stringMatching(`\\[CLT13\\].*${field.replace('.', '\\.')} accepts only Equals`));
  });
});

describe('tokens in the trail properties', () => {
  test('a Fn::Sub bucket name that is no bucket of the app gives no finding', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.s3BucketName = Fn.sub('audit-logs-${AWS::AccountId}');
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('an imported key ARN (Fn::ImportValue) is undecided: CLT0 naming CLT5, never an error', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.kmsKeyId = Fn.importValue('AuditKeyArn');
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT0 (warning)`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/\[CLT0\].*could not decide CLT5.*Fn::ImportValue AuditKeyArn/)]);
  });
});
