// An answer that is not the service's (moto's HTML page for CloudTrail Lake, which it lacks; an HTTP
// error without an AWS error code) is reported once, in one sentence, without the SDK's retries; an
// error the service itself answers (a 5xx with its error code) is still retried.
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { awsJsonError, MotoProxy } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

const server = useMotoServer();

async function auditThrough(answer: Parameters<typeof MotoProxy.start>[1], attempts: number, ...args: string[]) {
  const proxy = await MotoProxy.start(server().endpoint, answer);
  try {
    const run = await cli(['audit', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--quiet', ...args], {
      env: { ...process.env, AWS_MAX_ATTEMPTS: String(attempts) },
    });
    const regionsOf = (operation: string) => proxy.calls.filter(c => c.operation === operation).map(c => c.region);
    return { run, calls: (operation: string) => regionsOf(operation).length, regionsOf };
  } finally {
    await proxy.close();
  }
}

test('moto without CloudTrail Lake (HTTP 500, an HTML page): asked once in each region, and said in one sentence', async () => {
  await applyTemplate(fixture('compliant'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  // The CLI's own default of 8 attempts (the test credentials set 2).
  const { run, regionsOf } = await auditThrough(() => undefined, 8);
  // Every enabled region is asked (a multi-region store homed outside --regions records us-east-1), each once.
  const asked = regionsOf('ListEventDataStores');
  expect(asked).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1']));
  expect(new Set(asked).size).toBe(asked.length);
  const lines = run.stdout.split('\n').filter(line => line.includes('CloudTrail Lake'));
  expect(lines).toEqual([`  assumed: CloudTrail Lake is not offered in ${[...asked].sort().join(', ')} (cloudtrail:ListEventDataStores: the endpoint answered HTTP 500 `
    + 'with text/html, not an answer of the cloudtrail API): no event data store can record there.']);
  expect(run.code).toBe(0);
});

test('an HTTP 502 without an AWS error code (a proxy in the way): asked once, and the value is unknown with that reason', async () => {
  await applyTemplate(fixture('compliant'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const { run, calls } = await auditThrough(call => (call.operation === 'GetTrailStatus' ? { status: 502, body: 'Bad Gateway' } : undefined), 8, '--format', 'json');
  expect(calls('GetTrailStatus')).toBe(1);
  const clt0 = run.json().trails[0].findings.map((f: any) => f.message).join('\n');
  expect(clt0).toContain('cloudtrail:GetTrailStatus: the endpoint answered HTTP 502 without a content type, not an answer of the cloudtrail API');
});

test('an HTTP 500 the service answers with its error code is retried as before', async () => {
  await applyTemplate(fixture('compliant'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const { run, calls } = await auditThrough(call => (call.operation === 'GetTrailStatus' ? awsJsonError(500, 'InternalFailure', 'try again') : undefined), 3, '--format', 'json');
  expect(calls('GetTrailStatus')).toBe(3);
  expect(run.json().trails[0].findings.map((f: any) => f.message).join('\n')).toContain('cloudtrail:GetTrailStatus: InternalFailure (try again)');
});
