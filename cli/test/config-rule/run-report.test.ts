// LambdaTrailConfigRule's evidence: with reports on, a run writes the JSON report of what it judged
// to S3 (moto's, path-style), after its evaluations; the document is the audit's `--format json`
// and valid against docs/report.schema.json; a refused write fails the run after the evaluations went.
import * as path from 'path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
// eslint-disable-next-line import/no-extraneous-dependencies
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ConfigRuleHarness, REGION, changeEvent, scheduledEvent } from './config-rule-harness';
import { synthesizedRule } from './construct-policy';
import { reportJson } from '../../src/output/report-json';
import { applyTemplate } from '../apply-template';
import { callLog, fixture } from '../helpers';
import { ProxyAnswer } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { expectValidReport } from '../report-schema';

const server = useMotoServer();
let harness: ConfigRuleHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const BUCKET = 'lambda-trail-evidence';
const KEY = new RegExp(`^lambda-trail-reports/${MOTO_ACCOUNT}/${REGION}/\\d{8}T\\d{6}\\.\\d{3}Z-ScheduledNotification\\.json$`);

/** The function's environment as the construct synthesizes it with a bucket the user brings. */
const { environment, actions } = synthesizedRule(stack => ({ reportBucket: s3.Bucket.fromBucketName(stack, 'Evidence', BUCKET) }));

function motoS3(): S3Client {
  return new S3Client({ region: REGION, endpoint: server().endpoint, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
}

async function accountWithBucket(template: string, ...names: string[]): Promise<void> {
  await applyTemplate(fixture(template), { endpoint: server().endpoint, region: REGION, account: MOTO_ACCOUNT });
  await applyTemplate(
    { Resources: Object.fromEntries(names.map((name, i) => [`Fn${i}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } }])) },
    { endpoint: server().endpoint, region: REGION, account: MOTO_ACCOUNT, suffix: 'fn' },
  );
  await motoS3().send(new CreateBucketCommand({ Bucket: BUCKET }));
}

async function reportKeys(): Promise<string[]> {
  const listed = await motoS3().send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map(o => o.Key!);
}

async function reportText(key: string): Promise<string> {
  const object = await motoS3().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  expect(object.ContentType).toBe('application/json');
  return object.Body!.transformToString();
}

const S3_ACCESS_DENIED: ProxyAnswer = {
  status: 403,
  headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'proxy-request' },
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>proxy-request</RequestId></Error>',
};

test('the construct names the bucket and the default prefix in the function\'s environment', () => {
  expect(environment).toEqual({ LAMBDA_TRAIL_REPORT_BUCKET: BUCKET, LAMBDA_TRAIL_REPORT_PREFIX: 'lambda-trail-reports/' });
});

test('a periodic run writes its report, after its evaluations, under <prefix><account>/<region>/<time>-<messageType>.json; valid against docs/report.schema.json', async () => {
  await accountWithBucket('cost-limited', 'orders', 'billing');
  harness = await ConfigRuleHarness.start(server().endpoint);
  const run = await harness.invoke(scheduledEvent(), { env: environment });

  const keys = await reportKeys();
  expect(keys).toEqual([expect.stringMatching(KEY)]);
  expect(run.report).toBe(`s3://${BUCKET}/${keys[0]}`);
  const text = await reportText(keys[0]);
  const report = JSON.parse(text);
  expectValidReport(report);
  // Serialized as `lambda-trail audit --format json` prints it.
  expect(text).toBe(reportJson(report));
  expect(report.tool.frontEnd).toBe('LambdaTrailConfigRule');
  const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${MOTO_ACCOUNT}:function:${name}`;
  expect(report.functions.map((f: any) => [f.arn, f.status])).toEqual(expect.arrayContaining([[fnArn('billing'), 'outside-scope'], [fnArn('orders'), 'recorded']]));

  // The write comes after every PutEvaluations call.
  const order = harness.proxy.calls.map(c => (c.service === 's3' && c.method === 'PUT' ? 'report' : c.operation)).filter(o => o === 'report' || o === 'PutEvaluations');
  expect(order).toEqual(['PutEvaluations', 'report']);
});

test('fails when S3 refuses the write: the evaluations were sent first, and the error says so', async () => {
  await accountWithBucket('compliant', 'orders');
  harness = await ConfigRuleHarness.start(server().endpoint, { deny: call => (call.service === 's3' && call.method === 'PUT' ? S3_ACCESS_DENIED : undefined) });
  await expect(harness.invoke(scheduledEvent(), { env: environment })).rejects.toThrow(
    new RegExp(`^s3:PutObject: AccessDenied \\(Access Denied\\): the run's report was not written to s3://${BUCKET}/lambda-trail-reports/${MOTO_ACCOUNT}/${REGION}/\\d{8}T\\d{6}\\.\\d{3}Z-ScheduledNotification\\.json; the evaluations were sent \\(3 in 1 PutEvaluations calls\\)$`),
  );
  expect(harness.verdicts()).toHaveLength(3);
  expect(await reportKeys()).toEqual([]);
});

test('without the construct\'s variables (reports off) nothing is written', async () => {
  await accountWithBucket('compliant', 'orders');
  harness = await ConfigRuleHarness.start(server().endpoint);
  const run = await harness.invoke(scheduledEvent());
  expect(run.report).toBeUndefined();
  expect(harness.proxy.calls.filter(c => c.service === 's3' && c.method === 'PUT')).toEqual([]);
  expect(await reportKeys()).toEqual([]);
});

test('a change of a function writes the report of that run too; a deleted function, judged without reading, writes none', async () => {
  await accountWithBucket('compliant', 'orders');
  harness = await ConfigRuleHarness.start(server().endpoint);
  const fnArn = `arn:aws:lambda:${REGION}:${MOTO_ACCOUNT}:function:orders`;
  await harness.invoke(changeEvent({ type: 'AWS::Lambda::Function', id: 'orders', arn: fnArn }), { env: environment });
  await harness.invoke(changeEvent({ type: 'AWS::Lambda::Function', id: 'gone', arn: fnArn, status: 'ResourceDeleted' }), { env: environment });
  expect(await reportKeys()).toEqual([expect.stringMatching(/-ConfigurationItemChangeNotification\.json$/)]);
});

test('every call of a run with reports is allowed by the construct\'s role: s3:PutObject among them', async () => {
  await accountWithBucket('compliant', 'orders');
  harness = await ConfigRuleHarness.start(server().endpoint, { previous: [] });
  const log = callLog();
  await harness.invoke(scheduledEvent(), { env: environment, onCall: log.onCall });
  expect(log.actions()).toContain('s3:PutObject');
  expect(log.actions().filter(a => !actions.has(a))).toEqual([]);
});

test('the bundled asset (assets/config-rule-handler/index.js) writes the report too', async () => {
  await accountWithBucket('compliant', 'orders');
  harness = await ConfigRuleHarness.start(server().endpoint);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundled = require(path.join(__dirname, '..', '..', '..', 'assets', 'config-rule-handler', 'index.js'));
  const run = await harness.invoke(scheduledEvent(), { env: environment, entry: bundled.handler });
  const keys = await reportKeys();
  expect(keys).toEqual([expect.stringMatching(KEY)]);
  expect(run.report).toBe(`s3://${BUCKET}/${keys[0]}`);
  expectValidReport(JSON.parse(await reportText(keys[0])));
});
