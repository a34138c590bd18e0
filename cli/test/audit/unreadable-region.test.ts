// A region the audit cannot read (DescribeTrails denied there, a name that is no region) is an
// unknown: CLT0 names the region and the call, nothing is made up or counted in its place, and the
// summary says how many regions could not be read. Against moto, behind a proxy that denies the call.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyTemplate } from '../apply-template';
import { callLog, fixture } from '../helpers';
import { awsJsonError, MotoProxy } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { expectValidReport } from '../report-schema';
import { cli, ruleIds } from '../run-cli';

const server = useMotoServer();
let proxy: MotoProxy;

const DENIED = 'User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: cloudtrail:DescribeTrails';

beforeEach(async () => {
  proxy = await MotoProxy.start(server().endpoint, call => (call.service === 'cloudtrail' && call.operation === 'DescribeTrails' && call.region === 'eu-west-1'
    ? awsJsonError(400, 'AccessDeniedException', DENIED)
    : undefined));
});
afterEach(() => proxy.close());

const functions = (region: string, ...names: string[]) => applyTemplate(
  { Resources: Object.fromEntries(names.map(name => [name, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } }])) },
  { endpoint: server().endpoint, region, account: MOTO_ACCOUNT, suffix: region },
);

const audit = (...args: string[]) => cli(['audit', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1,eu-west-1', '--quiet', ...args]);

test('DescribeTrails denied in a region: CLT0 names the region and the call; no trail is made up or counted there', async () => {
  await applyTemplate(fixture('compliant'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  await functions('us-east-1', 'orders');
  await functions('eu-west-1', 'billing');
  const run = await audit('--format', 'json');
  const report = run.json();
  expectValidReport(report);
  expect(report.trails.map((t: any) => t.path)).toEqual([`arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`]);
  expect(report.summary).toEqual(expect.objectContaining({ trails: 1, functions: 2, functionsRecorded: 2, errors: 0, warnings: 1 }));
  // The multi-region trail of us-east-1 records eu-west-1's functions whatever eu-west-1's own trails are.
  expect(report.functions.map((f: any) => [f.region, f.status])).toEqual([['eu-west-1', 'recorded'], ['us-east-1', 'recorded']]);
  expect(ruleIds(report)).toEqual(['CLT0 (warning)']);
  const [unread] = report.otherFindings;
  expect(unread.path).toBe(`${MOTO_ACCOUNT}/eu-west-1`);
  expect(unread.finding.message).toContain(`account ${MOTO_ACCOUNT}, region eu-west-1: its trails could not be listed (cloudtrail:DescribeTrails: AccessDeniedException (${DENIED}))`);
  expect(run.code).toBe(0);
  expect((await audit('--strict')).code).toBe(1);
  // Acknowledged by the region's <account>/<region>, as the finding's path names it.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-unread-')), 'acknowledgements.json');
  fs.writeFileSync(file, JSON.stringify({ acknowledgements: [{ resource: `${MOTO_ACCOUNT}/eu-west-1`, rule: 'CLT0', reason: 'SCP denies eu-west-1: no workload can run there' }] }));
  const acknowledged = await audit('--strict', '--format', 'json', '--acknowledgements', file);
  expect([acknowledged.code, ruleIds(acknowledged.json())]).toEqual([0, ['CLT0 (warning) (acknowledged)']]);
});

test('the summary says which region could not be read, and a function there that no listed trail records is unknown (CLT21), not CLT20', async () => {
  await applyTemplate(fixture('single-region'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  await functions('eu-west-1', 'billing');
  const run = await audit();
  expect(run.stdout).toContain(`  function arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:billing [unknown] (the trails of account ${MOTO_ACCOUNT} in eu-west-1 could not be listed (cloudtrail:DescribeTrails: AccessDeniedException (`);
  expect(run.stdout).toMatch(new RegExp(`\\n  ${MOTO_ACCOUNT}/eu-west-1\\n {6}WARNING \\[CLT0\\] The checks could not read the trail or decide a rule: account ${MOTO_ACCOUNT}, region eu-west-1: its trails could not be listed`));
  expect(run.stdout).toMatch(/\n1 trail, 1 function \(0 recorded\): 0 errors, \d+ warnings, 0 acknowledged; 1 region could not be read in full \(111111111111\/eu-west-1\)\.\n$/);
  expect(run.stdout).not.toMatch(/CLT20|trail\/\*/);
});

test.each([
  [['--regions', 'us-east-1,eu-westt-1'], /--regions 'eu-westt-1' is not an AWS region; expected a region of an AWS partition such as us-east-1 or eu-west-1/],
  [['--region', 'us-east-11'], /--region 'us-east-11' is not an AWS region/],
  [['--regions', 'us-east-1,cn-north-1'], /--regions us-east-1 \(aws\), --regions cn-north-1 \(aws-cn\) are regions of 2 partitions; expected regions of one partition/],
])('fails when a region flag names no region of one partition (%j): exit 2 before any AWS call', async (flags, message) => {
  const log = callLog();
  const run = await cli(['audit', '--endpoint-url', proxy.endpoint, '--quiet', ...flags], { onCall: log.onCall });
  expect([run.code, run.stdout]).toEqual([2, '']);
  expect(run.stderr).toMatch(message);
  expect(log.calls).toEqual([]);
  expect(proxy.calls).toEqual([]);
});
