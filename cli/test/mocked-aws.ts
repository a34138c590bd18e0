// aws-sdk-client-mock fixtures shared by the fault tests of audit and remediate (faults moto cannot
// make): the mocked clients, an AWS error as the SDK throws it, and one account's compliant basics.
import { CloudTrailClient, Trail } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';

/** Mocks every client the CLI makes, keyed by the service prefix of its IAM actions. */
export function mockAwsClients() {
  const mocks = {
    sts: mockClient(STSClient),
    ec2: mockClient(EC2Client),
    lambda: mockClient(LambdaClient),
    cloudtrail: mockClient(CloudTrailClient),
    s3: mockClient(S3Client),
    s3control: mockClient(S3ControlClient),
    kms: mockClient(KMSClient),
    organizations: mockClient(OrganizationsClient),
  };
  return { ...mocks, all: Object.entries(mocks) };
}

/** An error as the AWS SDK throws it for a refused call. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** `DescribeTrails`' entry for a compliant multi-region trail `main` of `account` homed in us-east-1. */
export function trailDescription(account: string, overrides: Partial<Trail> = {}): Trail {
  return {
    Name: 'main',
    TrailARN: `arn:aws:cloudtrail:us-east-1:${account}:trail/main`,
    HomeRegion: 'us-east-1',
    S3BucketName: 'main-logs',
    KmsKeyId: `arn:aws:kms:us-east-1:${account}:key/k1`,
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    IncludeGlobalServiceEvents: true,
    IsOrganizationTrail: false,
    ...overrides,
  };
}

/**
 * The log bucket and key of `trailDescription`'s trail `main` of `account`: the bucket blocks public
 * access (the account has no Block Public Access of its own), and its policy and the enabled key's
 * policy let CloudTrail deliver for that trail.
 */
export function mockReadablePolicies(mocks: ReturnType<typeof mockAwsClients>, account: string): void {
  const trailArn = `arn:aws:cloudtrail:us-east-1:${account}:trail/main`;
  const cloudTrail = (action: string, resource: string, condition: Record<string, unknown> = { StringEquals: { 'aws:SourceArn': trailArn } }) => ({
    Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: action, Resource: resource, Condition: condition,
  });
  const blockAll = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
  mocks.s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: blockAll });
  mocks.s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'));
  mocks.s3.on(GetBucketPolicyCommand).resolves({
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::main-logs', 'arn:aws:s3:::main-logs/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        cloudTrail('s3:GetBucketAcl', 'arn:aws:s3:::main-logs'),
        cloudTrail('s3:PutObject', `arn:aws:s3:::main-logs/AWSLogs/${account}/*`),
      ],
    }),
  });
  mocks.kms.on(GetKeyPolicyCommand).resolves({
    Policy: JSON.stringify({ Version: '2012-10-17', Statement: [cloudTrail('kms:GenerateDataKey*', '*')] }),
  });
  mocks.kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k1', KeyState: 'Enabled' } });
}
