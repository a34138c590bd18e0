// `lambda-trail verify` against moto's server for CloudTrail, CloudWatch Logs, S3 and STS, with CloudTrail's
// records seeded by the test (moto delivers none). moto cannot run a function without Docker, so only
// Lambda's Invoke is faked (aws-sdk-client-mock), answering with a request id as Lambda does. Found, found
// late, never found, the log group missing, access denied, the S3 log files of a trail without a log
// group, bad flags, and every call is in docs/iam/lambda-trail-verify-policy.json.
import { gzipSync } from 'zlib';
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { iamActionOf } from '../../src/aws/aws-clients';
import { callLog, verifyPolicyActions } from '../helpers';
import { awsError } from '../mocked-aws';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

const server = useMotoServer();

const REGION = 'us-east-1';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${MOTO_ACCOUNT}:function:orders`;
const LOG_GROUP = 'audit-trail-logs';
const REQUEST_ID = '7d1f2c3b-aaaa-4bbb-8ccc-0123456789ab';

const lambda = mockClient(LambdaClient);
beforeEach(() => {
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { httpStatusCode: 202, requestId: REQUEST_ID } });
});
afterAll(() => lambda.restore());

const config = () => ({ region: REGION, endpoint: server().endpoint, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });

/** A bucket and a trail `audit` delivering to the log group (created unless `logGroup` is false), or to S3 only. */
async function trail(options: { logGroup?: 'created' | 'missing' | 'none'; keyPrefix?: string } = {}) {
  const logGroup = options.logGroup ?? 'created';
  await new S3Client(config()).send(new CreateBucketCommand({ Bucket: 'audit-logs' }));
  if (logGroup === 'created') {
    const logs = new CloudWatchLogsClient(config());
    await logs.send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: LOG_GROUP, logStreamName: `${MOTO_ACCOUNT}_CloudTrail_${REGION}` }));
  }
  await new CloudTrailClient(config()).send(new CreateTrailCommand({
    Name: 'audit',
    S3BucketName: 'audit-logs',
    S3KeyPrefix: options.keyPrefix,
    IsMultiRegionTrail: true,
    ...(logGroup === 'none' ? {} : {
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${MOTO_ACCOUNT}:log-group:${LOG_GROUP}:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/CloudTrailLogs`,
    }),
  }));
}

/** CloudTrail's Invoke record of a request, as it writes one to CloudWatch Logs. */
function invokeRecord(requestId: string, functionArn = FUNCTION_ARN, eventTime = new Date()) {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'AssumedRole', accountId: MOTO_ACCOUNT, arn: `arn:aws:sts::${MOTO_ACCOUNT}:assumed-role/Operator/cli` },
    eventTime: eventTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'lambda.amazonaws.com',
    eventName: 'Invoke',
    awsRegion: REGION,
    requestParameters: { functionName: functionArn, invocationType: 'Event' },
    responseElements: null,
    additionalEventData: { functionVersion: `${functionArn}:$LATEST` },
    requestID: requestId,
    eventID: `event-of-${requestId}`,
    readOnly: false,
    resources: [{ accountId: MOTO_ACCOUNT, type: 'AWS::Lambda::Function', ARN: functionArn }],
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: MOTO_ACCOUNT,
    eventCategory: 'Data',
  };
}

async function deliver(...records: object[]) {
  await new CloudWatchLogsClient(config()).send(new PutLogEventsCommand({
    logGroupName: LOG_GROUP,
    logStreamName: `${MOTO_ACCOUNT}_CloudTrail_${REGION}`,
    logEvents: records.map(r => ({ timestamp: Date.now(), message: JSON.stringify(r) })),
  }));
}

function verifyCli(flags: string[], options: Parameters<typeof cli>[1] = {}) {
  return cli(['verify', '--endpoint-url', server().endpoint, '--region', REGION, '--trail', 'audit', '--function', 'orders', ...flags], options);
}

