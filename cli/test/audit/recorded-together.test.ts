// Coverage in a live account is a union across its logging trails, condition by condition: trails
// whose selectors split the callers, or split read and write management events, record together what
// one trail with all their selectors would. Against moto.
import { CloudTrailClient, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { expectValidReport } from '../report-schema';
import { cli, ruleIds } from '../run-cli';

const server = useMotoServer();

const audit = (...args: string[]) => cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--quiet', ...args]);
const trailArn = (name: string) => `arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/${name}`;

test('two trails whose Lambda selectors split the callers record every invocation together: the function is recorded by both (no CLT21)', async () => {
  await applyTemplate(fixture('callers-split-across-trails'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const run = await audit('--format', 'json');
  const report = run.json();
  expectValidReport(report);
  expect(report.functions.map((f: any) => [f.arn, f.status, f.recordedBy])).toEqual([
    [`arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:orders`, 'recorded', ['fixture-trail', 'other-callers-trail']],
  ]);
  // Each trail's own scope is limited (CLT3, a warning), and says that the other records the rest.
  expect(ruleIds(report)).toEqual(['CLT3 (warning)', 'CLT3 (warning)']);
  for (const trail of report.trails) expect(trail.findings[0].message).toMatch(/; the other logging trails of its accounts and regions record the rest/);
  expect(run.code).toBe(0);
});

test('when one of them stops logging, the other records only its callers: CLT21 on the function, CLT7 on the stopped trail', async () => {
  await applyTemplate(fixture('callers-split-across-trails'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  await new CloudTrailClient({ region: 'us-east-1', endpoint: server().endpoint }).send(new StopLoggingCommand({ Name: 'other-callers-trail' }));
  const report = (await audit('--format', 'json')).json();
  expect(report.functions.map((f: any) => [f.status, f.findings.map((x: any) => x.id)])).toEqual([['outside-scope', ['CLT21']]]);
  expect(report.trails.map((t: any) => [t.path, t.findings.map((x: any) => x.id)])).toEqual([
    [trailArn('fixture-trail'), ['CLT3']],
    [trailArn('other-callers-trail'), ['CLT3', 'CLT7']],
  ]);
  expect(report.trails[0].findings[0].message).toMatch(/; the invocations these conditions exclude are dropped/);
});

test('a trail of read-only management events and one of write events record every management event together: no CLT4, and remediate adds none', async () => {
  await applyTemplate(fixture('management-split-across-trails'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const run = await audit('--format', 'json');
  expect(ruleIds(run.json())).toEqual([]);
  const plan = await cli(['remediate', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--trail', 'write-events-trail', '--quiet']);
  expect(plan.stdout).toMatch(/the other logging trails of its account and regions record them, alone or together with its own selectors \(the audit raises no CLT4\), so none are added here/);
});
