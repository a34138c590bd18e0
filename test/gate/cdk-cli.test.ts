// The gate where users meet it: the real CDK CLI (`cdk synth`, npm aws-cdk) on small apps written to a
// temp dir, in every layout: flat, stacks in a Stage (CDK Pipelines) with the checks on the App or on
// the Stage, nested Stages, other Aspects that break or repair a trail, acknowledgements (the id the
// CLI prints, pasted back, and every spelling of it on every kind of construct), --strict, the line the
// gate prints when it passes, and the policy validation plugin. Every test runs twice: with a cdk.json
// without feature flags, and with the one `cdk init` writes for a new app (whose
// `@aws-cdk/core:annotationsInValidationReport` routes warnings through a validation report).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..');
const CDK = path.join(REPO, 'node_modules', 'aws-cdk', 'bin', 'cdk');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const matrix = require('../../compat/acknowledgements/matrix.js');

const PRELUDE = `
import { App, AspectPriority, Aspects, IAspect, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { Construct, IConstruct } from 'constructs';
import { CompliantLambdaTrail, LambdaTrailChecks, LambdaTrailChecksPlugin } from ${JSON.stringify(path.join(REPO, 'src'))};

const env = { account: '111111111111', region: 'us-east-1' };

/** A trail with no KMS key (CLT5), log file validation off (CLT6), no Lambda data events (CLT1) and no CloudWatch Logs (CLT9). */
function brokenTrail(scope: IConstruct): cloudtrail.CfnTrail {
  return new cloudtrail.CfnTrail(scope, 'Trail', {
    isLogging: true, isMultiRegionTrail: true, s3BucketName: 'legacy-logs-111111111111', enableLogFileValidation: false,
  });
}

/** A company-wide Aspect that sets log file validation on every trail. */
class SetLogFileValidation implements IAspect {
  constructor(private readonly value: boolean) {}
  public visit(node: IConstruct): void {
    if (node instanceof cloudtrail.CfnTrail) node.enableLogFileValidation = this.value;
  }
}
void AspectPriority; void Construct; void Stage; void Validations; void CompliantLambdaTrail; void LambdaTrailChecksPlugin; void SetLogFileValidation; void brokenTrail;

const app = new App();
`;

interface Synth {
  readonly status: number | null;
  /** stdout and stderr together, as a user sees them. */
  readonly output: string;
}

/** How an app's cdk.json is set up: its feature flags, and how the CLI prints the id that acknowledges a warning. */
interface AppConfig {
  readonly name: string;
  readonly context: () => Record<string, unknown>;
}

/**
 * The id the CDK CLI prints under a warning of the checks. aws-cdk-lib 2.278 with the CDK CLI 2.1149
 * prints the "Construct Annotations" report's spelling, with `::` turned into `_`, with and without
 * `@aws-cdk/core:annotationsInValidationReport` (2.276 printed `LambdaTrailChecks::CLT9`).
 */
const printedWarningId = (ruleId: string) => `Annotation::LambdaTrailChecks_${ruleId}`;

let newAppContext: Record<string, unknown> | undefined;
/** The feature flags of a new app: the cdk.json that `cdk init app --language typescript` writes (offline, with --generate-only). */
function newAppFeatureFlags(): Record<string, unknown> {
  if (!newAppContext) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-init-'));
    const init = spawnSync(process.execPath, [CDK, 'init', 'app', '--language', 'typescript', '--generate-only'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: cliEnvironment() });
    if (init.status !== 0) throw new Error(`cdk init failed: ${init.stdout}${init.stderr}`);
    newAppContext = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8')).context;
  }
  return newAppContext!;
}

const APP_CONFIGS: AppConfig[] = [
  { name: 'a cdk.json without feature flags', context: () => ({}) },
  { name: "a new app's cdk.json (cdk init's feature flags)", context: newAppFeatureFlags },
];

/** Writes an app to a fresh directory. */
function writeApp(config: AppConfig, body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-gate-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'app.ts'), `${PRELUDE}\n${body}\n`);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: true, rootDir: '/' } }));
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node -r ts-node/register/transpile-only app.ts', context: config.context() }));
  return dir;
}

