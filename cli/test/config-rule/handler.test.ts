// LambdaTrailConfigRule's handler, invoked as AWS Lambda invokes it with events shaped like AWS
// Config's, against moto's server for every read; what it sends to AWS Config is captured at the
// proxy (config-rule-harness.ts) and asserted on.
import * as path from 'path';
import { iamActionOf } from '../../src/aws/aws-clients';
import { ConfigRuleRun } from '../../src/config-rule/handler';
import { applyTemplate } from '../apply-template';
import { callLog, fixture } from '../helpers';
import { awsJsonError } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { ACCOUNT, changeEvent, FN, oversizedChangeEvent, REGION, scheduledEvent, SCHEDULED_AT, TRAIL, useConfigRuleHarness } from './config-rule-harness';
import { synthesizedRule } from './construct-policy';

const server = useMotoServer();
const start = useConfigRuleHarness(server);
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${MOTO_ACCOUNT}:trail/fixture-trail`;
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${MOTO_ACCOUNT}:function:${name}`;

async function account(template: string | undefined, ...names: string[]): Promise<void> {
  if (template) await applyTemplate(fixture(template), { endpoint: server().endpoint, region: REGION, account: MOTO_ACCOUNT });
  if (names.length) {
    await applyTemplate(
      { Resources: Object.fromEntries(names.map((name, i) => [`Fn${i}`, { Type: FN, Properties: { FunctionName: name } }])) },
      { endpoint: server().endpoint, region: REGION, account: MOTO_ACCOUNT, suffix: 'fn' },
    );
  }
}


test('a compliant account: every function, the trail and the account COMPLIANT, in one PutEvaluations call with the event\'s token and time', async () => {
  await account('compliant', 'orders', 'billing');
  // AWS Config records the trail under its name.
  const h = await start({ discoveredTrails: [{ id: 'fixture-trail', name: 'fixture-trail' }] });
  const run = await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([
    `${ACCOUNT} ${MOTO_ACCOUNT} COMPLIANT`,
    `${TRAIL} fixture-trail COMPLIANT`,
    `${FN} billing COMPLIANT`,
    `${FN} orders COMPLIANT`,
  ]);
  const [put] = h.puts();
  expect(h.puts()).toHaveLength(1);
  expect(put.ResultToken).toBe('result-token-1');
  expect(new Set(put.Evaluations.map(e => e.OrderingTimestamp))).toEqual(new Set([Date.parse(SCHEDULED_AT) / 1000]));
  expect(h.evaluation(FN, 'orders')?.Annotation).toBe('recorded by fixture-trail');
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)?.Annotation).toBe(`every function of ${MOTO_ACCOUNT}/${REGION} is recorded by fixture-trail; 2 of 2 functions compliant`);
  expect(run).toEqual<ConfigRuleRun>({
    messageType: 'ScheduledNotification',
    account: MOTO_ACCOUNT,
    region: REGION,
    sent: { COMPLIANT: 4, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 },
    putEvaluationsCalls: 1,
    judged: { functions: 2, trails: 1 },
  });
});

test('the bundled asset (assets/config-rule-handler/index.js, built from these sources) sends the same evaluations', async () => {
  await account('cost-limited', 'orders', 'billing');
  const h = await start();
  await h.invoke(scheduledEvent());
  const fromSources = h.puts();
  h.proxy.calls.length = 0;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundled = require(path.join(__dirname, '..', '..', '..', 'assets', 'config-rule-handler', 'index.js'));
  await h.invoke(scheduledEvent(), { entry: bundled.handler });
  expect(h.puts()).toEqual(fromSources);
  expect(h.verdicts()).toContain(`${FN} billing NON_COMPLIANT`);
});

test('a read-only Lambda selector: every function NON_COMPLIANT (CLT20), the trail NON_COMPLIANT with its open rule ids, the account NON_COMPLIANT', async () => {
  await account('basic-read-only', 'orders');
  const h = await start();
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${MOTO_ACCOUNT} NON_COMPLIANT`, `${TRAIL} fixture-trail NON_COMPLIANT`, `${FN} orders NON_COMPLIANT`]);
  expect(h.evaluation(FN, 'orders')?.Annotation).toBe(`CLT20: no trail records its invocations in account ${MOTO_ACCOUNT}, region ${REGION}`);
  const trail = h.evaluation(TRAIL, 'fixture-trail')!.Annotation;
  expect(trail).toMatch(/^open: CLT1, CLT2, CLT4; CLT1: .*; CLT2: Lambda data events are recorded read-only/);
  expect(trail.length).toBeLessThanOrEqual(256);
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)?.Annotation).toBe(`CLT20: no logging trail records Lambda invocations in ${MOTO_ACCOUNT}/${REGION}; 0 of 1 functions compliant`);
});

test('a stopped trail: the trail NON_COMPLIANT (CLT7), its functions and the account NON_COMPLIANT', async () => {
  await account('not-logging', 'orders');
  const h = await start();
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${MOTO_ACCOUNT} NON_COMPLIANT`, `${TRAIL} fixture-trail NON_COMPLIANT`, `${FN} orders NON_COMPLIANT`]);
  expect(h.evaluation(TRAIL, 'fixture-trail')?.Annotation).toBe('open: CLT7; CLT7: IsLogging is false');
});

