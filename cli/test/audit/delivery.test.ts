// Whether CloudTrail can deliver, read live from moto: a trail whose bucket is gone or whose key is
// pending deletion records nothing (its functions are not recorded), and S3 Block Public Access is
// the most restrictive of the bucket's and its account's settings.
import { KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { DeleteBucketCommand, DeleteBucketPolicyCommand, DeletePublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

const server = useMotoServer();

const client = { region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };

/** The compliant fixture and a function it records, applied to moto. */
async function compliantTrailAndFunction() {
  const template = fixture('compliant');
  template.Resources.Orders = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } };
  return applyTemplate(template, { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
}

async function audit() {
  const run = await cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--format', 'json', '--quiet']);
  expect(run.stderr).toBe('');
  return { run, report: run.json() };
}

const findings = (entry: any) => entry.findings.map((f: any) => f.id);

test('Compliance: the compliant trail delivers and records the function', async () => {
  await compliantTrailAndFunction();
  const { run, report } = await audit();
  expect(findings(report.trails[0])).toEqual([]);
  expect(report.functions.map((f: any) => f.status)).toEqual(['recorded']);
  expect(run.code).toBe(0);
});

test('fails (CLT14) when the trail\'s bucket no longer exists: the trail records nothing, the function is not recorded (CLT20)', async () => {
  const applied = await compliantTrailAndFunction();
  const s3 = new S3Client({ ...client, endpoint: server().endpoint, forcePathStyle: true });
  await s3.send(new DeleteBucketPolicyCommand({ Bucket: applied.names.Bucket }));
  await s3.send(new DeletePublicAccessBlockCommand({ Bucket: applied.names.Bucket }));
  await s3.send(new DeleteBucketCommand({ Bucket: applied.names.Bucket }));
  const { run, report } = await audit();
  const clt14 = report.trails[0].findings.filter((f: any) => f.id === 'CLT14');
  expect(clt14).toEqual([expect.objectContaining({ message: expect.stringMatching(new RegExp(`bucket arn:aws:s3:::${applied.names.Bucket} does not exist \\(s3:Get\\w+: NoSuchBucket`)) })]);
  expect(report.functions.map((f: any) => [f.status, findings(f)])).toEqual([['not-recorded', ['CLT20']]]);
  expect(run.code).toBe(1);
});

test('fails (CLT12) when the trail\'s key is pending deletion: the function is not recorded (CLT20)', async () => {
  const applied = await compliantTrailAndFunction();
  const kms = new KMSClient({ ...client, endpoint: server().endpoint });
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: applied.names.Key, PendingWindowInDays: 7 }));
  const { report } = await audit();
  expect(report.trails[0].findings.map((f: any) => f.message)).toEqual([expect.stringMatching(/\[CLT12\].*its state is PendingDeletion \(kms:DescribeKey\)/)]);
  expect(report.functions.map((f: any) => [f.status, findings(f)])).toEqual([['not-recorded', ['CLT20']]]);
});

describe('Block Public Access: the most restrictive of the bucket\'s and its account\'s settings (CLT10)', () => {
  async function bucketWithoutItsOwnBlock() {
    const applied = await compliantTrailAndFunction();
    const s3 = new S3Client({ ...client, endpoint: server().endpoint, forcePathStyle: true });
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: applied.names.Bucket }));
  }

  test('Compliance: the bucket has no block of its own, and the account blocks all public access', async () => {
    await bucketWithoutItsOwnBlock();
    const all = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    // S3 Control's endpoint rules put the account id in the host name: moto answers on its own host.
    await new S3ControlClient({ ...client, endpointProvider: () => ({ url: new URL(server().endpoint) }) })
      .send(new PutPublicAccessBlockCommand({ AccountId: MOTO_ACCOUNT, PublicAccessBlockConfiguration: all }));
    const { report } = await audit();
    expect(findings(report.trails[0])).toEqual([]);
  });

  test('fails (CLT10) when neither the bucket nor the account blocks public access', async () => {
    await bucketWithoutItsOwnBlock();
    const { report } = await audit();
    expect(report.trails[0].findings.map((f: any) => f.message)).toEqual([expect.stringMatching(/\[CLT10\].*public access is not blocked: BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets not true/)]);
  });
});
