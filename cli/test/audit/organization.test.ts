// `audit --organization --role-name R` against moto: every member account is read through the role,
// and one organization trail of the management account records the functions of every member.
import { applyTemplate } from '../apply-template';
import { auditPolicyActions, callLog, fixture, isReadOnly } from '../helpers';
import { createOrganization, organizationId, organizationTrailFixture } from '../moto-organization';
import { MOTO_DEFAULT_ACCOUNT as MANAGEMENT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

// Several accounts: the organization's management account (moto's default) and its members.
const server = useMotoServer({ singleAccount: false });

const functions = (prefix: string, n: number) => ({
  Resources: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Fn${i}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: `${prefix}-${i}` } }])),
});


test('an organization trail of the management account records every member\'s functions', async () => {
  const members = await createOrganization(server().endpoint, 2, 'LambdaTrailAudit');
  await applyTemplate(organizationTrailFixture(MANAGEMENT, await organizationId(server().endpoint)), { endpoint: server().endpoint, region: 'us-east-1', account: MANAGEMENT });
  for (const [i, member] of members.entries()) {
    await applyTemplate(functions(`member${i}`, 3), { endpoint: server().endpoint, region: 'eu-west-1', account: member.id, credentials: member.credentials, suffix: `m${i}` });
  }
  const log = callLog();
  const run = await cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1,eu-west-1',
    '--organization', '--role-name', 'LambdaTrailAudit', '--concurrency', '2', '--format', 'json'], { onCall: log.onCall });
  const report = run.json();
  expect(report.trails.filter((t: any) => t.kind === 'trail').map((t: any) => [t.path, t.status])).toEqual([
    [`arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/fixture-trail`, 'compliant'],
  ]);
  expect(report.functions).toHaveLength(6);
  for (const fn of report.functions) {
    expect(members.map(m => m.id)).toContain(fn.account);
    expect([fn.region, fn.status, fn.recordedBy]).toEqual(['eu-west-1', 'recorded', ['fixture-trail']]);
  }
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/organization: 3 active accounts; assuming LambdaTrailAudit in each member/);
  // The organization's calls too are reads allowed by docs/iam/lambda-trail-audit-policy.json.
  const actions = log.actions();
  expect(actions).toEqual(expect.arrayContaining(['organizations:ListAccounts', 'organizations:DescribeOrganization', 'sts:AssumeRole']));
  expect(actions.filter(a => !isReadOnly(a))).toEqual([]);
  const allowed = auditPolicyActions();
  expect(actions.filter(a => !allowed.has(a))).toEqual([]);
  // And the policy allows nothing the audit does not call (moto has no CloudTrail Lake: its reads are tested with mocks).
  expect([...allowed].filter(a => !actions.includes(a))).toEqual(['cloudtrail:GetEventDataStore']);
  expect(new Set(log.calls.filter(c => c.operation === 'ListFunctions').map(c => c.account))).toEqual(new Set([MANAGEMENT, ...members.map(m => m.id)]));
});

test('an organization trail whose bucket policy names another organization cannot deliver (CLT14): the members\' functions are not recorded', async () => {
  const members = await createOrganization(server().endpoint, 1, 'LambdaTrailAudit');
  await applyTemplate(organizationTrailFixture(MANAGEMENT, 'o-otherorg123'), { endpoint: server().endpoint, region: 'us-east-1', account: MANAGEMENT });
  await applyTemplate(functions('member', 1), { endpoint: server().endpoint, region: 'us-east-1', account: members[0].id, credentials: members[0].credentials });
  const run = await cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1',
    '--organization', '--role-name', 'LambdaTrailAudit', '--format', 'json', '--quiet']);
  const report = run.json();
  const [trail] = report.trails;
  expect(trail.findings.map((f: any) => f.id)).toEqual(['CLT14']);
  expect(trail.findings[0].message).toContain('s3:PutObject on arn:aws:s3:::');
  expect(trail.findings[0].message).toContain(`/AWSLogs/${await organizationId(server().endpoint)}/*`);
  expect(report.functions.map((f: any) => [f.status, f.findings.map((x: any) => x.id)])).toEqual([['not-recorded', ['CLT20']]]);
  expect(run.code).toBe(1);
});

test('without an organization trail, each member\'s functions are not recorded: errors, exit 1', async () => {
  const members = await createOrganization(server().endpoint, 1, 'LambdaTrailAudit');
  await applyTemplate(fixture('compliant', MANAGEMENT), { endpoint: server().endpoint, region: 'us-east-1', account: MANAGEMENT });
  await applyTemplate(functions('member', 2), { endpoint: server().endpoint, region: 'us-east-1', account: members[0].id, credentials: members[0].credentials });
  const run = await cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1',
    '--organization', '--role-name', 'LambdaTrailAudit', '--format', 'json', '--quiet']);
  const report = run.json();
  expect(report.functions.map((f: any) => [f.account, f.status, f.findings.map((x: any) => x.id)])).toEqual([
    [members[0].id, 'not-recorded', ['CLT20']],
    [members[0].id, 'not-recorded', ['CLT20']],
  ]);
  expect(run.code).toBe(1);
});
