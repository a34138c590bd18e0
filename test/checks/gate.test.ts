// The gate in process: how it fails (exception or exit code), its message, and warnings written into
// Stages that were synthesized before the checks ran. test/gate/cdk-cli.test.ts proves the same through
// the real CDK CLI.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { ENV, newApp } from './helpers';
import { buildDemoApp } from '../../examples/app';
import { CompliantLambdaTrail, LambdaTrailChecks } from '../../src';
import { gateMessage, gateVerdict, LambdaTrailChecksFailed, passMessage } from '../../src/checks/gate';
import { AppRun, howTheAppRuns, signalVerdict } from '../../src/checks/synthesis-edge';
import { descriptionOf } from '../../src/engine/finding-message';
import { Report, ReportFinding } from '../../src/engine/report-types';
import { LambdaTrailError } from '../../src/errors';
import { FindingLevel } from '../../src/rules/rule';

const finding = (id: string, level: FindingLevel): ReportFinding => ({
  id, level, title: `title of ${id}`, detail: 'what is wrong', message: `[${id}] title of ${id}: what is wrong. Fix: how to fix it`, fix: 'how to fix it', controls: [], acknowledgeWith: id,
});

/** Runs `f` with environment variables set (undefined removes one), then restores them. */
function withEnv<T>(vars: Record<string, string | undefined>, f: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map(k => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Made outside `withEnv`: an App constructed with CDK_OUTDIR set would synthesize itself when the process exits. */
const APP = new App();

const UNDER_THE_CLI = { NODE_ENV: undefined, JSII_AGENT: undefined, CDK_APP_MODE: undefined, CDK_OUTDIR: '/tmp/cdk.out' };

describe('how the gate fails', () => {
  test('under the CDK CLI (CDK_OUTDIR or CDK_CONTEXT_JSON set), through the exit code', () => {
    withEnv(UNDER_THE_CLI, () => expect(howTheAppRuns(APP)).toBe(AppRun.OWN_PROCESS));
    withEnv({ ...UNDER_THE_CLI, CDK_OUTDIR: undefined, CDK_CONTEXT_JSON: '{}' }, () => expect(howTheAppRuns(APP)).toBe(AppRun.OWN_PROCESS));
  });

  test('fails when run in process, from jsii hosts, in tests, or in aws-cdk-lib\'s in-memory mode: an exception', () => {
    withEnv({ ...UNDER_THE_CLI, CDK_OUTDIR: undefined, CDK_CONTEXT_JSON: undefined }, () => expect(howTheAppRuns(APP)).toBe(AppRun.IN_PROCESS));
    withEnv({ ...UNDER_THE_CLI, JSII_AGENT: 'Python/3.11.7' }, () => expect(howTheAppRuns(APP)).toBe(AppRun.IN_PROCESS));
    withEnv({ ...UNDER_THE_CLI, CDK_APP_MODE: 'inmemory' }, () => expect(howTheAppRuns(APP)).toBe(AppRun.IN_PROCESS));
    const inMemory = new App({ context: { '@aws-cdk/core:appMode': 'inmemory' } });
    withEnv(UNDER_THE_CLI, () => expect(howTheAppRuns(inMemory)).toBe(AppRun.IN_PROCESS));
  });

  test('a test runner\'s NODE_ENV changes nothing: an app the test runs as the CLI would (CDK_OUTDIR set) is its own process', () => {
    withEnv({ ...UNDER_THE_CLI, NODE_ENV: 'test' }, () => expect(howTheAppRuns(APP)).toBe(AppRun.OWN_PROCESS));
    withEnv({ ...UNDER_THE_CLI, NODE_ENV: 'test', CDK_OUTDIR: undefined }, () => expect(howTheAppRuns(APP)).toBe(AppRun.IN_PROCESS));
  });

  test('aws-cdk-lib\'s process mode chooses the exit code even outside the CLI', () => {
    withEnv({ ...UNDER_THE_CLI, CDK_OUTDIR: undefined, CDK_APP_MODE: 'process' }, () => expect(howTheAppRuns(APP)).toBe(AppRun.OWN_PROCESS));
  });

  test('under the CLI: the message on stderr, exit code 1, no exception', () => {
    const written: string[] = [];
    const write = process.stderr.write;
    const exitCode = process.exitCode;
    process.stderr.write = ((text: string) => written.push(text) > 0) as typeof process.stderr.write;
    try {
      withEnv(UNDER_THE_CLI, () => signalVerdict(APP, gateVerdict([{ path: 'Audit/Trail', finding: finding('CLT5', FindingLevel.ERROR) }], [])));
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCode;
      process.stderr.write = write;
    }
    expect(written.join('')).toContain("Acknowledge with 'LambdaTrailChecks::CLT5'");
  });

  test('in process: LambdaTrailChecksFailed, a LambdaTrailError with code UnacknowledgedErrors and the findings', () => {
    const errors = [{ path: 'Audit/Trail', finding: finding('CLT5', FindingLevel.ERROR) }];
    let thrown: unknown;
    try {
      signalVerdict(new App(), gateVerdict(errors, []));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(LambdaTrailChecksFailed);
    expect(LambdaTrailError.isLambdaTrailError(thrown)).toBe(true);
    expect((thrown as LambdaTrailChecksFailed).code).toBe('UnacknowledgedErrors');
    expect((thrown as LambdaTrailChecksFailed).findings).toEqual(errors);
    // Only the message: no frames of aws-cdk-lib's minified code under it.
    expect((thrown as Error).stack).toBe(`LambdaTrailChecksFailed: ${(thrown as Error).message}`);
  });

  test('no error, no failure', () => {
    expect(() => signalVerdict(new App(), gateVerdict([], [{ path: 'A', finding: finding('CLT9', FindingLevel.WARNING) }]))).not.toThrow();
  });

  test('no error under the CLI: one line on stderr with the open warnings, the unmatched acknowledgements and the report; exit code untouched', () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => (writes.push(String(chunk)), true));
    const exitCode = process.exitCode;
    try {
      const warnings = [
        { path: 'Prod/Audit/Trail', finding: finding('CLT9', FindingLevel.WARNING) },
        { path: 'Prod/Audit/Trail', finding: finding('CLT31', FindingLevel.WARNING) },
        { path: 'Prod/Other', finding: finding('CLT31', FindingLevel.WARNING) },
      ];
      withEnv(UNDER_THE_CLI, () => signalVerdict(APP, gateVerdict([], warnings, 'cdk.out/lambda-trail-checks.json')));
      withEnv({ ...UNDER_THE_CLI, CDK_OUTDIR: undefined }, () => signalVerdict(APP, gateVerdict([], warnings)));
    } finally {
      spy.mockRestore();
    }
    expect(process.exitCode).toBe(exitCode);
    expect(writes).toEqual(['LambdaTrailChecks: no unacknowledged errors, 3 open warnings (CLT9, CLT31), 2 acknowledgements matching no finding; report: cdk.out/lambda-trail-checks.json\n']);
  });
});

describe('the line the gate prints when it passes', () => {
  test('nothing open', () => {
    expect(passMessage([], 'cdk.out/lambda-trail-checks.json')).toBe('LambdaTrailChecks: no unacknowledged errors, no open warnings; report: cdk.out/lambda-trail-checks.json');
  });

  test('one warning, ids in rule order', () => {
    expect(passMessage([{ path: 'A', finding: finding('CLT21', FindingLevel.WARNING) }])).toBe('LambdaTrailChecks: no unacknowledged errors, 1 open warning (CLT21)');
    expect(passMessage(['CLT21', 'CLT3', 'CLT0'].map(id => ({ path: 'A', finding: finding(id, FindingLevel.WARNING) })))).toMatch(/\(CLT0, CLT3, CLT21\)$/);
  });
});

describe('the gate\'s message', () => {
  const message = gateMessage(
    [
      { path: 'Audit/Trail', finding: finding('CLT5', FindingLevel.ERROR) },
      { path: 'Audit/Trail', finding: finding('CLT6', FindingLevel.ERROR) },
      { path: '', finding: finding('CLT30', FindingLevel.ERROR) },
    ],
    [{ path: 'Audit/Trail', finding: finding('CLT31', FindingLevel.WARNING) }],
    'cdk.out/lambda-trail-checks.json',
  );

  test('counts the errors and names the report', () => {
    expect(message.split('\n')[0]).toBe('LambdaTrailChecks: 3 unacknowledged errors stop synthesis (report: cdk.out/lambda-trail-checks.json)');
  });

  test('lists each error once, under its construct, with its fix and the id to acknowledge it with', () => {
    expect(message).toContain([
      'Audit/Trail',
      '  [CLT5] title of CLT5: what is wrong',
      '    Fix: how to fix it',
      "    Acknowledge with 'LambdaTrailChecks::CLT5'",
      '  [CLT6] title of CLT6: what is wrong',
    ].join('\n'));
    expect(message.match(/\[CLT5\]/g)).toHaveLength(1);
    expect(message).toContain('\n(app)\n  [CLT30]');
  });

  test('one error stops synthesis; an acknowledgement\'s own finding (CLT30) has no id to acknowledge it with', () => {
    const clt30 = { ...finding('CLT30', FindingLevel.ERROR), acknowledgeWith: undefined };
    const one = gateMessage([{ path: 'Audit/Trail', finding: clt30 }]);
    expect(one.split('\n')[0]).toBe('LambdaTrailChecks: 1 unacknowledged error stops synthesis');
    expect(one).not.toContain("Acknowledge with 'LambdaTrailChecks::CLT30'");
  });

  test('a construct\'s own warning is acknowledged with its plain id, as the construct annotated it', () => {
    const text = gateMessage([{ path: 'A', finding: finding('CLT5', FindingLevel.ERROR) }], [{ path: 'A', finding: finding('CLT40', FindingLevel.WARNING) }]);
    expect(text).toContain("(acknowledge with 'CLT40')");
  });

  test('lists the open warnings, one line each', () => {
    expect(message).toContain("and 1 warning:\n  Audit/Trail: [CLT31] title of CLT31: what is wrong (acknowledge with 'LambdaTrailChecks::CLT31')");
  });

  test('prints a finding from its fields, never from its message taken apart', () => {
    const text = gateMessage([{ path: 'A', finding: { ...finding('CLT5', FindingLevel.ERROR), message: 'a message read by nothing' } }]);
    expect(text).toContain('A\n  [CLT5] title of CLT5: what is wrong\n    Fix: how to fix it\n');
    expect(text).not.toContain('a message read by nothing');
  });

  test('a detail that quotes \'. Fix: \' (an acknowledgement\'s reason) is printed whole', () => {
    const app = newApp();
    const stack = new Stack(app, 'Audit', { env: ENV });
    new CompliantLambdaTrail(stack, 'LambdaTrail');
    Validations.of(stack).acknowledge({ id: 'CLT9', reason: 'x. Fix: y' });
    Aspects.of(app).add(new LambdaTrailChecks());
    expect(() => app.synth()).toThrow("\nAudit\n  [CLT30] An acknowledgement's reason is under 10 characters: the acknowledgement of CLT9 on Audit has the reason 'x. Fix: y', under 10 characters, so it is not accepted\n    Fix: ");
  });
});

describe('what the gate prints is what it printed when it took messages apart (test/gate/cdk-cli.test.ts pins those lines)', () => {
  const takenApart = (message: string) => message.replace(/\. Fix: .*$/s, '');
  let thrown: LambdaTrailChecksFailed | undefined;
  let all: ReportFinding[] = [];
  beforeAll(() => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-demo-'));
    try {
      buildDemoApp(outdir).synth();
    } catch (e) {
      thrown = e as LambdaTrailChecksFailed;
    }
    const report: Report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
    all = [...report.trails.flatMap(t => t.findings), ...report.functions.flatMap(f => f.findings), ...report.otherFindings.map(o => o.finding)];
  });

  test('each finding\'s description is its message before the fix, as the regular expression cut it', () => {
    expect(all.length).toBeGreaterThan(5);
    for (const f of all) expect(descriptionOf(f)).toBe(takenApart(f.message));
  });

  test('the gate\'s lines for each error', () => {
    expect(thrown).toBeInstanceOf(LambdaTrailChecksFailed);
    expect(thrown!.findings.length).toBeGreaterThan(2);
    for (const { finding: f } of thrown!.findings) expect(thrown!.message).toContain(`\n  ${takenApart(f.message)}\n    Fix: ${f.fix}\n`);
  });
});

