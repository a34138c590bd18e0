// Which endpoint settings make the audit treat the endpoint as an emulator's (path-style S3, an
// unparsable answer read as "not offered"): the flag, the environment and the profile, as the SDK reads them.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsClients, profileEndpointUrl } from '../../src/aws/aws-clients';

const config = (text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-config-')), 'config');
  fs.writeFileSync(file, text);
  return file;
};

test.each([
  [{ endpointUrl: 'http://127.0.0.1:5000' }, {}, true],
  [{}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }, true],
  [{}, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5000' }, true],
  [{}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, false],
  [{}, {}, false],
])('settings %j, environment %j: custom endpoint %s', (settings, env, expected) => {
  const clients = AwsClients.fromSettings({ region: 'us-east-1', ...settings, env: { AWS_CONFIG_FILE: '/nonexistent', ...env } });
  expect(clients.usesCustomEndpoint('S3')).toBe(expected);
});

test('a profile\'s endpoint_url counts, and S3 then addresses buckets by path', async () => {
  const file = config('[default]\nregion = eu-west-1\n\n[profile emulator]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:5000\n');
  expect(profileEndpointUrl('emulator', { AWS_CONFIG_FILE: file })).toBe('http://127.0.0.1:5000');
  expect(profileEndpointUrl('default', { AWS_CONFIG_FILE: file })).toBeUndefined();
  const clients = AwsClients.fromSettings({ region: 'us-east-1', profile: 'emulator', env: { AWS_CONFIG_FILE: file } });
  expect(clients.usesCustomEndpoint('S3')).toBe(true);
  expect(await clients.s3('us-east-1').config.forcePathStyle).toBe(true);
  const aws = AwsClients.fromSettings({ region: 'us-east-1', profile: 'default', env: { AWS_CONFIG_FILE: file } });
  expect(aws.s3('us-east-1').config.forcePathStyle).toBe(false);
});
