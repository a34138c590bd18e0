// Faults of `remediate` that moto cannot make, with aws-sdk-client-mock: a write refused after another
// succeeded (reported with what was and was not applied, exit 1), a trail read back that is not what was
// sent, reads that fail (nothing is written), and organization trails seen from a member account and
// from a delegated administrator.
import {
  DescribeTrailsCommand, GetEventDataStoreCommand, GetEventSelectorsCommand, GetTrailStatusCommand, ListEventDataStoresCommand,
  ListTagsCommand, PutEventSelectorsCommand, StartLoggingCommand, Trail,
} from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListDelegatedAdministratorsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { iamActionOf } from '../../src/aws/aws-clients';
import { isReadOnly, remediatePolicyActions } from '../helpers';
import { awsError, mockAwsClients, mockReadablePolicies, trailDescription as describedTrail } from '../mocked-aws';
import { useTestCredentials } from '../moto-server';
import { cli } from '../run-cli';

const ACCOUNT = '111111111111';
const MANAGEMENT = '222222222222';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const ORGANIZATION_TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${MANAGEMENT}:trail/organization`;
const MANAGEMENT_SELECTOR = { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };

const mocks = mockAwsClients();
const { sts, ec2, lambda, cloudtrail, organizations, all: MOCKS } = mocks;

/** Every call the mocked clients received, as IAM actions with the region of the client (mocks bypass the CLI's call log). */
async function mockedCalls(): Promise<{ action: string; region: string }[]> {
  const calls: { action: string; region: string }[] = [];
  for (const [service, mock] of MOCKS) {
    for (const call of mock.calls()) {
      const operation = (call.args[0] as any).constructor.name.replace(/Command$/, '');
      calls.push({ action: iamActionOf({ service, operation }), region: await (call.thisValue as any).config.region() });
    }
  }
  return calls;
}

const writesOf = (calls: { action: string; region: string }[]) => calls.filter(c => !isReadOnly(c.action));

let restore: () => void;
beforeAll(() => {
  restore = useTestCredentials();
});
afterAll(() => restore());

const trailDescription = (overrides: Partial<Trail> = {}): Trail => describedTrail(ACCOUNT, overrides);

/** The trail's state as CloudTrail keeps it: PutEventSelectors and StartLogging change it. */
let stored: { selectors: any; isLogging: boolean };

beforeEach(() => {
  for (const [, mock] of MOCKS) mock.reset();
  stored = { selectors: { AdvancedEventSelectors: [MANAGEMENT_SELECTOR] }, isLogging: false };
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/operator` });
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' }, { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' }] });
  lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'orders' }] });
  cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [trailDescription()] });
  cloudtrail.on(GetTrailStatusCommand).callsFake(async () => ({ IsLogging: stored.isLogging }));
  cloudtrail.on(GetEventSelectorsCommand).callsFake(async () => ({ TrailARN: TRAIL_ARN, ...stored.selectors }));
  cloudtrail.on(PutEventSelectorsCommand).callsFake(async input => {
    stored.selectors = { EventSelectors: input.EventSelectors, AdvancedEventSelectors: input.AdvancedEventSelectors };
    return {};
  });
  cloudtrail.on(StartLoggingCommand).callsFake(async () => {
    stored.isLogging = true;
    return {};
  });
  cloudtrail.on(ListEventDataStoresCommand).resolves({ EventDataStores: [] });
  cloudtrail.on(ListTagsCommand).resolves({ ResourceTagList: [{ ResourceId: TRAIL_ARN, TagsList: [{ Key: 'team', Value: 'security' }] }] });
  mockReadablePolicies(mocks, ACCOUNT);
});

const remediate = (flags: string[], onCall?: any) => cli(['remediate', '--region', 'us-east-1', '--trail', 'main', '--quiet', ...flags], { onCall });