test('a cost-limited trail: the function outside it NON_COMPLIANT (CLT21), the one inside COMPLIANT, the trail COMPLIANT naming its warning, the account COMPLIANT', async () => {
  await account('cost-limited', 'orders', 'billing');
  const h = await start();
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([
    `${ACCOUNT} ${MOTO_ACCOUNT} COMPLIANT`,
    `${TRAIL} fixture-trail COMPLIANT`,
    `${FN} billing NON_COMPLIANT`,
    `${FN} orders COMPLIANT`,
  ]);
  expect(h.evaluation(FN, 'billing')?.Annotation).toBe('CLT21: its invocations are outside the scope of fixture-trail');
  expect(h.evaluation(TRAIL, 'fixture-trail')?.Annotation).toMatch(/^compliant; open warnings: CLT3; CLT3: Lambda data events are recorded only for: /);
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)?.Annotation).toBe(`invocations of some functions of ${MOTO_ACCOUNT}/${REGION} are recorded by fixture-trail; 1 of 2 functions compliant`);
});

test('acknowledgements from the construct\'s environment variable: the function COMPLIANT, the reason in the annotation', async () => {
  await account('cost-limited', 'orders', 'billing');
  const h = await start();
  // The function's environment as the construct synthesizes it.
  const { environment } = synthesizedRule({ acknowledgements: [{ resource: fnArn('billing'), rule: 'CLT21', reason: 'Batch job, invoked by the scheduler only (RISK-88)' }] });
  await h.invoke(scheduledEvent(), { env: environment });
  expect(h.evaluation(FN, 'billing')).toEqual(expect.objectContaining({
    ComplianceType: 'COMPLIANT',
    Annotation: 'CLT21 acknowledged: Batch job, invoked by the scheduler only (RISK-88)',
  }));
});

test('a region whose trails cannot be listed: its functions, the account and the trails evaluated before NON_COMPLIANT saying what could not be read; no trail is withdrawn', async () => {
  const denied = 'User: arn:aws:sts::111111111111:assumed-role/rule/fn is not authorized to perform: cloudtrail:DescribeTrails';
  await account('compliant', 'orders');
  const h = await start({
    deny: call => (call.service === 'cloudtrail' && call.operation === 'DescribeTrails' ? awsJsonError(400, 'AccessDeniedException', denied) : undefined),
    previous: [{ type: TRAIL, id: 'fixture-trail' }, { type: FN, id: 'orders' }, { type: FN, id: 'deleted-long-ago' }],
  });
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([
    `${ACCOUNT} ${MOTO_ACCOUNT} NON_COMPLIANT`,
    `${TRAIL} fixture-trail NON_COMPLIANT`,
    `${FN} deleted-long-ago NOT_APPLICABLE`,
    `${FN} orders NON_COMPLIANT`,
  ]);
  // The trail's earlier result is not left standing: judged again, it could not be read.
  expect(h.evaluation(TRAIL, 'fixture-trail')?.Annotation).toMatch(/^CLT0: could not be judged again \(ScheduledNotification [^)]+\): the region's trails could not be listed \(cloudtrail:DescribeTrails: AccessDeniedException/);
  expect(h.evaluation(FN, 'orders')?.Annotation).toMatch(/^CLT21: .*could not be listed \(cloudtrail:DescribeTrails: AccessDeniedException/);
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)?.Annotation).toMatch(new RegExp(`^CLT0: account ${MOTO_ACCOUNT}, region ${REGION}: its trails could not be listed \\(cloudtrail:DescribeTrails: AccessDeniedException`));
});

