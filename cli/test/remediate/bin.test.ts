// `lambda-trail remediate` as users run it: the built bin in a subprocess, against moto (an account and
// an organization), with its exit codes, stdout and stderr.
import { CloudTrailClient, GetEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { createOrganization } from '../moto-organization';
import { MOTO_DEFAULT_ACCOUNT as MANAGEMENT, useMotoServer } from '../moto-server';
import { expectBuiltBin, runBin, userEnv } from '../run-bin';

beforeAll(() => expectBuiltBin());
// Fixtures are made in this process with the test credentials; the bin gets its own environment.
// Several accounts: the organization's management account (moto's default) and its members.
const server = useMotoServer({ singleAccount: false });

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/fixture-trail`;

async function trailWithoutDataEvents(organization = false) {
  const template = fixture('compliant', MANAGEMENT);
  delete template.Resources.Trail.Properties.AdvancedEventSelectors;
  template.Resources.Trail.Properties.IsOrganizationTrail = organization;
  template.Resources.Orders = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } };
  await applyTemplate(template, { endpoint: server().endpoint, region: 'us-east-1', account: MANAGEMENT });
}

const selectors = () => new CloudTrailClient({ region: 'us-east-1', endpoint: server().endpoint }).send(new GetEventSelectorsCommand({ TrailName: TRAIL_ARN }));

test('a dry run, then --apply, then nothing to change: exit 0 each time, the plan on stdout, progress on stderr', async () => {
  await trailWithoutDataEvents();
  const env = userEnv({ AWS_ENDPOINT_URL: server().endpoint, AWS_REGION: 'us-east-1' });
  const dryRun = runBin(['remediate', '--trail', 'fixture-trail'], env);
  expect(dryRun.code).toBe(0);
  expect(dryRun.stdout).toMatch(/^lambda-trail remediate: arn:aws:cloudtrail:us-east-1:123456789012:trail\/fixture-trail\n/);
  expect(dryRun.stdout).toContain('Dry run: nothing was changed.');
  expect(dryRun.stderr).toContain(`lambda-trail: account ${MANAGEMENT} (1/1) us-east-1: 1 function`);
  expect((await selectors()).EventSelectors ?? []).toEqual([]);

  const applied = runBin(['remediate', '--trail', TRAIL_ARN, '--apply', '--quiet'], env);
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(applied.stdout).toContain('Applied: cloudtrail:PutEventSelectors');
  expect((await selectors()).EventSelectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }]);

  const again = runBin(['remediate', '--trail', TRAIL_ARN, '--apply', '--quiet', '--format', 'json'], env);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toEqual(expect.objectContaining({ mode: 'apply', writes: [], applied: [] }));
});

test('an organization trail from a member account: a clear error, exit 2, nothing written', async () => {
  const [member] = await createOrganization(server().endpoint, 1, 'OrganizationAccountAccessRole');
  await trailWithoutDataEvents(true);
  const env = userEnv({
    AWS_ACCESS_KEY_ID: member.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: member.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: member.credentials.sessionToken!,
  });
  const run = runBin(['remediate', '--endpoint-url', server().endpoint, '--trail', TRAIL_ARN, '--apply', '--quiet'], env);
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: `lambda-trail: --trail ${TRAIL_ARN}: the trail belongs to account ${MANAGEMENT}, and your credentials to account ${member.id}, where it does not show. `
      + 'A trail is changed from its own account; an organization trail from the organization\'s management account or a delegated administrator account for CloudTrail.\n',
  });
  expect((await selectors()).EventSelectors ?? []).toEqual([]);
});

test('an organization trail from its management account: changed, exit 0', async () => {
  await createOrganization(server().endpoint, 1, 'OrganizationAccountAccessRole');
  await trailWithoutDataEvents(true);
  const run = runBin(['remediate', '--endpoint-url', server().endpoint, '--region', 'eu-west-1', '--trail', 'fixture-trail', '--apply', '--quiet']);
  expect([run.code, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toContain(`account ${MANAGEMENT}, home region us-east-1 (changes are made there), multi-region, organization trail, logging`);
  expect((await selectors()).EventSelectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }]);
});

test('bad flags: exit 2 before any call', () => {
  expect(runBin(['remediate', '--trail', 'main', '--only', 'a', '--all'])).toEqual({
    code: 2, stdout: '', stderr: 'lambda-trail: remediate: --all and --only contradict each other; expected one of them (--all is the default)\n',
  });
});
