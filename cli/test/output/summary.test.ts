// The readable summary stays short on large accounts: functions with the same verdict (status,
// findings and fixes) are one group, the count first and the names compact; --format json keeps
// every function. Counts read as counts ("1 region", "reading 1 trail"). Against moto.
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

const server = useMotoServer();

const names = Array.from({ length: 25 }, (_, i) => `fn-${String(i).padStart(2, '0')}`);

beforeEach(async () => {
  const target = { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT };
  await applyTemplate(fixture('cost-limited'), target);
  await applyTemplate({ Resources: Object.fromEntries(names.map(name => [name.replace('-', ''), { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } }])) },
    { ...target, suffix: 'f' });
});

const audit = (...args: string[]) => cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', ...args]);

test('25 functions outside the trail\'s scope: one group, counted first, ten names and how many more, the finding and fix once', async () => {
  const run = await audit('--quiet');
  expect(run.stdout).toContain(`\n  25 functions of ${MOTO_ACCOUNT}/us-east-1 [outside-scope]: ${names.slice(0, 10).join(', ')}, and 15 more (--format json lists each)\n`
    + '      WARNING [CLT21] The function lies outside every Lambda-recording trail\'s scope, or its coverage cannot be decided: its invocations are outside the scope of fixture-trail\n'
    + '        fix: Record it: lambda-trail remediate --trail TRAIL --all');
  expect(run.stdout.match(/\[CLT21\]/g)).toHaveLength(1);
  expect(run.stdout.split('\n').length).toBeLessThan(15);
  expect(run.stdout).toMatch(/\n1 trail, 25 functions \(0 recorded\): 0 errors, 26 warnings, 0 acknowledged\.\n$/);
});

test('--format json keeps every function with its own findings', async () => {
  const report = (await audit('--quiet', '--format', 'json')).json();
  expect(report.functions.map((f: any) => f.arn).sort()).toEqual(names.map(name => `arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:${name}`));
  for (const fn of report.functions) expect(fn.findings.map((f: any) => f.id)).toEqual(['CLT21']);
});

test('progress counts one as one: 1 region, reading 1 trail, 25 functions', async () => {
  const run = await audit();
  // The event data stores of the account's other enabled regions are listed too (a multi-region store homed there records us-east-1).
  const others = /\(1\/1\): CloudTrail Lake event data stores of (\d+) regions outside --regions\n/.exec(run.stderr)?.[1];
  expect(Number(others)).toBeGreaterThan(1);
  expect(run.stderr).toBe([
    `lambda-trail: account ${MOTO_ACCOUNT} (1/1): 1 region`,
    `lambda-trail: account ${MOTO_ACCOUNT} (1/1) us-east-1: 25 functions`,
    `lambda-trail: account ${MOTO_ACCOUNT} (1/1): CloudTrail Lake event data stores of ${others} regions outside --regions`,
    'lambda-trail: reading 1 trail',
    '',
  ].join('\n'));
  expect(run.stdout).toMatch(/^lambda-trail audit: account 111111111111, region us-east-1\n/);
});