test('found: exit 0, the delivery time, and the invocation was the one asked for', async () => {
  await trail();
  // Records of other invocations (another request, another function) are not it.
  await deliver(invokeRecord('another-request'), invokeRecord(REQUEST_ID, `${FUNCTION_ARN}-copy`), invokeRecord(REQUEST_ID));
  const run = await verifyCli(['--format', 'json', '--quiet']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe(`lambda-trail: verify will invoke ${FUNCTION_ARN} once (asynchronously, with the event {"lambdaTrailVerify":true}), then wait up to 15 min for its Invoke record in CloudWatch Logs group ${LOG_GROUP} (${REGION})\n`);
  const outcome = run.json();
  expect(outcome).toMatchObject({
    command: 'verify',
    trail: { arn: `arn:aws:cloudtrail:${REGION}:${MOTO_ACCOUNT}:trail/audit`, homeRegion: REGION },
    function: FUNCTION_ARN,
    source: { type: 'cloudwatch-logs', logGroup: LOG_GROUP, region: REGION },
    invocation: { requestId: REQUEST_ID },
    found: true,
    record: { eventId: `event-of-${REQUEST_ID}` },
  });
  expect(outcome.record.deliverySeconds).toBeGreaterThanOrEqual(0);
  expect(lambda.commandCalls(InvokeCommand).map(c => c.args[0].input)).toEqual([{
    FunctionName: FUNCTION_ARN, InvocationType: 'Event', Payload: Buffer.from('{"lambdaTrailVerify":true}'),
  }]);
});

test('found late: it looks again until the record arrives, and prints how long it took', async () => {
  await trail();
  let looks = 0;
  const sleep = async () => {
    looks++;
    if (looks === 2) await deliver(invokeRecord(REQUEST_ID, FUNCTION_ARN, new Date(Date.now() - 90_000)));
  };
  const run = await verifyCli(['--poll-interval', '1s', '--timeout', '1m'], { sleep });
  expect(run.code).toBe(0);
  expect(looks).toBe(2);
  expect(run.stdout).toMatch(new RegExp(`^lambda-trail verify: ${FUNCTION_ARN} in trail arn:aws:cloudtrail:${REGION}:${MOTO_ACCOUNT}:trail/audit\n`
    + `  invoked at \\S+ \\(request id ${REQUEST_ID}\\)\n  FOUND: the Invoke record \\(eventTime \\S+\\) was delivered at \\S+, 9\\d s after the call; seen after waiting \\d+ s\n$`));
  expect(run.stderr).toMatch(/lambda-trail: no record yet after \d+ s; looking again in 1 s\n/);
});

test('never found: exit 1 once the timeout passes, after looking every poll interval', async () => {
  await trail();
  await deliver(invokeRecord('another-request'));
  let looks = 0;
  const run = await verifyCli(['--poll-interval', '0.1s', '--timeout', '0.5s', '--format', 'json', '--quiet'], { sleep: ms => { looks++; return new Promise(r => setTimeout(r, ms)); } });
  expect(run.code).toBe(1);
  expect(looks).toBeGreaterThanOrEqual(2);
  expect(run.json()).toMatchObject({ found: false, reason: `no Invoke record of request ${REQUEST_ID} in CloudWatch Logs group ${LOG_GROUP} (${REGION}) within 1 s` });
  expect(run.json().record).toBeUndefined();
});

test('the log group missing: exit 1 at once, and nothing is invoked (its record could not arrive)', async () => {
  await trail({ logGroup: 'missing' });
  const run = await verifyCli(['--format', 'json']);
  expect(run.code).toBe(1);
  expect(run.json().reason).toMatch(new RegExp(`^CloudWatch Logs group ${LOG_GROUP} \\(${REGION}\\) does not exist \\(logs:FilterLogEvents: ResourceNotFoundException.*\\): CloudTrail cannot deliver the trail's events there, so nothing was invoked$`));
  expect(run.json().invocation).toBeUndefined();
  expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
});

describe('access denied', () => {
  // Made in the test, not when the file loads: a mock replaces every client of its class while it lives.
  let logs: ReturnType<typeof mockClient>;
  afterEach(() => logs.restore());

  test('to the log group: exit 2, nothing invoked, the policy named', async () => {
    await trail();
    logs = mockClient(CloudWatchLogsClient);
    logs.on(FilterLogEventsCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: logs:FilterLogEvents'));
    const run = await verifyCli(['--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`lambda-trail: verify: CloudWatch Logs group ${LOG_GROUP} (${REGION}) cannot be read: logs:FilterLogEvents: AccessDeniedException (User is not authorized to perform: logs:FilterLogEvents) (docs/iam/lambda-trail-verify-policy.json lists what verify needs); nothing was invoked\n`);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});

test('the invocation refused: exit 2 with the reason (CloudTrail records only authorized invocations)', async () => {
  await trail();
  lambda.on(InvokeCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: lambda:InvokeFunction'));
  const run = await verifyCli(['--quiet']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^lambda-trail: verify will invoke .*\nlambda-trail: verify: --function arn:aws:lambda:us-east-1:111111111111:function:orders: the invocation failed \(lambda:InvokeFunction: AccessDeniedException \(not authorized to perform: lambda:InvokeFunction\)\); CloudTrail records only invocations that are authenticated and authorized\n$/);
});

test('a trail without a log group: the record is found in its S3 log files', async () => {
  await trail({ logGroup: 'none', keyPrefix: 'cloudtrail' });
  const now = new Date();
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 13);
  const s3 = new S3Client(config());
  const put = (key: string, records: object[]) => s3.send(new PutObjectCommand({ Bucket: 'audit-logs', Key: key, Body: gzipSync(JSON.stringify({ Records: records })) }));
  await put(`cloudtrail/AWSLogs/${MOTO_ACCOUNT}/CloudTrail/${REGION}/${day}/${MOTO_ACCOUNT}_CloudTrail_${REGION}_${stamp}Z_a1.json.gz`, [invokeRecord('another-request')]);
  await put(`cloudtrail/AWSLogs/${MOTO_ACCOUNT}/CloudTrail/${REGION}/${day}/${MOTO_ACCOUNT}_CloudTrail_${REGION}_${stamp}Z_b2.json.gz`, [invokeRecord(REQUEST_ID)]);
  const run = await verifyCli(['--format', 'json', '--quiet']);
  expect(run.code).toBe(0);
  expect(run.json()).toMatchObject({
    source: { type: 's3', bucket: 'audit-logs', prefix: `cloudtrail/AWSLogs/${MOTO_ACCOUNT}/CloudTrail/${REGION}/` },
    found: true,
    record: { eventId: `event-of-${REQUEST_ID}` },
  });
});

test.each([
  [['verify', '--function', 'orders'], /^lambda-trail: verify: --trail is required; expected the name or ARN of the trail/],
  [['verify', '--trail', 'audit'], /^lambda-trail: verify: --function is required; expected the name or ARN of the one function to invoke/],
  [['verify', '--trail', 'audit', '--function', 'arn:aws:s3:::bucket'], /^lambda-trail: verify: --function 'arn:aws:s3:::bucket' is not a Lambda function ARN/],
  [['verify', '--trail', 'audit', '--function', `${FUNCTION_ARN}:prod`], /is a qualified ARN; expected the function's unqualified ARN or its name/],
  [['verify', '--trail', 'audit', '--function', 'orders', '--timeout', '15'], /^lambda-trail: verify: --timeout '15' is not a duration; expected a positive number followed by s, m or h/],
  [['verify', '--trail', 'audit', '--function', 'orders', '--timeout', '25h'], /^lambda-trail: verify: --timeout 25h is longer than 24h/],
  [['verify', '--trail', 'audit', '--function', 'orders', '--format', 'sarif'], /^lambda-trail: verify: --format 'sarif' is not a format of verify; expected summary or json/],
])('bad input %j: exit 2, nothing invoked', async (argv, message) => {
  const run = await cli(argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
});

test('a trail that does not exist: exit 2, nothing invoked', async () => {
  await trail();
  const run = await cli(['verify', '--endpoint-url', server().endpoint, '--region', REGION, '--trail', 'no-such-trail', '--function', 'orders']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^lambda-trail: verify: --trail no-such-trail: no trail of this name in region us-east-1/);
  expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
});

test('every call verify makes is allowed by docs/iam/lambda-trail-verify-policy.json, and the policy allows nothing it does not need', async () => {
  const log = callLog();
  await trail();
  await deliver(invokeRecord(REQUEST_ID));
  expect((await verifyCli(['--quiet'], { onCall: log.onCall })).code).toBe(0);
  await new CloudTrailClient(config()).send(new CreateTrailCommand({ Name: 'files-only', S3BucketName: 'audit-logs' }));
  expect((await cli(['verify', '--endpoint-url', server().endpoint, '--region', REGION, '--trail', 'files-only', '--function', FUNCTION_ARN, '--timeout', '0.2s', '--poll-interval', '0.1s', '--quiet'], { onCall: log.onCall })).code).toBe(1);
  // The Invoke calls are answered by the mock, which bypasses the call log: they are counted from the mock.
  const actions = [...new Set([...log.actions(), ...lambda.commandCalls(InvokeCommand).map(() => iamActionOf({ service: 'lambda', operation: 'Invoke' }))])].sort();
  const allowed = verifyPolicyActions();
  expect(actions.filter(a => !allowed.has(a))).toEqual([]);
  // No log file was written, so none was read (s3:GetObject), and the default key of moto's bucket needs no kms:Decrypt.
  expect([...allowed].filter(a => !actions.includes(a)).sort()).toEqual(['kms:Decrypt', 's3:GetObject']);
});
