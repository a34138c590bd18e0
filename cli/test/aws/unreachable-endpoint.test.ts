// An endpoint nobody answers on: the command says which one it could not reach and how it failed,
// not advice about credentials, and names itself (audit, remediate). The built bin, as users run it.
import * as net from 'net';
import { expectBuiltBin, runBin, userEnv } from '../run-bin';

beforeAll(() => expectBuiltBin());

/** A loopback port that was free a moment ago, so that connecting to it is refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const expected = (command: string, url: string, setBy: string) => `lambda-trail: ${command}: cannot reach ${url} (${setBy}): sts:GetCallerIdentity: connection refused `
  + `(connect ECONNREFUSED ${url.slice('http://'.length)}). Nothing was read or changed; expected an endpoint that answers (check the URL, the network or a proxy).\n`;

test.each([
  ['audit', []],
  ['remediate', ['--trail', 'org-audit']],
])('fails when --endpoint-url refuses connections: %s says so and names the URL (exit 2)', async (command, flags) => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const run = runBin([command, ...flags, '--endpoint-url', url, '--region', 'us-east-1', '--quiet']);
  expect([run.code, run.stdout, run.stderr]).toEqual([2, '', expected(command, url, '--endpoint-url')]);
});

test('fails when AWS_ENDPOINT_URL refuses connections: the variable is named', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const run = runBin(['audit', '--region', 'us-east-1', '--quiet'], userEnv({ AWS_ENDPOINT_URL: url }));
  expect([run.code, run.stderr]).toEqual([2, expected('audit', url, 'AWS_ENDPOINT_URL')]);
});
