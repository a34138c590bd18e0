// What a user waits for: `cdk synth` (the AWS CDK CLI, npm aws-cdk) of the benchmark's app, run as a
// user runs it, with and without the checks. Each run is a fresh process, so the checks' code runs
// for the first time, as in every real `cdk synth`. The app is JavaScript and loads the compiled
// library (lib/), so no TypeScript is compiled while it runs.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
const CDK = path.join(REPO, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const LIB = path.join(REPO, 'lib', 'index.js');

/** One `cdk synth`: its wall time, and the checks' own time inside the app (0 without them). */
export interface CdkSynthRun {
  readonly wallMs: number;
  readonly checksMs: number;
}

/** The app, as a JavaScript file: the same app as the in-process benchmark (see synth-bench.ts). */
function appSource(functions: number, functionsPerStack: number): string {
  return `
const { App, Aspects, Stack } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const fs = require('fs');
const { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } = require(${JSON.stringify(LIB)});

const env = { account: '111111111111', region: 'us-east-1' };
const app = new App({ builtinCloudFormationValidation: false });
const first = [];
let made = 0;
for (let s = 0; made < ${functions}; s++) {
  const stack = new Stack(app, 'Functions' + s, { env });
  for (let f = 0; f < ${functionsPerStack} && made < ${functions}; f++, made++) {
    const fn = new lambda.Function(stack, 'Fn' + f, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ stack: ' + s + ', fn: ' + f + ' });'),
    });
    if (f === 0) first.push(fn);
  }
}
const trails = new Stack(app, 'Trails', { env });
new CompliantLambdaTrail(trails, 'Trail');
new CostLimitedLambdaTrail(trails, 'CostLimitedTrail', { functions: LambdaFunctionSelection.only(first) });
if (process.env.BENCH_CHECKS_FILE) {
  // The checks run in a validation of the app's root: timed there.
  const addValidation = app.node.addValidation.bind(app.node);
  app.node.addValidation = validation => addValidation({
    validate: () => {
      const start = performance.now();
      try {
        return validation.validate();
      } finally {
        fs.writeFileSync(process.env.BENCH_CHECKS_FILE, String(performance.now() - start));
      }
    },
  });
  Aspects.of(app).add(new LambdaTrailChecks());
}
app.synth();
`;
}

/** Writes the app to a fresh directory (with the repository's node_modules) and returns it. */
export function writeCdkApp(functions: number, functionsPerStack: number): string {
  if (!fs.existsSync(LIB)) throw new Error(`${LIB} is missing: run \`npx projen compile\` first (the app loads the compiled library)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-cdk-synth-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'app.js'), appSource(functions, functionsPerStack));
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
  return dir;
}

/** Runs `cdk synth -q` in the app's directory, with or without the checks. */
export function cdkSynth(dir: string, checks: boolean): CdkSynthRun {
  const checksFile = path.join(dir, 'checks-ms.txt');
  fs.rmSync(checksFile, { force: true });
  fs.rmSync(path.join(dir, 'cdk.out'), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' };
  for (const key of ['NODE_ENV', 'TS_NODE_PROJECT', 'NODE_OPTIONS', 'BENCH_CHECKS_FILE']) delete env[key];
  if (checks) env.BENCH_CHECKS_FILE = checksFile;
  const start = performance.now();
  const result = spawnSync(process.execPath, [CDK, 'synth', '--no-notices', '-q'], { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`cdk synth failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const checksMs = checks ? Number(fs.readFileSync(checksFile, 'utf8')) : 0;
  if (checks && !(checksMs > 0)) throw new Error('the checks did not run in cdk synth');
  return { wallMs, checksMs };
}
