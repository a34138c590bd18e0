// LambdaTrailConfigRule's handler as an organization rule, against a multi-account moto: AWS Config
// invokes the administrator's function for a member account, and the run judges that member with
// the member role's credentials, which also carry its PutEvaluations (the result token belongs to the
// member's AWS Config). The proxy sees the access key of every request.
import * as path from 'path';
import { iamActionOf } from '../../src/aws/aws-clients';
import { ConfigRuleEvent } from '../../src/config-rule/config-event';
import { applyTemplate } from '../apply-template';
import { callLog, fixture } from '../helpers';
import { createOrganization, MemberAccount } from '../moto-organization';
import { ProxiedCall } from '../moto-proxy';
import { MOTO_DEFAULT_ACCOUNT as ADMINISTRATOR, useMotoServer } from '../moto-server';
import { ACCOUNT, changeEvent, ConfigRuleHarness, FN, REGION, scheduledEvent, TRAIL, useConfigRuleHarness } from './config-rule-harness';
import { synthesizedMemberRole, synthesizedRule } from './construct-policy';

const server = useMotoServer({ singleAccount: false });
const start = useConfigRuleHarness(server);
const MEMBER_ROLE = 'LambdaTrailConfigRuleMember';

/** The function's environment as the construct synthesizes it in the administrator account. */
const ORGANIZATION_ENV = synthesizedRule({ organization: {} }, ADMINISTRATOR).environment;

/** An organization with one member: a compliant trail and `orders` there; `admin-only` (no trail) in the administrator account. */
async function organization(): Promise<MemberAccount> {
  const [member] = await createOrganization(server().endpoint, 1, MEMBER_ROLE);
  const target = { endpoint: server().endpoint, region: REGION, account: member.id, credentials: member.credentials };
  await applyTemplate(fixture('compliant', member.id), target);
  await applyTemplate({ Resources: { Fn: { Type: FN, Properties: { FunctionName: 'orders' } } } }, { ...target, suffix: 'fn' });
  await applyTemplate({ Resources: { Fn: { Type: FN, Properties: { FunctionName: 'admin-only' } } } }, { endpoint: server().endpoint, region: REGION, account: ADMINISTRATOR, suffix: 'fn' });
  return member;
}

/** The event AWS Config sends the administrator's function for the member rule in `account`. */
function forAccount(event: ConfigRuleEvent, account: string): ConfigRuleEvent {
  return { ...event, accountId: account, configRuleArn: `arn:aws:config:${REGION}:${account}:config-rule/config-rule-org123`, configRuleName: 'OrgConfigRule-lambda-trail-config-rule-abc' };
}


const assumeRoleCalls = (h: ConfigRuleHarness): ProxiedCall[] => h.proxy.calls.filter(c => c.service === 'sts' && c.operation === 'AssumeRole');

test('a member\'s event: the member role assumed, the member judged, and its evaluations sent with the member\'s credentials', async () => {
  const member = await organization();
  const h = await start({ previous: [{ type: FN, id: 'deleted-in-member' }] });
  const run = await h.invoke(forAccount(scheduledEvent(), member.id), { env: ORGANIZATION_ENV });
  expect(h.verdicts()).toEqual([
    `${ACCOUNT} ${member.id} COMPLIANT`,
    `${TRAIL} fixture-trail COMPLIANT`,
    `${FN} deleted-in-member NOT_APPLICABLE`,
    `${FN} orders COMPLIANT`,
  ]);
  expect(run.account).toBe(member.id);
  const [assume] = assumeRoleCalls(h);
  expect(decodeURIComponent(assume.body)).toContain(`RoleArn=arn:aws:iam::${member.id}:role/${MEMBER_ROLE}`);
  // Every call after AssumeRole is signed with the assumed credentials, the function's own ('testing') never.
  const afterAssume = h.proxy.calls.slice(h.proxy.calls.indexOf(assume) + 1);
  expect(afterAssume.map(c => `${c.service}:${c.operation ?? c.method}`)).toEqual(expect.arrayContaining(['config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule', 'lambda:GET']));
  expect(new Set(afterAssume.map(c => c.accessKeyId)).size).toBe(1);
  expect(afterAssume[0].accessKeyId).not.toBe('testing');
  expect(h.proxy.calls.filter(c => c.accessKeyId === 'testing').map(c => `${c.service}:${c.operation}`)).toEqual(['sts:AssumeRole']);
});