test('StartLogging refused after PutEventSelectors succeeded: exit 1, what was and was not applied, the verdict read back', async () => {
  cloudtrail.on(StartLoggingCommand).rejects(awsError('AccessDeniedException', `User: arn:aws:iam::${ACCOUNT}:user/operator is not authorized to perform: cloudtrail:StartLogging`));
  const run = await remediate(['--apply']);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(`lambda-trail: remediate partially applied: cloudtrail:StartLogging: AccessDeniedException (User: arn:aws:iam::${ACCOUNT}:user/operator `
    + 'is not authorized to perform: cloudtrail:StartLogging). Applied: cloudtrail:PutEventSelectors. Not applied: cloudtrail:StartLogging.\n');
  expect(run.stdout).toContain('\nApplied: cloudtrail:PutEventSelectors (replace the event selectors with the 2 advanced selectors planned)\n'
    + 'Not applied: cloudtrail:StartLogging (start logging)\nFailed: cloudtrail:StartLogging: AccessDeniedException');
  expect(run.stdout).toMatch(/Verdict after the change \(read back from CloudTrail\).*\n {2}trail .* \[non-compliant\] records Lambda invocations of: every function\n {6}ERROR \[CLT7\]/);
  const [put] = cloudtrail.commandCalls(PutEventSelectorsCommand);
  expect(put.args[0].input).toEqual({
    TrailName: TRAIL_ARN,
    AdvancedEventSelectors: [MANAGEMENT_SELECTOR, {
      Name: 'Lambda data events: all functions',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }],
    }],
  });
  expect(cloudtrail.commandCalls(StartLoggingCommand).map(c => c.args[0].input)).toEqual([{ Name: TRAIL_ARN }]);

  // Run again once allowed: only what was not applied is sent.
  cloudtrail.on(StartLoggingCommand).callsFake(async () => {
    stored.isLogging = true;
    return {};
  });
  for (const [, mock] of MOCKS) mock.resetHistory();
  const again = await remediate(['--apply']);
  expect(again.code).toBe(0);
  expect(writesOf(await mockedCalls()).map(c => c.action)).toEqual(['cloudtrail:StartLogging']);
});

test('PutEventSelectors refused: nothing was applied, StartLogging is not tried, exit 1', async () => {
  cloudtrail.on(PutEventSelectorsCommand).rejects(awsError('InsufficientEncryptionPolicyException', 'The KMS key policy does not allow CloudTrail'));
  const run = await remediate(['--apply']);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe('lambda-trail: remediate failed, nothing was applied: cloudtrail:PutEventSelectors: InsufficientEncryptionPolicyException '
    + '(The KMS key policy does not allow CloudTrail). Applied: nothing. Not applied: cloudtrail:PutEventSelectors, cloudtrail:StartLogging.\n');
  expect(cloudtrail.commandCalls(StartLoggingCommand)).toHaveLength(0);
  expect(run.stdout).toContain('Verdict (the trail as it is)');
});

