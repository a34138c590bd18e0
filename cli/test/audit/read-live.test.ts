// The audit's reading phase against moto: what it reads from the account becomes CloudFormation-shaped
// resources the rules follow (trail -> bucket, policy, key), every trail once, every function of every
// page, and only read calls, each allowed by the documented IAM policy.
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { readLiveAccounts } from '../../src/audit/run-audit';
import { applyTemplate } from '../apply-template';
import { auditPolicyActions, callLog, fixture, isReadOnly } from '../helpers';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';

const server = useMotoServer();

const target = () => ({ endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
const audit = (regions: string[] | undefined, onCall?: any) => readLiveAccounts({
  settings: { endpointUrl: server().endpoint, region: 'us-east-1', onCall },
  regions,
});

function resourcesOf(inputs: any[], id: string): Record<string, any> {
  const stack = inputs.find(i => i.id === id);
  if (!stack) throw new Error(`no stack ${id} among ${inputs.map(i => i.id).join(', ')}`);
  return stack.template.Resources;
}

function ofType(resources: Record<string, any>, type: string): [string, any][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

test('a trail becomes an AWS::CloudTrail::Trail whose bucket, bucket policy and key the rules can follow', async () => {
  const applied = await applyTemplate(fixture('compliant'), target());
  const reading = await audit(['us-east-1']);
  const resources = resourcesOf(reading.inputs, `${MOTO_ACCOUNT}/us-east-1`);
  const [[trailId, trail]] = ofType(resources, 'AWS::CloudTrail::Trail');
  const [[bucketId, bucket]] = ofType(resources, 'AWS::S3::Bucket');
  const [[, policy]] = ofType(resources, 'AWS::S3::BucketPolicy');
  const [[keyId, key]] = ofType(resources, 'AWS::KMS::Key');

  expect(trail.Metadata['lambda-trail:path']).toBe(`arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`);
  expect(trailId).toMatch(/^Trailfixturetrail[0-9A-F]{8}$/);
  expect(trail.Properties).toEqual(expect.objectContaining({
    TrailName: 'fixture-trail',
    S3BucketName: { Ref: bucketId },
    KMSKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    IsLogging: true,
    EnableLogFileValidation: true,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    IsOrganizationTrail: false,
    AdvancedEventSelectors: fixture('compliant').Resources.Trail.Properties.AdvancedEventSelectors,
  }));
  expect(bucket.Properties).toEqual({
    BucketName: applied.names.Bucket,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  });
  expect(policy.Properties.Bucket).toEqual({ Ref: bucketId });
  expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'CloudTrailAclCheck', 'CloudTrailWrite']);
  expect(key.Metadata['lambda-trail:path']).toBe(applied.arns.Key);
  expect(key.Properties.KeyPolicy.Statement.map((s: any) => s.Sid)).toEqual(['AccountAdmin', 'CloudTrailEncrypt']);
});

test('basic selectors keep their CloudFormation spelling', async () => {
  await applyTemplate(fixture('basic-read-only'), target());
  const reading = await audit(['us-east-1']);
  const [[, trail]] = ofType(resourcesOf(reading.inputs, `${MOTO_ACCOUNT}/us-east-1`), 'AWS::CloudTrail::Trail');
  expect(trail.Properties.EventSelectors).toEqual([
    { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] },
  ]);
  expect(trail.Properties.AdvancedEventSelectors).toBeUndefined();
});