test('a region whose functions cannot be listed, and a trail that records every function: the account COMPLIANT saying so; no function is evaluated or withdrawn', async () => {
  await account('compliant', 'orders');
  const h = await start({
    deny: call => (call.service === 'lambda' ? awsJsonError(403, 'AccessDeniedException', 'not authorized to perform: lambda:ListFunctions') : undefined),
    previous: [{ type: FN, id: 'orders' }, { type: TRAIL, id: 'retired-trail' }],
  });
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${MOTO_ACCOUNT} COMPLIANT`, `${TRAIL} fixture-trail COMPLIANT`, `${TRAIL} retired-trail NOT_APPLICABLE`]);
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)?.Annotation).toBe('The functions of account 111111111111, region us-east-1 could not be listed (lambda:ListFunctions: AccessDeniedException (not authorized to perform: lambda:ListFunctions)); every function there is recorded by fixture-trail.');
});

test('a region whose functions cannot be listed, and a cost-limited trail: the account NON_COMPLIANT, saying what could not be read', async () => {
  await account('cost-limited', 'orders');
  const h = await start({ deny: call => (call.service === 'lambda' ? awsJsonError(403, 'AccessDeniedException', 'not authorized to perform: lambda:ListFunctions') : undefined) });
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${MOTO_ACCOUNT} NON_COMPLIANT`, `${TRAIL} fixture-trail COMPLIANT`]);
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)?.Annotation).toMatch(/^CLT0: account 111111111111, region us-east-1: its functions could not be listed \(lambda:ListFunctions: AccessDeniedException/);
});

test('a periodic run withdraws (NOT_APPLICABLE) the results of functions and trails that are gone, and only those', async () => {
  await account('compliant', 'orders');
  const h = await start({
    previous: [
      { type: FN, id: 'orders' }, { type: FN, id: 'deleted-fn' }, { type: TRAIL, id: 'fixture-trail' }, { type: TRAIL, id: 'old-trail' },
      { type: ACCOUNT, id: MOTO_ACCOUNT }, { type: 'AWS::S3::Bucket', id: 'not-ours' },
    ],
  });
  const run = await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual([
    `${ACCOUNT} ${MOTO_ACCOUNT} COMPLIANT`,
    `${TRAIL} fixture-trail COMPLIANT`,
    `${TRAIL} old-trail NOT_APPLICABLE`,
    `${FN} deleted-fn NOT_APPLICABLE`,
    `${FN} orders COMPLIANT`,
  ]);
  expect(h.evaluation(FN, 'deleted-fn')?.Annotation).toBe(`no longer in ${MOTO_ACCOUNT}/${REGION} (ScheduledNotification ${SCHEDULED_AT})`);
  expect(run.staleNotChecked).toBeUndefined();
});

test('earlier results that cannot be read: the run still sends its evaluations and says what it could not check', async () => {
  await account('compliant', 'orders');
  const h = await start({ previous: awsJsonError(400, 'AccessDeniedException', 'not authorized to perform: config:GetComplianceDetailsByConfigRule') });
  const run = await h.invoke(scheduledEvent());
  expect(h.verdicts()).toHaveLength(3);
  expect(run.staleNotChecked).toMatch(/^config:GetComplianceDetailsByConfigRule: AccessDeniedException/);
});

test('a deleted function (ResourceDeleted, ResourceDeletedNotRecorded) or one that left the scope: NOT_APPLICABLE for it alone, with nothing read', async () => {
  const h = await start();
  for (const status of ['ResourceDeleted', 'ResourceDeletedNotRecorded'] as const) {
    await h.invoke(changeEvent({ type: FN, id: 'orders', arn: fnArn('orders'), status }));
  }
  await h.invoke(changeEvent({ type: FN, id: 'billing', arn: fnArn('billing') }, { eventLeftScope: true }));
  expect(h.puts().map(p => p.Evaluations.map(e => [e.ComplianceResourceId, e.ComplianceType, e.Annotation]))).toEqual([
    [['orders', 'NOT_APPLICABLE', 'deleted (ResourceDeleted)']],
    [['orders', 'NOT_APPLICABLE', 'deleted (ResourceDeletedNotRecorded)']],
    [['billing', 'NOT_APPLICABLE', 'left the rule\'s scope']],
  ]);
  expect(h.proxy.calls.map(c => `${c.service}:${c.operation}`)).toEqual(Array(3).fill('config:PutEvaluations'));
});