test('the bundled asset (assets/config-rule-handler/index.js) judges a member through its role too', async () => {
  const member = await organization();
  const h = await start();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundled = require(path.join(__dirname, '..', '..', '..', 'assets', 'config-rule-handler', 'index.js'));
  await h.invoke(forAccount(scheduledEvent(), member.id), { env: ORGANIZATION_ENV, entry: bundled.handler });
  expect(assumeRoleCalls(h)).toHaveLength(1);
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${member.id} COMPLIANT`, `${TRAIL} fixture-trail COMPLIANT`, `${FN} orders COMPLIANT`]);
});

test('every call of a member\'s run is allowed: AssumeRole by the function\'s role, the rest by the member role', async () => {
  const member = await organization();
  const h = await start({ previous: [] });
  const log = callLog();
  await h.invoke(forAccount(scheduledEvent(), member.id), { env: ORGANIZATION_ENV, onCall: log.onCall });
  const own = log.calls.filter(c => c.account !== member.id).map(iamActionOf);
  expect(own).toEqual(['sts:AssumeRole']);
  expect(synthesizedRule({ organization: {} }, ADMINISTRATOR).actions).toContain('sts:AssumeRole');
  const allowed = synthesizedMemberRole({ administratorAccount: ADMINISTRATOR });
  const inMember = [...new Set(log.calls.filter(c => c.account === member.id).map(iamActionOf))];
  expect(inMember.filter(a => !allowed.has(a))).toEqual([]);
  expect(inMember).toEqual(expect.arrayContaining(['cloudtrail:DescribeTrails', 'lambda:ListFunctions', 'config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule']));
});

test('a deleted function of a member: NOT_APPLICABLE sent with the member\'s credentials, nothing read', async () => {
  const member = await organization();
  const h = await start();
  await h.invoke(forAccount(changeEvent({ type: FN, id: 'orders', arn: `arn:aws:lambda:${REGION}:${member.id}:function:orders`, status: 'ResourceDeleted' }), member.id), { env: ORGANIZATION_ENV });
  expect(h.proxy.calls.map(c => `${c.service}:${c.operation}`)).toEqual(['sts:AssumeRole', 'config:PutEvaluations']);
  expect(h.proxy.calls[1].accessKeyId).not.toBe('testing');
  expect(h.verdicts()).toEqual([`${FN} orders NOT_APPLICABLE`]);
});

test('the administrator account\'s own event: judged with the function\'s own role, no role assumed', async () => {
  await organization();
  const h = await start();
  await h.invoke(forAccount(scheduledEvent(), ADMINISTRATOR), { env: ORGANIZATION_ENV });
  expect(assumeRoleCalls(h)).toEqual([]);
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${ADMINISTRATOR} NON_COMPLIANT`, `${FN} admin-only NON_COMPLIANT`]);
  expect(new Set(h.proxy.calls.map(c => c.accessKeyId))).toEqual(new Set(['testing']));
});

test('fails when the member role cannot be assumed: the error names the role, the account and what to deploy; nothing read or sent', async () => {
  const member = await organization();
  const denied = `User: arn:aws:sts::${ADMINISTRATOR}:assumed-role/LambdaTrailConfigRuleFunction/fn is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${member.id}:role/${MEMBER_ROLE}`;
  const h = await start({
    deny: call => (call.service === 'sts' && call.operation === 'AssumeRole' ? {
      status: 403,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'proxy-request' },
      body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${denied}</Message></Error><RequestId>proxy-request</RequestId></ErrorResponse>`,
    } : undefined),
  });
  const run = h.invoke(forAccount(scheduledEvent(), member.id), { env: ORGANIZATION_ENV });
  await expect(run).rejects.toThrow(new RegExp(
    `^cannot assume arn:aws:iam::${member.id}:role/${MEMBER_ROLE} for the organization rule in account ${member.id}: sts:AssumeRole: AccessDenied .*`
    + `Deploy LambdaTrailConfigRuleMemberRole \\(roleName ${MEMBER_ROLE}, administratorAccount ${ADMINISTRATOR}\\) in account ${member.id}, or exclude the account with organization.excludedAccounts`,
  ));
  expect(h.proxy.calls.map(c => `${c.service}:${c.operation}`)).toEqual(['sts:AssumeRole']);
});
