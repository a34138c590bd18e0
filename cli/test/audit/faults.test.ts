// Fault paths an emulator cannot produce, with aws-sdk-client-mock: AccessDenied in one region,
// throttling that outlasts the retries, a member account whose role cannot be assumed, a disabled
// opt-in region, a bucket and a key in another account, and paging. Each leaves the affected values
// unknown, with the reason, and the rest of the audit goes on.
import {
  DescribeTrailsCommand, GetEventDataStoreCommand, GetEventSelectorsCommand, GetTrailStatusCommand, ListEventDataStoresCommand,
} from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { readLiveAccounts } from '../../src/audit/run-audit';
import { awsError, mockAwsClients, mockReadablePolicies, trailDescription } from '../mocked-aws';
import { useTestCredentials } from '../moto-server';

const ACCOUNT = '111111111111';
const MEMBER = '222222222222';
const LOCKED = '333333333333';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;

const mocks = mockAwsClients();
const { sts, ec2, lambda, cloudtrail, s3, kms, organizations, all } = mocks;

let restore: () => void;
beforeAll(() => {
  restore = useTestCredentials();
});
afterAll(() => restore());

/** The region of the client a mocked call was sent with. */
async function regionOf(getClient: () => any): Promise<string> {
  return getClient().config.region();
}

