// What the API would not give is unknown in the report, never compliant: the whole path from the
// readers through the engine to the report and the exit code, with aws-sdk-client-mock.
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, ListEventDataStoresCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsError, mockAwsClients, mockReadablePolicies } from '../mocked-aws';
import { useTestCredentials } from '../moto-server';
import { expectValidReport } from '../report-schema';
import { cli } from '../run-cli';

const ACCOUNT = '111111111111';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const mocks = mockAwsClients();

let restore: () => void;
beforeAll(() => {
  restore = useTestCredentials();
});
afterAll(() => restore());

const denied = (name = 'AccessDeniedException') => awsError(name, 'not authorized');

beforeEach(() => {
  for (const [, mock] of mocks.all) mock.reset();
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor` });
  mocks.ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' }] });
  mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'orders' }] });
  mocks.cloudtrail.on(DescribeTrailsCommand).resolves({
    trailList: [{
      Name: 'main',
      TrailARN: TRAIL_ARN,
      HomeRegion: 'us-east-1',
      S3BucketName: 'main-logs',
      KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:main:*`,
    }],
  });
  mocks.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  mocks.cloudtrail.on(ListEventDataStoresCommand).resolves({ EventDataStores: [] });
  const blockAll = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
  mocks.s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: blockAll });
  mocks.s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration'));
  mocks.s3.on(GetBucketPolicyCommand).rejects(denied('AccessDenied'));
  mocks.kms.on(GetKeyPolicyCommand).rejects(denied());
  mocks.kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', KeyState: 'Enabled' } });
});

const LAMBDA_AND_MANAGEMENT = {
  AdvancedEventSelectors: [
    { Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    { Name: 'l', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] },
  ],
};

const audit = (...extra: string[]) => cli(['audit', '--region', 'us-east-1', '--format', 'json', '--quiet', ...extra]);

test('selectors denied: the function is unknown (not recorded, not compliant), the trail undecided, and --strict fails', async () => {
  mocks.cloudtrail.on(GetEventSelectorsCommand).rejects(denied());
  const run = await audit();
  const report = run.json();
  const [fn] = report.functions;
  expect(fn.arn).toBe(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders`);
  expect(fn.status).toBe('unknown');
  expect(fn.findings.map((f: any) => f.id)).toEqual(['CLT21']);
  expect(report.trails[0].status).toBe('compliant-with-warnings');
  expect(report.trails[0].findings.map((f: any) => f.id)).toEqual(expect.arrayContaining(['CLT0']));
  expect(report.summary.functionsRecorded).toBe(0);
  expect(run.code).toBe(0);
  expectValidReport(report);
  expect((await audit('--strict')).code).toBe(1);
});

test('selectors denied: the function\'s unknown coverage names the API call and its error', async () => {
  mocks.cloudtrail.on(GetEventSelectorsCommand).rejects(denied());
  const report = (await audit()).json();
  expect(report.functions[0].unknownBecause).toMatch(/cloudtrail:GetEventSelectors: AccessDeniedException \(not authorized\)/);
});

test('selectors denied: the trail\'s CLT0 names the API call and its error', async () => {
  mocks.cloudtrail.on(GetEventSelectorsCommand).rejects(denied());
  const report = (await audit()).json();
  expect(report.trails[0].findings.map((f: any) => f.message).join('\n')).toMatch(/cloudtrail:GetEventSelectors: AccessDeniedException/);
});

test('a bucket policy and key policy that cannot be read are named as undecided, never passed: whether the trail delivers is unknown, and so is the function', async () => {
  mocks.cloudtrail.on(GetEventSelectorsCommand).resolves(LAMBDA_AND_MANAGEMENT);
  const report = (await audit()).json();
  expect(report.functions[0].status).toBe('unknown');
  expect(report.functions[0].unknownBecause)
    .toMatch(/whether CloudTrail can deliver its log files is not known \(CLT12: key .*; CLT14: bucket .*\) \(could not be read: s3:GetBucketPolicy: AccessDenied .*; kms:GetKeyPolicy: AccessDeniedException/);
  const trail = report.trails[0];
  expect(trail.status).toBe('compliant-with-warnings');
  const messages = trail.findings.map((f: any) => `${f.id} ${f.message}`).join('\n');
  expect(messages).toMatch(/CLT0 .*s3:GetBucketPolicy: AccessDenied/);
  expect(messages).toMatch(/CLT0 .*kms:GetKeyPolicy: AccessDeniedException/);
});

describe('what CloudTrail reports or the key\'s state decides whether the trail delivers', () => {
  beforeEach(() => {
    mocks.cloudtrail.on(GetEventSelectorsCommand).resolves(LAMBDA_AND_MANAGEMENT);
    mockReadablePolicies(mocks, ACCOUNT);
  });

  test('Compliance: readable policies that let CloudTrail deliver, an enabled key, no delivery error: the function is recorded', async () => {
    const report = (await audit()).json();
    expect(report.functions.map((f: any) => f.status)).toEqual(['recorded']);
    expect(report.trails[0].findings.map((f: any) => f.id)).toEqual([]);
  });

  test('fails (CLT14) when GetTrailStatus reports a LatestDeliveryError: the trail records nothing and the function is not recorded (CLT20)', async () => {
    mocks.cloudtrail.on(GetTrailStatusCommand).resolves({
      IsLogging: true, LatestDeliveryError: 'AccessDenied', LatestDeliveryTime: new Date('2026-11-02T10:15:00Z'),
    });
    const run = await audit();
    const report = run.json();
    expect(report.trails[0].findings.map((f: any) => f.id)).toEqual(['CLT14']);
    expect(report.trails[0].findings[0].message)
      .toMatch(/CloudTrail reports that delivering its log files failed: AccessDenied \(GetTrailStatus LatestDeliveryError; its last delivery was at 2026-11-02T10:15:00.000Z\)/);
    expect(report.functions.map((f: any) => [f.status, f.findings.map((x: any) => x.id)])).toEqual([['not-recorded', ['CLT20']]]);
    expect(run.code).toBe(1);
    expectValidReport(report);
  });

  test('fails (CLT12) when the key is pending deletion: the function is not recorded (CLT20)', async () => {
    mocks.kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', KeyState: 'PendingDeletion' } });
    const report = (await audit()).json();
    expect(report.trails[0].findings.map((f: any) => f.message)).toEqual([expect.stringMatching(/\[CLT12\].*its state is PendingDeletion \(kms:DescribeKey\)/)]);
    expect(report.functions.map((f: any) => f.status)).toEqual(['not-recorded']);
  });

  test('the key\'s state cannot be read: CLT0 naming CLT12, and the function is unknown, never recorded', async () => {
    mocks.kms.on(DescribeKeyCommand).rejects(denied());
    const report = (await audit()).json();
    expect(report.trails[0].findings.map((f: any) => f.message)).toEqual([expect.stringMatching(/could not decide CLT12 .*its state is not known \(<kms:DescribeKey: AccessDeniedException \(not authorized\)>\)/)]);
    expect(report.functions.map((f: any) => f.status)).toEqual(['unknown']);
  });
});
