// aws-sdk-client-mock fixtures shared by the fault tests of audit and remediate (faults moto cannot
// make): the mocked clients, an AWS error as the SDK throws it, and one account's compliant basics.
import { CloudTrailClient, Trail } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
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

/** A log bucket that blocks public access, and readable (empty) bucket and key policies. */
export function mockReadablePolicies(s3: ReturnType<typeof mockAwsClients>['s3'], kms: ReturnType<typeof mockAwsClients>['kms']): void {
  const blockAll = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
  s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: blockAll });
  s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
  kms.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
}