test('a multi-region trail is one trail in its home region, though every region shows its shadow', async () => {
  await applyTemplate(fixture('compliant'), target());
  const reading = await audit(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
  const trails = reading.inputs.flatMap(i => ofType((i.template as any).Resources, 'AWS::CloudTrail::Trail').map(([, t]) => `${i.id} ${t.Metadata['lambda-trail:path']}`));
  expect(trails).toEqual([`${MOTO_ACCOUNT}/us-east-1 arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`]);
  expect(reading.inputs.map(i => i.id).sort()).toEqual([`${MOTO_ACCOUNT}/ap-southeast-2`, `${MOTO_ACCOUNT}/eu-west-1`, `${MOTO_ACCOUNT}/us-east-1`]);
});

test('many trails in several regions: each once, in its home region, with its own selectors', async () => {
  const s3 = new S3Client({ region: 'us-east-1', endpoint: server().endpoint, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'many-trails-logs' }));
  const regions = ['us-east-1', 'eu-west-1', 'eu-central-1'];
  for (const region of regions) {
    const cloudtrail = new CloudTrailClient({ region, endpoint: server().endpoint });
    for (let i = 0; i < 8; i++) {
      const name = `trail-${region}-${i}`;
      await cloudtrail.send(new CreateTrailCommand({ Name: name, S3BucketName: 'many-trails-logs', IsMultiRegionTrail: i % 2 === 0 }));
      await cloudtrail.send(new PutEventSelectorsCommand({
        TrailName: name,
        AdvancedEventSelectors: [{ Name: name, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
      }));
    }
  }
  const reading = await audit(regions);
  const trails = reading.inputs.flatMap(i => ofType((i.template as any).Resources, 'AWS::CloudTrail::Trail').map(([, t]) => ({ stack: i.id, t })));
  expect(trails).toHaveLength(24);
  for (const { stack, t } of trails) {
    const [, region] = /trail-([a-z]+-[a-z]+-\d)-/.exec(t.Properties.TrailName)!;
    expect(stack).toBe(`${MOTO_ACCOUNT}/${region}`);
    expect(t.Properties.AdvancedEventSelectors[0].Name).toBe(t.Properties.TrailName);
  }
});

test('123 functions in a region: every one is read (moto answers in one page; paging is tested with mocks)', async () => {
  const template = { Resources: Object.fromEntries(Array.from({ length: 123 }, (_, i) => [`Fn${i}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: `fn-${i}` } }])) };
  await applyTemplate(template, target());
  const reading = await audit(['us-east-1']);
  const functions = ofType(resourcesOf(reading.inputs, `${MOTO_ACCOUNT}/us-east-1`), 'AWS::Lambda::Function');
  expect(functions.map(([, f]) => f.Properties.FunctionName).sort()).toEqual(Array.from({ length: 123 }, (_, i) => `fn-${i}`).sort());
  expect(functions[0][1].Metadata['lambda-trail:path']).toMatch(new RegExp(`^arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:fn-\\d+$`));
});

test('every enabled region is audited; opt-in regions that are not enabled are named as not audited', async () => {
  const reading = await audit(undefined);
  const regions = reading.inputs.map(i => i.region);
  expect(regions).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2', 'sa-east-1']));
  expect(regions).not.toContain('ap-east-1');
  expect(reading.assumptions.join('\n')).toMatch(/Opt-in regions not enabled for account 111111111111 were not audited \(no function can run there\): .*ap-east-1/);
});

test('the audit only reads, and every call it makes is allowed by docs/iam/lambda-trail-audit-policy.json', async () => {
  await applyTemplate(fixture('compliant'), target());
  await applyTemplate({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } } } }, { ...target(), suffix: 'x' });
  const log = callLog();
  await audit(undefined, log.onCall);
  const actions = log.actions();
  expect(actions).toEqual(expect.arrayContaining([
    'cloudtrail:DescribeTrails', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetTrailStatus', 'cloudtrail:ListEventDataStores',
    'ec2:DescribeRegions', 'kms:DescribeKey', 'kms:GetKeyPolicy', 'lambda:ListFunctions', 's3:GetAccountPublicAccessBlock', 's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock', 'sts:GetCallerIdentity',
  ]));
  expect(actions.filter(a => !isReadOnly(a))).toEqual([]);
  const allowed = auditPolicyActions();
  expect(actions.filter(a => !allowed.has(a))).toEqual([]);
});
