// The built `lambda-trail` bin as users run it: a subprocess with its own environment, its exit
// codes, stdout and stderr; against moto with --endpoint-url and with AWS_ENDPOINT_URL.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyTemplate } from './apply-template';
import { fixture, FIXTURES } from './helpers';
import { MOTO_ACCOUNT, MotoServer } from './moto-server';
import { expectBuiltBin, runBin as run, userEnv } from './run-bin';

beforeAll(expectBuiltBin);

test('check: exit 1 on errors, the summary on stdout, nothing on stderr', () => {
  const result = run(['check', path.join(FIXTURES, 'no-kms.json')]);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/ERROR \[CLT5\] Logs are not encrypted with KMS/);
  expect(result.stderr).toBe('');
});

test('check --format json: exit 0 and the report', () => {
  const result = run(['check', path.join(FIXTURES, 'compliant.json'), '--format', 'json']);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout).summary).toEqual(expect.objectContaining({ trails: 1, errors: 0 }));
});

test('a bad flag: exit 2 and the message on stderr', () => {
  const result = run(['check', '--format', 'html', path.join(FIXTURES, 'compliant.json')]);
  expect(result).toEqual({ code: 2, stdout: '', stderr: "lambda-trail: --format 'html' is not a format; expected one of summary, json, sarif\n" });
});

test('no command: exit 2, the usage on stderr; --help and help: exit 0, the usage on stdout', () => {
  const none = run([]);
  expect([none.code, none.stdout]).toEqual([2, '']);
  expect(none.stderr).toMatch(/^lambda-trail: no command given; expected check, audit, remediate or verify\n\nUsage: lambda-trail <command> \[flags\]\n/);
  for (const args of [['--help'], ['help']]) {
    const help = run(args);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: lambda-trail <command> \[flags\]\n/);
  }
});

test('audit without credentials: exit 2 naming what is expected', () => {
  const env = userEnv({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  const result = run(['audit', '--region', 'us-east-1', '--quiet'], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^lambda-trail: audit: cannot start: sts:GetCallerIdentity: CredentialsProviderError .*Expected AWS credentials from --profile, the environment or the shared config files/);
});

describe('against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await MotoServer.start();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => {
    await moto.reset();
    await applyTemplate(fixture('no-log-file-validation'), {
      endpoint: moto.endpoint, region: 'us-east-1', account: MOTO_ACCOUNT, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
  });

  test('--endpoint-url: exit 1 on the trail\'s error, progress on stderr', () => {
    const result = run(['audit', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1,eu-west-1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`trail arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail \\(${MOTO_ACCOUNT}/us-east-1\\) \\[non-compliant\\]`));
    expect(result.stdout).toMatch(/ERROR \[CLT6\]/);
    expect(result.stderr).toMatch(new RegExp(`lambda-trail: account ${MOTO_ACCOUNT} \\(1/1\\): 2 regions`));
    expect(result.stderr).toMatch(new RegExp(`lambda-trail: account ${MOTO_ACCOUNT} \\(1/1\\) eu-west-1: 0 functions`));
  });

  test('stderr holds only the CLI\'s progress: nothing of the AWS SDK\'s notices unless the user asks for them', () => {
    // A user's environment: none of the developer's AWS_* settings (userEnv), nor Node.js's switches that hide warnings.
    const env = userEnv();
    delete env.NODE_NO_WARNINGS;
    delete env.NODE_OPTIONS;
    const result = run(['audit', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1,eu-west-1'], env);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter(line => line !== '');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.filter(line => !line.startsWith('lambda-trail: '))).toEqual([]);
  });

  // The SDK's notice that it will need a newer Node.js: on Node.js 20 it is there when the user sets its
  // variable to anything but "true", as the SDK documents.
  (Number(process.versions.node.split('.')[0]) < 22 ? test : test.skip)('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false shows the SDK\'s notice', () => {
    const env = userEnv({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' });
    delete env.NODE_NO_WARNINGS;
    delete env.NODE_OPTIONS;
    const result = run(['audit', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--quiet'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NodeVersionSupportWarning: The AWS SDK for JavaScript \(v3\)/);
  });

  test('AWS_ENDPOINT_URL and AWS_REGION from the environment, as the AWS CLI reads them; --quiet leaves stderr empty', () => {
    const result = run(['audit', '--regions', 'us-east-1', '--quiet', '--format', 'json'], userEnv({ AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.tool.frontEnd).toBe('lambda-trail audit');
    expect(report.trails.map((t: any) => [t.path, t.findings.map((f: any) => f.id)])).toEqual([[`arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`, ['CLT6']]]);
  });

  test('--profile: credentials and region from the shared config files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-profile-'));
    fs.writeFileSync(path.join(dir, 'credentials'), '[auditor]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
    fs.writeFileSync(path.join(dir, 'config'), `[profile auditor]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n`);
    const env = userEnv({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') });
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const result = run(['audit', '--profile', 'auditor', '--regions', 'us-east-1', '--quiet', '--format', 'json'], env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).trails.map((t: any) => t.path)).toEqual([`arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`]);
    expect(result.code).toBe(1);
    const unknown = run(['audit', '--profile', 'nobody', '--regions', 'us-east-1', '--quiet'], env);
    expect(unknown.code).toBe(2);
    // `--profile=NAME`, which the flag parser accepts too, reads the profile's endpoint_url as well.
    const joined = run(['audit', '--profile=auditor', '--regions', 'us-east-1', '--quiet', '--format', 'json'], env);
    expect([joined.code, joined.stderr]).toEqual([1, '']);
    expect(JSON.parse(joined.stdout).trails.map((t: any) => t.path)).toEqual([`arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`]);
  });

  test('without a region anywhere: exit 2 naming where to give one', () => {
    const result = run(['audit', '--quiet'], userEnv({ AWS_ENDPOINT_URL: moto.endpoint }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^lambda-trail: no region: pass --region, set AWS_REGION, or give the profile a region/);
  });
});

test('a defect of the checks (a rule that throws): exit 3, "unexpected error" naming the trail and the cause on stderr, no report', () => {
  // The bin as users run it, with a rule made to throw by a module preloaded into its process.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-defect-'));
  const preload = path.join(dir, 'throwing-rule.js');
  fs.writeFileSync(preload, [
    `const { RULES } = require(require.resolve('cdk-compliant-lambda-trail/engine', { paths: [${JSON.stringify(path.join(__dirname, '..'))}] }));`,
    "RULES.find(r => r.appliesTo === 'trail').check = () => { throw new TypeError(\"Cannot read properties of undefined (reading 'map')\"); };",
  ].join('\n'));
  const result = run(['check', path.join(FIXTURES, 'compliant.json')], userEnv({ NODE_OPTIONS: `--require ${preload}` }));
  expect(result.code).toBe(3);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^lambda-trail: unexpected error: JudgingStopped: the checks stopped while judging trail \S+ \([^)]+\): TypeError: Cannot read properties of undefined \(reading 'map'\)\. This is a defect of the checks, not a finding/);
});
