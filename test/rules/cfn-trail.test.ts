// Every rule on an L1 CfnTrail: a compliant trail (with its key, bucket, bucket policy and log group)
// and variants that each break one thing.
import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';

import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ACCOUNT, cfnTrailCase, CfnTrailSetup, cloudTrailWriteStatements, findingsOf, KEY_ADMIN_STATEMENT, KEY_CLOUDTRAIL_STATEMENT, keyCloudTrailStatement,
  lambdaSelector, MANAGEMENT_SELECTOR, messagesAt, newFunction, OTHER_ACCOUNT, REGION, tlsDenyStatement, TRAIL_ARN,
} from '../checks/helpers';

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

/** A statement that denies every principal the action on the resource under the condition. */
const deny = (sid: string, action: string, resource: string, condition: Record<string, unknown>) => ({
  Sid: sid,
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: resource,
  Condition: condition,
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

  test('Noncompliance 4: fails when the statement allows CloudTrail only for another account\'s trail (aws:SourceArn)', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT, keyCloudTrailStatement(`arn:aws:cloudtrail:${REGION}:${OTHER_ACCOUNT}:trail/test-trail`)] };
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT12`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/\[CLT12\].*CloudTrailEncrypt: it requires StringEquals aws:SourceArn \[arn:aws:cloudtrail:us-east-1:222222222222:trail\/test-trail\]/)]);
  });

  test('Noncompliance 5: fails when the encryption context condition names trails of another account', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT, keyCloudTrailStatement(TRAIL_ARN, OTHER_ACCOUNT)] };
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT12`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/StringLike kms:EncryptionContext:aws:cloudtrail:arn \[arn:aws:cloudtrail:\*:222222222222:trail\/\*\]/)]);
  });

  test('Noncompliance 6: fails when the key is disabled (Enabled false)', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.enabled = false;
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT12`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/\[CLT12\].*it is disabled/)]);
  });

  test('Noncompliance 7: fails when a Deny reaches CloudTrail\'s request, and its only function is then not recorded (CLT20)', () => {
    const stack = cfnTrailCase(({ key }, s) => {
      key.keyPolicy = {
        Statement: [
          KEY_ADMIN_STATEMENT, KEY_CLOUDTRAIL_STATEMENT,
          deny('DenyOutsideTheOrganization', 'kms:*', '*', { StringNotEquals: { 'aws:SourceAccount': OTHER_ACCOUNT } }),
        ],
      };
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT20', `${TRAIL} CLT12`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/DenyOutsideTheOrganization denies cloudtrail\.amazonaws\.com kms:GenerateDataKey/)]);
  });

  test('Compliance 4: a Deny whose conditions CloudTrail\'s request does not meet (the request is not from an AWS service) does not reach it', () => {
    const stack = cfnTrailCase(({ key }) => {
      key.keyPolicy = {
        Statement: [
          KEY_ADMIN_STATEMENT, KEY_CLOUDTRAIL_STATEMENT,
          deny('DenyPeopleOutsideTheAccount', 'kms:*', '*', { Bool: { 'aws:PrincipalIsAWSService': 'false' }, StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } }),
        ],
      };
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Undecided: a condition value that is a parameter is CLT0 naming CLT12, and the function CLT21, never an error', () => {
    const stack = cfnTrailCase(({ key }, s) => {
      const source = new CfnParameter(s, 'SourceArn', { type: 'String' }).valueAsString;
      key.keyPolicy = { Statement: [KEY_ADMIN_STATEMENT, keyCloudTrailStatement(source)] };
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT21 (warning)', `${TRAIL} CLT0 (warning)`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/could not decide CLT12 .*whether this request meets StringEquals aws:SourceArn \[<parameter SourceArn of Stack>\] is not known/)]);
    expect(messagesAt(stack, '/Stack/F')).toEqual([expect.stringMatching(/whether CloudTrail can deliver its log files is not known before deployment \(CLT12: /)]);
  });
});

describe('CLT14: the bucket lets CloudTrail write its logs', () => {
  /** A bucket policy of the TLS deny and these statements. */
  type Change = (setup: CfnTrailSetup, stack: Stack) => void;
  const withStatements = (statements: (bucket: s3.CfnBucket) => any[], change: Change = () => {}) => cfnTrailCase((setup, s) => {
    setup.bucketPolicy.policyDocument = { Version: '2012-10-17', Statement: [tlsDenyStatement(setup.bucket), ...statements(setup.bucket)] };
    change(setup, s);
  });
  const cloudTrail = (sid: string, action: string, resource: string, condition?: any) => ({
    Sid: sid, Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}),
  });
  const thisTrail = { StringEquals: { 'aws:SourceArn': TRAIL_ARN } };

  test('Compliance', () => {
    expect(findingsOf(compliant)).not.toContain(`${TRAIL} CLT14`);
  });

  test('Compliance 2: silent when S3BucketName names a bucket outside the app', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.s3BucketName = 'audit-logs-of-another-team';
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Compliance 3: S3KeyPrefix, and the write allowed under <prefix>/AWSLogs/<account>/ with s3:x-amz-acl and aws:SourceAccount conditions', () => {
    const stack = withStatements(bucket => [
      cloudTrail('CloudTrailAclCheck', 's3:GetBucketAcl', bucket.attrArn, { StringEquals: { 'aws:SourceAccount': ACCOUNT } }),
      cloudTrail('CloudTrailWrite', 's3:PutObject', `${bucket.attrArn}/audit/AWSLogs/${ACCOUNT}/*`,
        { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ACCOUNT } }),
    ], ({ trail }) => {
      trail.s3KeyPrefix = 'audit';
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Compliance 4: Deny statements whose conditions CloudTrail\'s writes do not meet (plain HTTP, no bucket-owner-full-control)', () => {
    const stack = withStatements(bucket => [
      ...cloudTrailWriteStatements(bucket),
      deny('DenyWritesWithoutOwnerControl', 's3:PutObject', `${bucket.attrArn}/*`, { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } }),
    ]);
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Compliance 5: an organization trail writing under AWSLogs/<organization id>/, the id the policy names', () => {
    const stack = withStatements(bucket => [
      cloudTrail('CloudTrailAclCheck', 's3:GetBucketAcl', bucket.attrArn, thisTrail),
      cloudTrail('CloudTrailWrite', 's3:PutObject', `${bucket.attrArn}/AWSLogs/o-abcdefghij/*`, thisTrail),
    ], ({ trail }) => {
      trail.isOrganizationTrail = true;
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('Noncompliance 1: fails when no statement allows s3:GetBucketAcl', () => {
    const stack = withStatements(bucket => [cloudTrailWriteStatements(bucket)[1]]);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT14`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/\[CLT14\].*bucket Stack\/Bucket: no statement allows cloudtrail\.amazonaws\.com s3:GetBucketAcl/)]);
  });

  test('Noncompliance 2: fails when the write is allowed under another account\'s AWSLogs/ only', () => {
    const stack = withStatements(bucket => [
      cloudTrailWriteStatements(bucket)[0],
      cloudTrail('CloudTrailWrite', 's3:PutObject', `${bucket.attrArn}/AWSLogs/${OTHER_ACCOUNT}/*`, thisTrail),
    ]);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT14`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/s3:PutObject on .*\/AWSLogs\/111111111111\/\* \(CloudTrailWrite: its resources leave out/)]);
  });

  test('Noncompliance 3: fails when the trail has an S3KeyPrefix the statements leave out', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.s3KeyPrefix = 'audit';
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT14`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/s3:PutObject on .*\/audit\/AWSLogs\/111111111111\/\*/)]);
  });

  test('Noncompliance 4: fails when the statements allow only another trail (aws:SourceArn)', () => {
    const stack = withStatements(bucket => cloudTrailWriteStatements(bucket, { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/old-trail` } }));
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT14`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/CloudTrailAclCheck: it requires StringEquals aws:SourceArn \[arn:aws:cloudtrail:us-east-1:111111111111:trail\/old-trail\], which this request does not meet/)]);
  });

  test('Noncompliance 5: fails when an explicit Deny reaches CloudTrail\'s write, and the function only this trail records is not recorded (CLT20)', () => {
    const stack = withStatements(bucket => [
      ...cloudTrailWriteStatements(bucket),
      deny('DenyOtherSources', 's3:PutObject', `${bucket.attrArn}/*`, { StringNotEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/old-trail` } }),
    ], (_setup, s) => newFunction(s, 'F'));
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT20', `${TRAIL} CLT14`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/DenyOtherSources denies cloudtrail\.amazonaws\.com s3:PutObject/)]);
  });

  test('Noncompliance 6: fails when the bucket has no policy', () => {
    const stack = cfnTrailCase(({ bucketPolicy }, s) => {
      s.node.tryRemoveChild(bucketPolicy.node.id);
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT10`, `${TRAIL} CLT14`]);
  });

  test('Noncompliance 7: fails when an organization trail may write only under AWSLogs/<account>/', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.isOrganizationTrail = true;
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT14`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/s3:PutObject on .*\/AWSLogs\/o-<the organization id>\/\*/)]);
  });

  test('Undecided: a Deny on a condition key CloudTrail\'s request may or may not carry is CLT0 naming CLT14, and the function CLT21', () => {
    const stack = withStatements(bucket => [
      ...cloudTrailWriteStatements(bucket),
      deny('DenyOutsideTheOrganization', 's3:*', `${bucket.attrArn}/*`, { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } }),
    ], (_setup, s) => newFunction(s, 'F'));
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT21 (warning)', `${TRAIL} CLT0 (warning)`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/could not decide CLT14 .*whether DenyOutsideTheOrganization denies it is not known \(whether this request meets StringNotEquals aws:PrincipalOrgID \[o-abcdefghij\] is not known\)/)]);
  });

  test('Undecided: a bucket policy whose aws:SourceArn is a parameter is CLT0 naming CLT14 (and CLT11), never an error', () => {
    const stack = withStatements(bucket => cloudTrailWriteStatements(bucket, { StringEquals: { 'aws:SourceArn': Fn.ref('SourceArn') } }), (_setup, s) => {
      new CfnParameter(s, 'SourceArn', { type: 'String' });
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT0 (warning)`, `${TRAIL} CLT0 (warning)`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/could not decide CLT11 /), expect.stringMatching(/could not decide CLT14 .*aws:SourceArn \[<parameter SourceArn of Stack>\]/)]);
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