beforeEach(() => {
  for (const [, mock] of all) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor` });
  ec2.on(DescribeRegionsCommand).resolves({
    Regions: [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-south-1', OptInStatus: 'opted-in' },
      { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
    ],
  });
  lambda.on(ListFunctionsCommand).callsFake(async (_input, getClient) => ({ Functions: [{ FunctionName: `fn-${await regionOf(getClient)}` }] }));
  cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [trailDescription(ACCOUNT)] });
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  cloudtrail.on(GetEventSelectorsCommand).resolves({ AdvancedEventSelectors: [{ Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] });
  cloudtrail.on(ListEventDataStoresCommand).resolves({ EventDataStores: [] });
  mockReadablePolicies(mocks, ACCOUNT);
});

const read = (options: { regions?: string[]; organization?: string } = {}) => readLiveAccounts({
  settings: { region: 'us-east-1' },
  regions: options.regions,
  organizationRoleName: options.organization,
});

function resources(reading: any, id: string): Record<string, any> {
  const stack = reading.inputs.find((i: any) => i.id === id);
  if (!stack) throw new Error(`no stack ${id} among ${reading.inputs.map((i: any) => i.id).join(', ')}`);
  return stack.template.Resources;
}

function ofType(r: Record<string, any>, type: string): any[] {
  return Object.values(r).filter(x => x.Type === type);
}

/** What the audit could not list in a region (StackInput.unlisted). */
function unlisted(reading: any, id: string): Record<string, string> | undefined {
  return reading.inputs.find((i: any) => i.id === id)?.unlisted;
}

const UNKNOWN = /^\u0001.*\u0002$/s;

test('AccessDenied on ListFunctions in one region: its functions are unlisted, with the reason, and none is made up; other regions are read', async () => {
  lambda.on(ListFunctionsCommand).callsFake(async (_input, getClient) => {
    const region = await regionOf(getClient);
    if (region === 'eu-west-1') throw awsError('AccessDeniedException', 'User is not authorized to perform: lambda:ListFunctions');
    return { Functions: [{ FunctionName: `fn-${region}` }] };
  });
  const reading = await read({ regions: ['us-east-1', 'eu-west-1'] });
  expect(ofType(resources(reading, `${ACCOUNT}/eu-west-1`), 'AWS::Lambda::Function')).toEqual([]);
  expect(unlisted(reading, `${ACCOUNT}/eu-west-1`)).toEqual({ functions: 'lambda:ListFunctions: AccessDeniedException (User is not authorized to perform: lambda:ListFunctions)' });
  expect(ofType(resources(reading, `${ACCOUNT}/us-east-1`), 'AWS::Lambda::Function').map(f => f.Properties.FunctionName)).toEqual(['fn-us-east-1']);
});

test('AccessDenied on DescribeTrails in one region: its trails are unlisted, with the reason, never absent and never made up', async () => {
  cloudtrail.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
    if (await regionOf(getClient) === 'eu-west-1') throw awsError('AccessDeniedException');
    return { trailList: [] };
  });
  const reading = await read({ regions: ['us-east-1', 'eu-west-1'] });
  expect(ofType(resources(reading, `${ACCOUNT}/eu-west-1`), 'AWS::CloudTrail::Trail')).toEqual([]);
  expect(unlisted(reading, `${ACCOUNT}/eu-west-1`)).toEqual({ trails: 'cloudtrail:DescribeTrails: AccessDeniedException' });
  expect(unlisted(reading, `${ACCOUNT}/us-east-1`)).toBeUndefined();
});

test('throttling that outlasts the retries: the trail\'s selectors and status are unknown with the reason, the audit goes on', async () => {
  cloudtrail.on(GetEventSelectorsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
  cloudtrail.on(GetTrailStatusCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
  const reading = await read({ regions: ['us-east-1'] });
  const [trail] = ofType(resources(reading, `${ACCOUNT}/us-east-1`), 'AWS::CloudTrail::Trail');
  expect(trail.Properties.EventSelectors).toMatch(/cloudtrail:GetEventSelectors: ThrottlingException \(Rate exceeded\)/);
  expect(trail.Properties.IsLogging).toMatch(/cloudtrail:GetTrailStatus: ThrottlingException/);
  expect(trail.Properties.AdvancedEventSelectors).toBeUndefined();
  expect(ofType(resources(reading, `${ACCOUNT}/us-east-1`), 'AWS::Lambda::Function')).toHaveLength(1);
});

test('an opt-in region that is enabled but refuses the credentials is unknown; one not enabled is not audited', async () => {
  const refuse = async (_input: any, getClient: () => any) => {
    if (await regionOf(getClient) === 'eu-south-1') throw awsError('UnrecognizedClientException', 'The security token included in the request is invalid');
    return {};
  };
  lambda.on(ListFunctionsCommand).callsFake(async (input, getClient) => {
    await refuse(input, getClient);
    return { Functions: [] };
  });
  cloudtrail.on(DescribeTrailsCommand).callsFake(async (input, getClient) => {
    await refuse(input, getClient);
    return { trailList: [] };
  });
  const reading = await read();
  expect(reading.inputs.map((i: any) => i.id).sort()).toEqual([`${ACCOUNT}/eu-south-1`, `${ACCOUNT}/eu-west-1`, `${ACCOUNT}/us-east-1`]);
  const disabled = unlisted(reading, `${ACCOUNT}/eu-south-1`)!;
  expect(Object.keys(disabled).sort()).toEqual(['eventDataStores', 'functions', 'trails']);
  for (const reason of Object.values(disabled)) expect(reason).toMatch(/^region eu-south-1 is not enabled for account 111111111111/);
  expect(reading.assumptions).toContain('Opt-in regions not enabled for account 111111111111 were not audited (no function can run there): ap-east-1.');
});

test('--regions naming a region the account has not enabled: its contents are unknown', async () => {
  const reading = await read({ regions: ['us-east-1', 'ap-east-1'] });
  expect(unlisted(reading, `${ACCOUNT}/ap-east-1`)?.functions).toBe('region ap-east-1 is not enabled for account 111111111111');
  expect(lambda.commandCalls(ListFunctionsCommand).length).toBe(1);
});

test('a bucket in another account (AccessDenied) and a key in another account: their policies are unknown; the key is never asked', async () => {
  cloudtrail.on(DescribeTrailsCommand).resolves({
    trailList: [{ Name: 'main', TrailARN: TRAIL_ARN, HomeRegion: 'us-east-1', S3BucketName: 'central-logs', KmsKeyId: `arn:aws:kms:us-east-1:${MEMBER}:key/k2` }],
  });
  s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied'));
  s3.on(GetPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied'));
  const reading = await read({ regions: ['us-east-1'] });
  const r = resources(reading, `${ACCOUNT}/us-east-1`);
  const [bucket] = ofType(r, 'AWS::S3::Bucket');
  const [policy] = ofType(r, 'AWS::S3::BucketPolicy');
  const [key] = ofType(r, 'AWS::KMS::Key');
  expect(bucket.Properties.PublicAccessBlockConfiguration.BlockPublicAcls).toMatch(/s3:GetPublicAccessBlock: AccessDenied .*a bucket in another account reads the same way/);
  expect(policy.Properties.PolicyDocument).toMatch(/s3:GetBucketPolicy: AccessDenied/);
  expect(key.Properties.KeyPolicy).toMatch(/the key is in account 222222222222, not 111111111111/);
  expect(key.Metadata['lambda-trail:live-state'].keyState).toMatch(/kms:DescribeKey: the key is in account 222222222222, not 111111111111/);
  expect(kms.commandCalls(GetKeyPolicyCommand)).toHaveLength(0);
  expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(0);
  // Read as a bucket of the trail's account: one of another account answers AccessDenied.
  expect(s3.commandCalls(GetBucketPolicyCommand).map(c => c.args[0].input.ExpectedBucketOwner)).toEqual([ACCOUNT]);
});

test('a bucket without a policy or public access block, in an account without one: no policy resource, and public access is not blocked', async () => {
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy'));
  s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration'));
  const reading = await read({ regions: ['us-east-1'] });
  const r = resources(reading, `${ACCOUNT}/us-east-1`);
  expect(ofType(r, 'AWS::S3::BucketPolicy')).toEqual([]);
  expect(ofType(r, 'AWS::S3::Bucket')[0].Properties).toEqual({
    BucketName: 'main-logs',
    PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  });
});

describe('Block Public Access: each setting is the most restrictive of the bucket\'s and its account\'s', () => {
  const flags = (acls: boolean, policy: boolean) => ({
    BlockPublicAcls: acls, IgnorePublicAcls: acls, BlockPublicPolicy: policy, RestrictPublicBuckets: policy,
  });
  const blockOf = async () => ofType(resources(await read({ regions: ['us-east-1'] }), `${ACCOUNT}/us-east-1`), 'AWS::S3::Bucket')[0].Properties.PublicAccessBlockConfiguration;

  test('the account blocks everything, the bucket has no block of its own: all blocked', async () => {
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration'));
    mocks.s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: flags(true, true) });
    expect(await blockOf()).toEqual(flags(true, true));
    expect(mocks.s3control.commandCalls(GetAccountPublicAccessBlockCommand).map(c => c.args[0].input.AccountId)).toEqual([ACCOUNT]);
  });

  test('the bucket blocks ACLs and the account policies: all blocked', async () => {
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: flags(true, false) });
    mocks.s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: flags(false, true) });
    expect(await blockOf()).toEqual(flags(true, true));
  });

  test('the account\'s settings cannot be read: the settings the bucket leaves off are unknown, with the reason', async () => {
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: flags(true, false) });
    mocks.s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const block = await blockOf();
    expect([block.BlockPublicAcls, block.IgnorePublicAcls]).toEqual([true, true]);
    expect(block.BlockPublicPolicy).toMatch(UNKNOWN);
    expect(block.BlockPublicPolicy).toMatch(/s3:GetAccountPublicAccessBlock: AccessDenied/);
  });
});

test('paging: ListFunctions pages of 50 and ListEventDataStores pages are all read', async () => {
  const names = Array.from({ length: 120 }, (_, i) => `fn-${i}`);
  lambda.on(ListFunctionsCommand).callsFake(async input => {
    const start = Number(input.Marker ?? 0);
    expect(input.MaxItems).toBe(50);
    const next = start + 50;
    const Functions = names.slice(start, next).map(FunctionName => ({ FunctionName }));
    return { Functions, NextMarker: next < names.length ? String(next) : undefined };
  });
  const store = (n: number) => `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/eds-${n}`;
  cloudtrail.on(ListEventDataStoresCommand, { NextToken: undefined }).resolves({ EventDataStores: [{ EventDataStoreArn: store(1) }], NextToken: 't2' });
  cloudtrail.on(ListEventDataStoresCommand, { NextToken: 't2' }).resolves({ EventDataStores: [{ EventDataStoreArn: store(2) }] });
  cloudtrail.on(GetEventDataStoreCommand).callsFake(async input => ({
    EventDataStoreArn: input.EventDataStore,
    Name: input.EventDataStore.split('/').pop(),
    Status: input.EventDataStore.endsWith('1') ? 'ENABLED' : 'STOPPED_INGESTION',
    MultiRegionEnabled: true,
    OrganizationEnabled: false,
    AdvancedEventSelectors: [{ Name: 'lambda', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] }],
  }));
  const reading = await read({ regions: ['us-east-1'] });
  const r = resources(reading, `${ACCOUNT}/us-east-1`);
  expect(ofType(r, 'AWS::Lambda::Function').map(f => f.Properties.FunctionName).sort()).toEqual([...names].sort());
  expect(lambda.commandCalls(ListFunctionsCommand)).toHaveLength(3);
  const stores = ofType(r, 'AWS::CloudTrail::EventDataStore');
  expect(stores.map(s => [s.Metadata['lambda-trail:path'], s.Properties.IngestionEnabled])).toEqual([[store(1), true], [store(2), false]]);
  expect(stores[0].Properties).toEqual({
    Name: 'eds-1',
    MultiRegionEnabled: true,
    OrganizationEnabled: false,
    IngestionEnabled: true,
    AdvancedEventSelectors: [{ Name: 'lambda', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] }],
  });
});

test('ListEventDataStores AccessDenied: the event data stores are unlisted, with the reason; none is made up', async () => {
  cloudtrail.on(ListEventDataStoresCommand).rejects(awsError('AccessDeniedException'));
  const reading = await read({ regions: ['us-east-1'] });
  expect(ofType(resources(reading, `${ACCOUNT}/us-east-1`), 'AWS::CloudTrail::EventDataStore')).toEqual([]);
  expect(unlisted(reading, `${ACCOUNT}/us-east-1`)).toEqual({ eventDataStores: 'cloudtrail:ListEventDataStores: AccessDeniedException' });
});

describe('--organization', () => {
  beforeEach(() => {
    organizations.on(ListAccountsCommand, { NextToken: undefined }).resolves({ Accounts: [{ Id: ACCOUNT, State: 'ACTIVE' }, { Id: MEMBER, State: 'ACTIVE' }], NextToken: 'p2' });
    organizations.on(ListAccountsCommand, { NextToken: 'p2' }).resolves({ Accounts: [{ Id: LOCKED, State: 'ACTIVE' }, { Id: '444444444444', State: 'SUSPENDED' }] });
    sts.on(AssumeRoleCommand).callsFake(async input => {
      if (input.RoleArn.includes(LOCKED)) throw awsError('AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
      return { Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600_000) } };
    });
  });

  test('every active member is audited by assuming the role; one whose role cannot be assumed is unknown, with the reason', async () => {
    const reading = await read({ regions: ['us-east-1'], organization: 'AuditRole' });
    expect(reading.accounts).toEqual([ACCOUNT, MEMBER, LOCKED]);
    expect(sts.commandCalls(AssumeRoleCommand).map(c => c.args[0].input.RoleArn).sort()).toEqual([
      `arn:aws:iam::${MEMBER}:role/AuditRole`, `arn:aws:iam::${LOCKED}:role/AuditRole`,
    ]);
    expect(reading.inputs.map((i: any) => i.id).sort()).toEqual([`${ACCOUNT}/us-east-1`, `${MEMBER}/us-east-1`, LOCKED]);
    const locked = reading.inputs.find((i: any) => i.id === LOCKED)!;
    expect(locked.account).toBe(LOCKED);
    expect(locked.region).toMatch(UNKNOWN);
    expect((locked.template as any).Resources).toEqual({});
    expect(locked.unlisted?.functions).toMatch(/^sts:AssumeRole AuditRole: AccessDenied/);
    expect(locked.unlisted?.trails).toBe(locked.unlisted?.functions);
    expect(reading.assumptions).toContain('Accounts of the organization that are not active were not audited: 444444444444.');
  });

  test('the trail is read once though both accounts see it', async () => {
    await read({ regions: ['us-east-1'], organization: 'AuditRole' });
    expect(cloudtrail.commandCalls(GetEventSelectorsCommand)).toHaveLength(1);
    expect(cloudtrail.commandCalls(DescribeTrailsCommand)).toHaveLength(2);
  });

  test('fails with a clear message when the organization cannot be listed', async () => {
    organizations.on(ListAccountsCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'));
    await expect(read({ organization: 'AuditRole' })).rejects.toThrow(/--organization: cannot list the organization's accounts: organizations:ListAccounts: AWSOrganizationsNotInUseException .* Expected credentials of the management account or a delegated administrator/);
  });
});
