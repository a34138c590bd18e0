// Adaptive retry with the real SDK client against a local endpoint that throttles: the call succeeds
// once the endpoint does, and a throttle that outlasts the attempts is reported, not thrown.
import * as http from 'http';
import { AddressInfo } from 'net';
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { AwsClients, DEFAULT_MAX_ATTEMPTS } from '../../src/aws/aws-clients';
import { readTrail } from '../../src/aws/trail-reader';
import { useTestCredentials } from '../moto-server';

let restore: () => void;
beforeAll(() => {
  restore = useTestCredentials();
});
afterAll(() => restore());

/** A CloudTrail endpoint that answers ThrottlingException `throttles` times, then `answer`. */
async function throttlingEndpoint(throttles: number, answer: object): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      if (requests <= throttles) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'ThrottlingException' });
        res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer));
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

/** A config value the SDK keeps either as it is or as a provider. */
async function valueOf<T>(value: T | (() => Promise<T>)): Promise<T> {
  return typeof value === 'function' ? (value as () => Promise<T>)() : value;
}

test('clients retry in adaptive mode, 8 attempts by default', async () => {
  const client = AwsClients.fromSettings({ region: 'us-east-1', env: {} }).cloudTrail('us-east-1');
  expect(await valueOf(client.config.retryMode)).toBe('adaptive');
  expect(await valueOf(client.config.maxAttempts)).toBe(DEFAULT_MAX_ATTEMPTS);
  const fromEnv = AwsClients.fromSettings({ region: 'us-east-1', env: { AWS_MAX_ATTEMPTS: '3' } }).cloudTrail('us-east-1');
  expect(await valueOf(fromEnv.config.maxAttempts)).toBe(3);
});

test('a throttled call is retried until it succeeds', async () => {
  const endpoint = await throttlingEndpoint(2, { trailList: [] });
  try {
    const clients = AwsClients.fromSettings({ region: 'us-east-1', endpointUrl: endpoint.url, maxAttempts: 4 });
    const answer = await clients.cloudTrail('us-east-1').send(new DescribeTrailsCommand({}));
    expect(answer.$metadata.attempts).toBe(3);
    expect(endpoint.requests()).toBe(3);
  } finally {
    await endpoint.close();
  }
});

test('throttling that outlasts the attempts: the trail\'s status and selectors are unknown with the reason', async () => {
  const endpoint = await throttlingEndpoint(Number.MAX_SAFE_INTEGER, {});
  try {
    const clients = AwsClients.fromSettings({ region: 'us-east-1', endpointUrl: endpoint.url, maxAttempts: 2 });
    const trail = await readTrail(clients, { TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t', HomeRegion: 'us-east-1', Name: 't' });
    expect(trail.isLogging).toEqual({ unknown: 'cloudtrail:GetTrailStatus: ThrottlingException (Rate exceeded)' });
    expect(trail.selectors).toEqual({ unknown: 'cloudtrail:GetEventSelectors: ThrottlingException (Rate exceeded)' });
    expect(endpoint.requests()).toBe(4);
  } finally {
    await endpoint.close();
  }
});
