// The CDK Pipelines example (examples/pipeline-app.ts), as users run it: the CDK CLI's `cdk synth`
// selects no stack inside the Stage, yet the checks on the App judge the Stage's stacks.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildPipelineApp } from '../../examples/pipeline-app';

const REPO = path.resolve(__dirname, '..', '..');
const CDK = path.join(REPO, 'node_modules', 'aws-cdk', 'bin', 'cdk');

describe('the CDK Pipelines example', () => {
  test('in process: the Stage\'s trail is compliant and records both functions; the pipeline stack has none', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-'));
    const assembly = buildPipelineApp(outdir).synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
    expect(report.trails.map((t: any) => [t.path, t.account, t.status])).toEqual([['Prod/Audit/LambdaTrail', '222222222222', 'compliant']]);
    const trailName = report.trails[0].name;
    expect(report.functions.map((f: any) => [f.path, f.status, f.recordedBy])).toEqual([
      ['Prod/Service/PlaceOrder', 'recorded', [trailName]],
      ['Prod/Service/ShipOrder', 'recorded', [trailName]],
    ]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
    // The pipeline deploys the Stage: its stacks are in a nested assembly; at the top, the pipeline stack
    // and the support stack CDK Pipelines adds for artifacts in the Stage's region.
    expect(assembly.stacks.map(s => s.stackName).sort()).toEqual(['Pipeline', 'Pipeline-support-eu-west-1']);
    expect(assembly.getNestedAssembly('assembly-Prod').stacks.map(s => s.stackName).sort()).toEqual(['Prod-Audit', 'Prod-Service']);
  });

  test('`cdk synth` (the CDK CLI, no stack selector): exits 0 and prints the checks\' line', () => {
    const output = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', TS_NODE_PROJECT: path.join(REPO, 'test', 'tsconfig.json') };
    for (const key of ['NODE_ENV', 'JEST_WORKER_ID', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[key];
    const result = spawnSync(process.execPath, [CDK, 'synth', '--no-notices', '-q', '--output', output,
      '--app', 'node -r ts-node/register/transpile-only examples/pipeline-app.ts'], { cwd: REPO, env, encoding: 'utf8', timeout: 240_000 });
    expect(`${result.stdout}${result.stderr}`).toContain(`LambdaTrailChecks: no unacknowledged errors, no open warnings; report: ${path.relative(REPO, path.join(output, 'lambda-trail-checks.json'))}`);
    expect(result.status).toBe(0);
  });
});