describe('warnings on stacks in Stages, which aws-cdk-lib writes before the App\'s checks run', () => {
  function stageApp(): { app: App; outdir: string } {
    const app = newApp();
    const prod = new Stage(app, 'Prod', { env: ENV });
    new CompliantLambdaTrail(new Stack(prod, 'Audit'), 'LambdaTrail', { cloudWatchLogs: false });
    Aspects.of(app).add(new LambdaTrailChecks());
    return { app, outdir: app.outdir };
  }

  test('are written into the nested assembly\'s stack metadata, as aws-cdk-lib writes annotations', () => {
    const { app, outdir } = stageApp();
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'assembly-Prod', 'manifest.json'), 'utf8'));
    const artifact = Object.values<any>(manifest.artifacts).find(a => a.displayName === 'Prod/Audit');
    const metadata = artifact.additionalMetadataFile
      ? JSON.parse(fs.readFileSync(path.join(outdir, 'assembly-Prod', artifact.additionalMetadataFile), 'utf8'))
      : artifact.metadata;
    expect(metadata['/Prod/Audit/LambdaTrail']).toContainEqual({
      type: 'aws:cdk:warning',
      data: expect.stringMatching(/^\[CLT9\] No CloudWatch Logs delivery: .* \[ack: LambdaTrailChecks::CLT9\]$/),
    });
  });

  test('and the report in the root assembly covers every stage', () => {
    const { app, outdir } = stageApp();
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
    expect(report.trails.map((t: any) => t.path)).toEqual(['Prod/Audit/LambdaTrail']);
    expect(fs.existsSync(path.join(outdir, 'assembly-Prod', 'lambda-trail-checks.json'))).toBe(false);
  });

  test('an acknowledged warning is not written', () => {
    const app = newApp();
    const trail = new CompliantLambdaTrail(new Stack(new Stage(app, 'Prod', { env: ENV }), 'Audit'), 'LambdaTrail', { cloudWatchLogs: false });
    Validations.of(trail).acknowledge({ id: 'CLT9', reason: 'A SIEM reads the log files from S3 (SEC-12)' });
    Aspects.of(app).add(new LambdaTrailChecks());
    app.synth();
    const dir = path.join(app.outdir, 'assembly-Prod');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.json')).map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(files.join('\n')).not.toContain('[CLT9]');
  });
});

test('a finding in a Stage stops synthesis of the whole app, with the stage path', () => {
  const app = newApp();
  new cloudtrail.CfnTrail(new Stack(new Stage(app, 'Prod', { env: ENV }), 'Audit'), 'Legacy', { isLogging: true, s3BucketName: 'legacy-logs' });
  Aspects.of(app).add(new LambdaTrailChecks());
  expect(() => app.synth()).toThrow(/Prod\/Audit\/Legacy\n {2}\[CLT1\]/);
});

test('one function of the library acts on the process (stderr, the exit code): signalVerdict, at the edge', () => {
  const src = path.join(__dirname, '..', '..', 'src');
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
  const acting = files(src)
    .filter(f => /process\.(stderr|stdout|exitCode|exit\()|console\./.test(fs.readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '')))
    .map(f => path.relative(src, f));
  expect(acting).toEqual([path.join('checks', 'synthesis-edge.ts')]);
  expect(fs.readFileSync(path.join(src, 'checks', 'synthesis-edge.ts'), 'utf8')).not.toMatch(/NODE_ENV/);
});
