// CloudTrail Lake event data stores in a live audit, against moto behind a proxy that answers for
// CloudTrail Lake (which moto lacks). A store is listed only in its home region, with no copy in the
// regions it records: a multi-region store homed outside --regions still records the audited regions,
// so the audit lists the stores of the account's other enabled regions too, and what it cannot list
// there is unknown, never "not recorded". A store whose ingestion is stopped records nothing.
import { applyTemplate } from '../apply-template';
import { callLog } from '../helpers';
import { awsJson, awsJsonError, MotoProxy, ProxiedCall, ProxyAnswer } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { expectValidReport } from '../report-schema';
import { cli, ruleIds } from '../run-cli';

const server = useMotoServer();

const HOME = 'eu-west-1';
const STORE = `arn:aws:cloudtrail:${HOME}:${MOTO_ACCOUNT}:eventdatastore/lake-0001`;
const LAMBDA_SELECTORS = [{
  Name: 'Lambda data events',
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }],
}];

/** A store of the account homed in eu-west-1, as GetEventDataStore describes it. */
const store = (details: Record<string, unknown> = {}) => ({
  EventDataStoreArn: STORE,
  Name: 'lake',
  Status: 'ENABLED',
  MultiRegionEnabled: true,
  OrganizationEnabled: false,
  AdvancedEventSelectors: LAMBDA_SELECTORS,
  ...details,
});

/** CloudTrail Lake as the proxy answers it: the store in its home region only; `listing` overrides a region's answer. */
function lake(details: Record<string, unknown>, listing: (region: string) => ProxyAnswer | undefined = () => undefined) {
  return (call: ProxiedCall): ProxyAnswer | undefined => {
    if (call.service !== 'cloudtrail') return undefined;
    if (call.operation === 'ListEventDataStores') {
      return listing(call.region) ?? awsJson({ EventDataStores: call.region === HOME ? [{ EventDataStoreArn: STORE, Name: 'lake' }] : [] });
    }
    if (call.operation === 'GetEventDataStore') {
      return JSON.parse(call.body).EventDataStore === STORE && call.region === HOME
        ? awsJson(store(details))
        : awsJsonError(400, 'EventDataStoreNotFoundException', 'The specified event data store was not found.');
    }
    return undefined;
  };
}