test('a trail read back that is not what was sent: exit 1, naming what still differs', async () => {
  cloudtrail.on(PutEventSelectorsCommand).resolves({});
  stored.isLogging = true;
  const run = await remediate(['--apply']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^lambda-trail: remediate applied cloudtrail:PutEventSelectors, but reading the trail back shows that its selectors are not the ones sent \(a new plan would still: add 'Lambda data events: all functions'/);
});

test('event selectors that cannot be read: nothing is planned or written, exit 2', async () => {
  cloudtrail.on(GetEventSelectorsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: cloudtrail:GetEventSelectors'));
  const run = await remediate(['--apply']);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`lambda-trail: cannot plan a change to ${TRAIL_ARN}: its event selectors could not be read (cloudtrail:GetEventSelectors: AccessDeniedException `
    + '(not authorized to perform: cloudtrail:GetEventSelectors)); PutEventSelectors replaces every selector, so remediate changes nothing it has not read\n');
  expect(cloudtrail.commandCalls(PutEventSelectorsCommand)).toHaveLength(0);
});

test('a status that cannot be read: nothing is planned or written, exit 2', async () => {
  cloudtrail.on(GetTrailStatusCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
  const run = await remediate(['--apply']);
  expect([run.code, run.stdout]).toEqual([2, '']);
  expect(run.stderr).toBe(`lambda-trail: cannot plan a change to ${TRAIL_ARN}: its status could not be read (cloudtrail:GetTrailStatus: ThrottlingException (Rate exceeded))\n`);
  expect(cloudtrail.commandCalls(PutEventSelectorsCommand)).toHaveLength(0);
});

test('tags that cannot be read: whether CloudFormation owns the trail is unknown, so refused without --force', async () => {
  cloudtrail.on(ListTagsCommand).rejects(awsError('AccessDeniedException'));
  const refused = await remediate(['--apply']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/remediate refused, nothing was changed: whether a CloudFormation stack owns the trail cannot be read \(cloudtrail:ListTags: AccessDeniedException\); pass --force/);
  expect(refused.stdout).toContain('owner: unknown (cloudtrail:ListTags: AccessDeniedException)');
  expect(cloudtrail.commandCalls(PutEventSelectorsCommand)).toHaveLength(0);
  expect((await remediate(['--apply', '--force'])).code).toBe(0);
  expect(cloudtrail.commandCalls(PutEventSelectorsCommand)).toHaveLength(1);
});

describe('an organization trail', () => {
  beforeEach(() => {
    cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [trailDescription({ Name: 'organization', TrailARN: ORGANIZATION_TRAIL_ARN, HomeRegion: 'eu-west-1', IsOrganizationTrail: true, S3BucketName: 'org-logs', KmsKeyId: undefined })],
    });
  });

  test('seen from a member account: a clear error, exit 2, nothing written', async () => {
    organizations.on(ListDelegatedAdministratorsCommand).rejects(awsError('AccessDeniedException', 'You don\'t have permissions to access this resource.'));
    const run = await cli(['remediate', '--region', 'us-east-1', '--trail', 'organization', '--apply', '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`lambda-trail: --trail ${ORGANIZATION_TRAIL_ARN} is an organization trail of the management account ${MANAGEMENT}; account ${ACCOUNT} of your credentials `
      + 'may not change it: organizations:ListDelegatedAdministrators: AccessDeniedException (You don\'t have permissions to access this resource.). '
      + `Run remediate with credentials of ${MANAGEMENT} or of a delegated administrator account for CloudTrail.\n`);
    expect(cloudtrail.commandCalls(PutEventSelectorsCommand)).toHaveLength(0);
  });

  test('seen from an account that is not CloudTrail\'s delegated administrator: exit 2', async () => {
    organizations.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [{ Id: '444444444444' }] });
    const run = await cli(['remediate', '--region', 'us-east-1', '--trail', ORGANIZATION_TRAIL_ARN, '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/may not change it: it is not among CloudTrail's delegated administrators \(444444444444\)/);
  });

  test('from CloudTrail\'s delegated administrator: changed by ARN, in its home region; every call is in the IAM policy', async () => {
    organizations.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [{ Id: ACCOUNT }] });
    cloudtrail.on(ListTagsCommand).resolves({ ResourceTagList: [{ ResourceId: ORGANIZATION_TRAIL_ARN, TagsList: [] }] });
    const store = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/eds-1`;
    cloudtrail.on(ListEventDataStoresCommand).resolves({ EventDataStores: [{ EventDataStoreArn: store }] });
    cloudtrail.on(GetEventDataStoreCommand).resolves({ EventDataStoreArn: store, Name: 'eds-1', Status: 'STOPPED_INGESTION', MultiRegionEnabled: false, OrganizationEnabled: false, AdvancedEventSelectors: [] });
    const run = await cli(['remediate', '--region', 'us-east-1', '--trail', 'organization', '--apply', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`account ${MANAGEMENT}, home region eu-west-1 (changes are made there), multi-region, organization trail, not logging`);
    const calls = await mockedCalls();
    expect(writesOf(calls)).toEqual([{ action: 'cloudtrail:PutEventSelectors', region: 'eu-west-1' }, { action: 'cloudtrail:StartLogging', region: 'eu-west-1' }]);
    expect(cloudtrail.commandCalls(PutEventSelectorsCommand)[0].args[0].input.TrailName).toBe(ORGANIZATION_TRAIL_ARN);
    expect(cloudtrail.commandCalls(StartLoggingCommand)[0].args[0].input).toEqual({ Name: ORGANIZATION_TRAIL_ARN });
    const allowed = remediatePolicyActions();
    const actions = [...new Set(calls.map(c => c.action))];
    expect(actions).toEqual(expect.arrayContaining(['organizations:ListDelegatedAdministrators', 'organizations:DescribeOrganization', 'cloudtrail:GetEventDataStore']));
    expect(actions.filter(a => !allowed.has(a))).toEqual([]);
  });
});