/** The environment of a user's shell: jest sets NODE_ENV=test, which a user's `cdk synth` does not have; no credentials, so nothing can deploy. */
function cliEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', ...extra };
  for (const key of ['NODE_ENV', 'JEST_WORKER_ID', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[key];
  return env;
}

/** Runs the CDK CLI in the app's directory, as a user would. */
function cdk(dir: string, ...args: string[]): Synth {
  const env = cliEnvironment({ TS_NODE_PROJECT: path.join(dir, 'tsconfig.json') });
  const result = spawnSync(process.execPath, [CDK, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Writes an app to a fresh directory and runs `cdk synth <args>` there. */
function cdkSynthIn(config: AppConfig, body: string, ...args: string[]): Synth & { dir: string } {
  const dir = writeApp(config, body);
  return { ...cdk(dir, 'synth', '--no-notices', '-q', ...args), dir };
}

/** The rule ids the output names, e.g. `[CLT5]`. */
function ruleIds(output: string): string[] {
  return [...new Set([...output.matchAll(/\[(CLT\d+)\]/g)].map(m => m[1]))].sort();
}

/** The ids the output tells the user to acknowledge with. */
function acknowledgeIds(output: string): string[] {
  return [...new Set([...output.matchAll(/Acknowledge with '([^']+)'/g)].map(m => m[1]))].sort();
}

/** No line of minified aws-cdk-lib source (Node prints the throwing line above an uncaught error). */
function expectReadable(output: string): void {
  expect(output).not.toMatch(/node_modules\/aws-cdk-lib\/.*\.js:\d+\n/);
  for (const line of output.split('\n')) expect(line.length).toBeLessThan(600);
}

const ERRORS_OF_BROKEN_TRAIL = ['CLT1', 'CLT5', 'CLT6'];

describe.each(APP_CONFIGS)('with $name', config => {
  const cdkSynth = (appBody: string, ...args: string[]) => cdkSynthIn(config, appBody, ...args);

  describe('`cdk synth` with no stack selector fails on unacknowledged errors, in every layout', () => {
    test('flat app, checks on the App', () => {
      const synth = cdkSynth(`
  const stack = new Stack(app, 'Audit', { env });
  brokenTrail(stack);
  Aspects.of(app).add(new LambdaTrailChecks());
  `);
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(expect.arrayContaining(ERRORS_OF_BROKEN_TRAIL));
      expect(synth.output).toContain('Audit/Trail');
      expectReadable(synth.output);
      // Each finding once.
      expect(synth.output.match(/\[CLT5\]/g)).toHaveLength(1);
    });

    test('stacks in a Stage (CDK Pipelines), checks on the App', () => {
      const synth = cdkSynth(`
  const prod = new Stage(app, 'Prod', { env });
  brokenTrail(new Stack(prod, 'Audit'));
  Aspects.of(app).add(new LambdaTrailChecks());
  `);
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(expect.arrayContaining(ERRORS_OF_BROKEN_TRAIL));
      expect(synth.output).toContain('Prod/Audit/Trail');
      expectReadable(synth.output);
    });

    test('stacks in a Stage, checks on the Stage', () => {
      const synth = cdkSynth(`
  const prod = new Stage(app, 'Prod', { env });
  brokenTrail(new Stack(prod, 'Audit'));
  Aspects.of(prod).add(new LambdaTrailChecks());
  `);
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(expect.arrayContaining(ERRORS_OF_BROKEN_TRAIL));
      expectReadable(synth.output);
    });

    test('nested Stages', () => {
      const synth = cdkSynth(`
  const inner = new Stage(new Stage(app, 'Prod', { env }), 'Eu');
  brokenTrail(new Stack(inner, 'Audit'));
  Aspects.of(app).add(new LambdaTrailChecks());
  `);
      expect(synth.status).toBe(1);
      expect(synth.output).toContain('Prod/Eu/Audit/Trail');
      expect(ruleIds(synth.output)).toEqual(expect.arrayContaining(ERRORS_OF_BROKEN_TRAIL));
    });

    test('a compliant app passes', () => {
      const synth = cdkSynth(`
  const prod = new Stage(app, 'Prod', { env });
  new CompliantLambdaTrail(new Stack(prod, 'Audit'), 'LambdaTrail');
  Aspects.of(app).add(new LambdaTrailChecks());
  `);
      expect(synth.output).not.toMatch(/\[CLT\d+\]/);
      expect(synth.status).toBe(0);
    });
  });

  describe('an assembly the gate rejected cannot be deployed either', () => {
    test.each([
      ['flat app', "brokenTrail(new Stack(app, 'Audit', { env }));", '--all'],
      ['stacks in a Stage', "brokenTrail(new Stack(new Stage(app, 'Prod', { env }), 'Audit'));", 'Prod/**'],
    ])('%s: `cdk deploy --app cdk.out` refuses it, naming the errors', (_layout, body, selector) => {
      const dir = writeApp(config, `${body}\nAspects.of(app).add(new LambdaTrailChecks());`);
      const synth = cdk(dir, 'synth', '--no-notices', '-q');
      expect(synth.status).toBe(1);
      // Under the CLI the assembly is written even so: the errors are in it.
      expect(fs.existsSync(path.join(dir, 'cdk.out', 'manifest.json'))).toBe(true);
      const deploy = cdk(dir, 'deploy', '--app', 'cdk.out', '--no-notices', '--require-approval', 'never', selector);
      expect(deploy.status).not.toBe(0);
      expect(ruleIds(deploy.output)).toEqual(expect.arrayContaining(['CLT5']));
      expect(deploy.output).not.toMatch(/credentials/i);
    });
  });

  describe('the checks judge the app after every other Aspect', () => {
    test.each([
      ['added after the checks', 'Aspects.of(app).add(new LambdaTrailChecks());\nAspects.of(app).add(new SetLogFileValidation(false));'],
      ['added before the checks', 'Aspects.of(app).add(new SetLogFileValidation(false));\nAspects.of(app).add(new LambdaTrailChecks());'],
      ['with a later priority', 'Aspects.of(app).add(new LambdaTrailChecks());\nAspects.of(app).add(new SetLogFileValidation(false), { priority: 1000 });'],
    ])('a mutating Aspect that turns log file validation off (%s): CLT6', (_when, aspects) => {
      const synth = cdkSynth(`
  new CompliantLambdaTrail(new Stack(app, 'Audit', { env }), 'LambdaTrail');
  ${aspects}
  `);
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(['CLT6']);
    });

    test.each([
      ['added after the checks', 'Aspects.of(app).add(new LambdaTrailChecks());\nAspects.of(app).add(new SetLogFileValidation(true));'],
      ['added before the checks', 'Aspects.of(app).add(new SetLogFileValidation(true));\nAspects.of(app).add(new LambdaTrailChecks());'],
    ])('a mutating Aspect that repairs it (%s): no CLT6', (_when, aspects) => {
      const synth = cdkSynth(`
  const trail = new CompliantLambdaTrail(new Stack(app, 'Audit', { env }), 'LambdaTrail');
  trail.trail.enableLogFileValidation = false;
  ${aspects}
  `);
      expect(synth.output).not.toContain('[CLT6]');
      expect(synth.status).toBe(0);
    });
  });

  describe('acknowledgements', () => {
    const brokenApp = (acknowledge: string) => `
  const trail = new CompliantLambdaTrail(new Stack(app, 'Audit', { env }), 'LambdaTrail');
  trail.trail.enableLogFileValidation = false;
  ${acknowledge}
  Aspects.of(app).add(new LambdaTrailChecks());
  `;

    test('the id the CLI prints, pasted into Validations.acknowledge, silences the error', () => {
      const before = cdkSynth(brokenApp(''));
      expect(before.status).toBe(1);
      const printed = acknowledgeIds(before.output);
      expect(printed).toEqual(['LambdaTrailChecks::CLT6']);
      const after = cdkSynth(brokenApp(printed.map(id => `Validations.of(trail).acknowledge({ id: '${id}', reason: 'Validation is done by the log archive account (SEC-77)' });`).join('\n')));
      expect(after.output).not.toContain('[CLT6]');
      expect(after.status).toBe(0);
    });

    test('the plain id (CLT6) works too, on an ancestor', () => {
      const synth = cdkSynth(brokenApp("Validations.of(app).acknowledge({ id: 'CLT6', reason: 'Validation is done by the log archive account (SEC-77)' });"));
      expect(synth.status).toBe(0);
    });

    test('a reason under 10 characters is not accepted (CLT30) and the error stays', () => {
      const synth = cdkSynth(brokenApp("Validations.of(trail).acknowledge({ id: 'CLT6', reason: 'ok' });"));
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(['CLT30', 'CLT6']);
    });

    test('a typo (CTL6) matches no finding: CLT31 warning, and the error stays', () => {
      const synth = cdkSynth(brokenApp("Validations.of(trail).acknowledge({ id: 'CTL6', reason: 'Validation is done by the log archive account (SEC-77)' });"));
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(['CLT31', 'CLT6']);
    });
  });

  describe('warnings fail under --strict for the stacks the CLI selects', () => {
    const warningOnly = (layout: 'flat' | 'stage', acknowledge = '') => `
  const scope = ${layout === 'flat' ? "new Stack(app, 'Audit', { env })" : "new Stack(new Stage(app, 'Prod', { env }), 'Audit')"};
  const trail = new CompliantLambdaTrail(scope, 'LambdaTrail', { cloudWatchLogs: false });
  ${acknowledge}
  Aspects.of(app).add(new LambdaTrailChecks());
  `;

    test('flat app: CLT9 is a warning; --strict fails, and the printed id silences it', () => {
      expect(cdkSynth(warningOnly('flat')).status).toBe(0);
      const strict = cdkSynth(warningOnly('flat'), '--strict');
      expect(strict.status).toBe(1);
      expect(ruleIds(strict.output)).toEqual(['CLT9']);
      const printed = acknowledgeIds(strict.output);
      expect(printed).toEqual([printedWarningId('CLT9')]);
      const acknowledged = cdkSynth(warningOnly('flat', `Validations.of(trail).acknowledge({ id: '${printed[0]}', reason: 'A SIEM reads the S3 log files (SEC-12)' });`), '--strict');
      expect(acknowledged.status).toBe(0);
    });

    test('stacks in a Stage: --strict with the stage selected fails on the warning', () => {
      const strict = cdkSynth(warningOnly('stage'), 'Prod/**', '--strict');
      expect(strict.status).toBe(1);
      expect(ruleIds(strict.output)).toEqual(['CLT9']);
      expect(acknowledgeIds(strict.output)).toEqual([printedWarningId('CLT9')]);
    });
  });

  describe('the policy validation plugin', () => {
    test('reports the same findings in the validation report, with LambdaTrailChecks:: ids', () => {
      const synth = cdkSynth(`
  brokenTrail(new Stack(app, 'Audit', { env }));
  Validations.of(app).addPlugins(new LambdaTrailChecksPlugin());
  `);
      expect(synth.status).toBe(1);
      expect(ruleIds(synth.output)).toEqual(expect.arrayContaining(ERRORS_OF_BROKEN_TRAIL));
      expect(acknowledgeIds(synth.output)).toEqual(expect.arrayContaining(['LambdaTrailChecks::CLT5']));
    });
  });

  describe('every spelling of the id, on the construct with the finding, on its resource and on every kind of ancestor', () => {
    test.each(['flat', 'stage'])('%s layout: `cdk synth --strict` passes and the report shows each finding acknowledged', layout => {
      const synth = cdkSynth(matrix.appBody(layout), '--strict', matrix.selectorOf(layout));
      const report = JSON.parse(fs.readFileSync(path.join(synth.dir, 'cdk.out', 'lambda-trail-checks.json'), 'utf8'));
      const { clt9, clt31 } = matrix.findingsOf(report);
      const places = matrix.PLACES.filter((p: string) => layout === 'stage' || p !== 'stage');
      expect(Object.keys(clt9)).toHaveLength(matrix.FORMS.length * places.length);
      expect(Object.entries(clt9).filter(([, state]) => state !== 'acknowledged')).toEqual([]);
      expect(clt31).toEqual([]);
      expect(synth.output).not.toMatch(/\[CLT\d+\]/);
      expect(synth.status).toBe(0);
    });

    test.each(['flat', 'stage'])('%s layout: a mistyped id (LambdaTrailChecks_CTL9) gets CLT31 and leaves the finding open', layout => {
      const synth = cdkSynth(matrix.appBody(layout, { typo: true }), '--strict', matrix.selectorOf(layout));
      const report = JSON.parse(fs.readFileSync(path.join(synth.dir, 'cdk.out', 'lambda-trail-checks.json'), 'utf8'));
      const { clt9, clt31 } = matrix.findingsOf(report);
      expect(Object.entries(clt9).filter(([, state]) => state !== 'acknowledged').map(([p]) => p)).toEqual([`${layout === 'stage' ? 'Prod/' : ''}Typo/Trail`]);
      expect(clt31).toEqual([expect.stringContaining('LambdaTrailChecks_CTL9 on ')]);
      expect(ruleIds(synth.output)).toEqual(['CLT31', 'CLT9']);
      expect(synth.status).toBe(1);
    });
  });

  describe('when the gate passes, one line on stderr says what is open and where the report is', () => {
    test('stacks in a Stage, plain `cdk synth`: the CLI shows no warning of theirs, the line does (a mistyped acknowledgement included)', () => {
      const synth = cdkSynth(`
const trail = new CompliantLambdaTrail(new Stack(new Stage(app, 'Prod', { env }), 'Audit'), 'LambdaTrail', { cloudWatchLogs: false });
Validations.of(trail).acknowledge({ id: 'CLT6', reason: 'A typo for CLT9, which is the open finding' });
Aspects.of(app).add(new LambdaTrailChecks());
`);
      expect(synth.status).toBe(0);
      expect(synth.output).not.toMatch(/\[CLT\d+\]/);
      expect(synth.output).toContain('LambdaTrailChecks: no unacknowledged errors, 2 open warnings (CLT9, CLT31), 1 acknowledgement matching no finding; report: cdk.out/lambda-trail-checks.json');
    });

    test('a compliant app: the line says nothing is open', () => {
      const synth = cdkSynth(`
new CompliantLambdaTrail(new Stack(new Stage(app, 'Prod', { env }), 'Audit'), 'LambdaTrail');
Aspects.of(app).add(new LambdaTrailChecks());
`);
      expect(synth.status).toBe(0);
      expect(synth.output).toContain('LambdaTrailChecks: no unacknowledged errors, no open warnings; report: cdk.out/lambda-trail-checks.json');
      expect(synth.output.match(/LambdaTrailChecks: /g)).toHaveLength(1);
    });
  });
});