let proxy: MotoProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** `lambda-trail audit --regions us-east-1` of an account with the function `orders` in us-east-1 and no trail, through the proxy. */
async function audit(answer: (call: ProxiedCall) => ProxyAnswer | undefined, ...args: string[]) {
  await applyTemplate({ Resources: { Orders: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } } } },
    { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  proxy = await MotoProxy.start(server().endpoint, answer);
  const log = callLog();
  const run = await cli(['audit', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--quiet', ...args], { onCall: log.onCall });
  return { run, log };
}

test('a multi-region store homed outside --regions records the audited region: it is read in its home region and the function is recorded by it', async () => {
  const { run } = await audit(lake({}), '--format', 'json');
  const report = run.json();
  expectValidReport(report);
  expect(report.functions.map((f: any) => [f.arn, f.status, f.recordedBy])).toEqual([[`arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:orders`, 'recorded', ['lake']]]);
  expect(report.trails.map((t: any) => [t.kind, t.path, t.region, t.lambdaScope])).toEqual([['event-data-store', STORE, HOME, 'every function']]);
  expect(ruleIds(report)).toEqual([]);
  // Every enabled region of the account was asked for its stores, once; GetEventDataStore only where one is homed.
  const listed = proxy!.calls.filter(c => c.operation === 'ListEventDataStores').map(c => c.region);
  expect(listed).toEqual(expect.arrayContaining(['us-east-1', HOME, 'ap-southeast-2']));
  expect(new Set(listed).size).toBe(listed.length);
  // Only regions of the audit's partition (moto lists aws-cn and aws-us-gov regions too): an aws account's store is homed in one of them.
  expect(listed.filter(region => /^(cn|us-gov)-/.test(region))).toEqual([]);
  expect(proxy!.calls.filter(c => c.operation === 'GetEventDataStore').map(c => c.region)).toEqual([HOME]);
  expect(run.code).toBe(0);
});

test('a single-region store homed outside --regions records only its own region: the function is not recorded (CLT20), and the store is not judged', async () => {
  const { run } = await audit(lake({ MultiRegionEnabled: false }), '--format', 'json');
  const report = run.json();
  expect(report.functions.map((f: any) => [f.status, f.findings.map((x: any) => x.id)])).toEqual([['not-recorded', ['CLT20']]]);
  expect(report.trails).toEqual([]);
});

test.each(['STOPPED_INGESTION', 'PENDING_DELETION'])('a store whose Status is %s records nothing, as a trail that is not logging: CLT20, and its scope says so', async status => {
  const report = (await audit(lake({ Status: status }), '--format', 'json')).run.json();
  expect(report.functions.map((f: any) => [f.status, f.recordedBy, f.findings.map((x: any) => x.id)])).toEqual([['not-recorded', [], ['CLT20']]]);
  // Read in its home region outside --regions, and judged as what it is: a store that records nothing.
  expect(report.trails.map((t: any) => [t.kind, t.path, t.lambdaScope])).toEqual([
    ['event-data-store', STORE, 'nothing: it ingests no events (IngestionEnabled false, or ingestion stopped)'],
  ]);
});

test.each(['STARTING_INGESTION', 'STOPPING_INGESTION'])('a store whose Status is %s may be recording: the function is unknown (CLT21), never CLT20', async status => {
  const report = (await audit(lake({ Status: status }), '--format', 'json')).run.json();
  const [fn] = report.functions;
  expect([fn.status, fn.findings.map((x: any) => x.id)]).toEqual(['unknown', ['CLT21']]);
  expect(fn.unknownBecause).toContain(`cloudtrail:GetEventDataStore: its Status is ${status}`);
});

test('the stores of a region outside --regions cannot be listed (AccessDenied): unknown, never "not recorded"; CLT0 names the region and the call', async () => {
  const denied = awsJsonError(400, 'AccessDeniedException', 'User is not authorized to perform: cloudtrail:ListEventDataStores');
  const { run } = await audit(lake({ MultiRegionEnabled: false }, region => (region === 'eu-central-1' ? denied : undefined)));
  expect(run.stdout).toContain(`  function arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:orders [unknown] (the event data stores of account ${MOTO_ACCOUNT} in eu-central-1 could not be listed (cloudtrail:ListEventDataStores: AccessDeniedException (`);
  expect(run.stdout).toMatch(new RegExp(`\\n  ${MOTO_ACCOUNT}/eu-central-1\\n {6}WARNING \\[CLT0\\] .*account ${MOTO_ACCOUNT}, region eu-central-1: its CloudTrail Lake event data stores could not be listed \\(cloudtrail:ListEventDataStores: AccessDeniedException`));
  expect(run.stdout).toMatch(/; 1 region could not be read in full \(111111111111\/eu-central-1\)\.\n$/);
  expect(run.stdout).not.toContain('CLT20');
});

test('the account\'s regions cannot be listed (ec2:DescribeRegions denied) with --regions: stores homed elsewhere are unknown, with a CLT0 on the regions outside --regions', async () => {
  const denyRegions = (call: ProxiedCall) => (call.service === 'ec2' ? { status: 403, headers: { 'content-type': 'text/xml' }, body: '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>not authorized</Message></Error></Errors></Response>' } : lake({})(call));
  const { run } = await audit(denyRegions, '--format', 'json');
  const report = run.json();
  expectValidReport(report);
  expect(report.functions.map((f: any) => [f.status, f.findings.map((x: any) => x.id)])).toEqual([['unknown', ['CLT21']]]);
  expect(report.otherFindings.map((o: any) => [o.path, o.finding.id])).toEqual([[`${MOTO_ACCOUNT}/regions outside --regions`, 'CLT0']]);
  expect(report.otherFindings[0].finding.message).toMatch(/its CloudTrail Lake event data stores could not be listed \(ec2:DescribeRegions: UnauthorizedOperation/);
});