test.each([
  ['ConfigurationItemChangeNotification', changeEvent],
  ['OversizedConfigurationItemChangeNotification', oversizedChangeEvent],
])('a %s of a function: that function alone, ordered by the item\'s capture time', async (_type, event) => {
  await account('cost-limited', 'orders', 'billing');
  const h = await start();
  const run = await h.invoke(event({ type: FN, id: 'billing', arn: fnArn('billing'), capturedAt: '2026-12-07T07:58:00.000Z' }));
  // The changed function is listed: judged once, not added to the judgement a second time.
  expect(run.judged).toEqual({ functions: 2, trails: 1 });
  expect(h.puts().flatMap(p => p.Evaluations)).toEqual([{
    ComplianceResourceType: FN,
    ComplianceResourceId: 'billing',
    ComplianceType: 'NON_COMPLIANT',
    Annotation: 'CLT21: its invocations are outside the scope of fixture-trail',
    OrderingTimestamp: Date.parse('2026-12-07T07:58:00.000Z') / 1000,
  }]);
});

test('a change of a function not listed yet (ListFunctions lags behind a creation): it is judged all the same', async () => {
  await account('compliant');
  const h = await start();
  const run = await h.invoke(changeEvent({ type: FN, id: 'just-created', arn: fnArn('just-created'), status: 'ResourceDiscovered' }));
  expect(h.verdicts()).toEqual([`${FN} just-created COMPLIANT`]);
  expect(run.judged).toEqual({ functions: 1, trails: 1 });
});

test('a deleted trail: the trail NOT_APPLICABLE and everything it recorded judged again', async () => {
  await account(undefined, 'orders');
  const h = await start();
  await h.invoke(changeEvent({ type: TRAIL, id: 'fixture-trail', arn: TRAIL_ARN, status: 'ResourceDeleted' }));
  expect(h.verdicts()).toEqual([`${ACCOUNT} ${MOTO_ACCOUNT} NON_COMPLIANT`, `${TRAIL} fixture-trail NOT_APPLICABLE`, `${FN} orders NON_COMPLIANT`]);
  expect(h.evaluation(FN, 'orders')?.Annotation).toMatch(/^CLT20: /);
  // Not periodic: earlier results are not read.
  expect(h.proxy.calls.some(c => c.operation === 'GetComplianceDetailsByConfigRule')).toBe(false);
});

test('PutEvaluations in batches of at most 100', async () => {
  const names = Array.from({ length: 130 }, (_, i) => `fn-${String(i).padStart(3, '0')}`);
  await account('compliant', ...names);
  const h = await start();
  const run = await h.invoke(scheduledEvent());
  expect(h.puts().map(p => p.Evaluations.length)).toEqual([100, 32]);
  expect(run.putEvaluationsCalls).toBe(2);
  expect(new Set(h.verdicts()).size).toBe(132);
});

test('fails when AWS Config refuses an evaluation (FailedEvaluations): the run throws, so Lambda reports the error', async () => {
  await account('compliant', 'orders');
  const h = await start({ refuse: ['orders'] });
  await expect(h.invoke(scheduledEvent())).rejects.toThrow('config:PutEvaluations: AWS Config refused 1 of 3 evaluations: AWS::Lambda::Function orders');
});

describe('a trail\'s evaluation carries AWS Config\'s own id of the trail', () => {
  test('AWS Config\'s inventory names the trail by its ARN: the evaluation carries the ARN', async () => {
    await account('compliant', 'orders');
    const h = await start({ discoveredTrails: [{ id: TRAIL_ARN, name: 'fixture-trail' }] });
    const run = await h.invoke(scheduledEvent());
    expect(h.verdicts()).toContain(`${TRAIL} ${TRAIL_ARN} COMPLIANT`);
    expect(h.evaluation(TRAIL, 'fixture-trail')).toBeUndefined();
    expect(run.trailIdsAreNames).toBeUndefined();
  });

  test('AWS Config\'s inventory names it by its name: the name', async () => {
    await account('compliant', 'orders');
    const h = await start({ discoveredTrails: [{ id: 'fixture-trail', name: 'fixture-trail' }] });
    const run = await h.invoke(scheduledEvent());
    expect(h.verdicts()).toContain(`${TRAIL} fixture-trail COMPLIANT`);
    expect(run.trailIdsAreNames).toBeUndefined();
  });

  test('AWS Config records no trail (moto\'s inventory is empty): the name, and the run says why', async () => {
    await account('compliant', 'orders');
    const h = await start();
    const run = await h.invoke(scheduledEvent());
    expect(h.verdicts()).toContain(`${TRAIL} fixture-trail COMPLIANT`);
    expect(run.trailIdsAreNames).toMatch(/^fixture-trail: AWS Config's inventory holds none of them/);
  });

  test('the inventory cannot be read: the name, and the run names the call that failed', async () => {
    await account('compliant', 'orders');
    const h = await start({ discoveredTrails: awsJsonError(400, 'AccessDeniedException', 'not authorized to perform: config:ListDiscoveredResources') });
    const run = await h.invoke(scheduledEvent());
    expect(h.verdicts()).toContain(`${TRAIL} fixture-trail COMPLIANT`);
    expect(run.trailIdsAreNames).toMatch(/^fixture-trail: config:ListDiscoveredResources: AccessDeniedException/);
  });

  test('a change of the trail: the changed item\'s id', async () => {
    await account('compliant', 'orders');
    const h = await start();
    await h.invoke(changeEvent({ type: TRAIL, id: TRAIL_ARN, arn: TRAIL_ARN }));
    expect(h.verdicts()).toContain(`${TRAIL} ${TRAIL_ARN} COMPLIANT`);
  });
});

test('AWS Config\'s inventory cannot be read in a periodic run: the trail\'s earlier result under its ARN gets the new verdict, never withdrawn', async () => {
  await account('basic-read-only', 'orders');
  const h = await start({
    discoveredTrails: awsJsonError(400, 'ThrottlingException', 'Rate exceeded'),
    previous: [{ type: TRAIL, id: TRAIL_ARN }],
  });
  await h.invoke(scheduledEvent());
  expect(h.verdicts()).toEqual(expect.arrayContaining([`${TRAIL} ${TRAIL_ARN} NON_COMPLIANT`, `${TRAIL} fixture-trail NON_COMPLIANT`]));
  expect(h.verdicts().filter(v => v.includes('NOT_APPLICABLE'))).toEqual([]);
});

test('a cost-limited trail that names none of the region\'s functions: the account NON_COMPLIANT (CLT21), not "some functions are recorded"', async () => {
  await account('cost-limited', 'billing', 'payroll');
  const h = await start();
  await h.invoke(scheduledEvent());
  expect(h.evaluation(ACCOUNT, MOTO_ACCOUNT)).toEqual(expect.objectContaining({
    ComplianceType: 'NON_COMPLIANT',
    Annotation: `CLT21: the logging trails of ${MOTO_ACCOUNT}/${REGION} (fixture-trail) record invocations of named functions only, none of its 2 functions; 0 of 2 functions compliant`,
  }));
});

test('an annotation is cut within AWS Config\'s limit by characters, never inside a character outside the BMP', async () => {
  await account('cost-limited', 'orders', 'billing');
  const h = await start();
  // 'CLT21 acknowledged: ' and 220 characters, then two-unit characters: the 256th UTF-16 unit falls inside one.
  const reason = `${'Invoked by the scheduler only. '.repeat(7)}ok ${'🙂'.repeat(20)}`;
  const { environment } = synthesizedRule({ acknowledgements: [{ resource: fnArn('billing'), rule: 'CLT21', reason }] });
  await h.invoke(scheduledEvent(), { env: environment });
  const text = h.evaluation(FN, 'billing')!.Annotation;
  expect(Array.from(text)).toHaveLength(256);
  expect(text.endsWith('…')).toBe(true);
  expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
});

test('every call a run makes is allowed by the construct\'s role (the audit\'s reads in one account, and AWS Config\'s)', async () => {
  await account('compliant', 'orders');
  const h = await start({ previous: [] });
  const log = callLog();
  await h.invoke(scheduledEvent(), { onCall: log.onCall });
  const allowed = synthesizedRule().actions;
  expect(log.actions().filter(a => !allowed.has(a))).toEqual([]);
  expect(log.actions()).toEqual(expect.arrayContaining(['cloudtrail:DescribeTrails', 'lambda:ListFunctions', 'config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule', 'config:ListDiscoveredResources']));
  expect(log.calls.map(iamActionOf)).not.toContain('sts:AssumeRole');
});

test.each([
  [{ invokingEvent: 'not json', resultToken: 't' }, /not an AWS Config rule event: invokingEvent is not JSON/],
  [{ invokingEvent: '{}' }, /not an AWS Config rule event: no resultToken/],
  [{ invokingEvent: JSON.stringify({ messageType: 'ConfigurationItemChangeNotification', configurationItem: {} }), resultToken: 't' }, /without the resourceType and resourceId/],
])('fails on an event that is not AWS Config\'s (%j), before any call', async (event, message) => {
  const h = await start();
  await expect(h.invoke(event as any)).rejects.toThrow(message);
  expect(h.proxy.calls).toEqual([]);
});
