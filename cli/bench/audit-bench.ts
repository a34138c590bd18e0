// Benchmark of `lambda-trail audit` against moto: an organization of 3 accounts (the management
// account and two members reached through an assumed role), 4 regions, 2,000 functions spread over
// them, an organization trail and a cost-limited trail in a member. Prints the audit's wall time, the
// API calls it made and its peak memory (measured in a child process that runs only the audit).
// Not a test: the figures go to docs/benchmarks.md.
//
//   npm run bench:audit                 2,000 functions
//   npm run bench:audit -- --functions 200
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { applyTemplate } from '../test/apply-template';
import { fixture } from '../test/helpers';
import { createOrganization, organizationId, organizationTrailFixture } from '../test/moto-organization';
import { MOTO_DEFAULT_ACCOUNT, MotoServer, useTestCredentials } from '../test/moto-server';

const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const ROLE = 'LambdaTrailAudit';

interface Measurement {
  readonly wallMs: number;
  readonly calls: number;
  readonly callsByAction: Record<string, number>;
  readonly maxRssMb: number;
  readonly exitCode: number;
  readonly summary: Record<string, number>;
}

/**
 * The child process: the built CLI (lib/, as users run it, without the TypeScript compiler in memory)
 * runs the audit once and prints the measurement as JSON.
 */
const MEASURE = `
const { runCli } = require('./lib/run');
const { iamActionOf } = require('./lib/aws/aws-clients');
const [endpoint, regions, role] = process.argv.slice(1);
const callsByAction = {};
let stdout = '';
const started = process.hrtime.bigint();
runCli(['audit', '--endpoint-url', endpoint, '--region', 'us-east-1', '--regions', regions, '--organization', '--role-name', role, '--format', 'json', '--quiet'], {
  stdout: { write: t => (stdout += t) },
  stderr: process.stderr,
  env: process.env,
  onCall: call => { const a = iamActionOf(call); callsByAction[a] = (callsByAction[a] || 0) + 1; },
}).then(exitCode => {
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const calls = Object.values(callsByAction).reduce((a, b) => a + b, 0);
  const summary = JSON.parse(stdout).summary;
  process.stdout.write(JSON.stringify({ wallMs, calls, callsByAction, maxRssMb: process.resourceUsage().maxRSS / 1024, exitCode, summary }) + '\\n');
});
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const functionsArg = args.indexOf('--functions');
  const total = functionsArg >= 0 ? Number(args[functionsArg + 1]) : 2000;
  if (!Number.isInteger(total) || total < 12) throw new Error(`--functions ${args[functionsArg + 1]}: expected a whole number of at least 12`);

  useTestCredentials();
  const moto = await MotoServer.start({ singleAccount: false });
  try {
    const setupStarted = Date.now();
    const members = await createOrganization(moto.endpoint, 2, ROLE);
    const accounts = [{ id: MOTO_DEFAULT_ACCOUNT, credentials: undefined }, ...members];
    const organizationTrail = organizationTrailFixture(MOTO_DEFAULT_ACCOUNT, await organizationId(moto.endpoint));
    await applyTemplate(organizationTrail, { endpoint: moto.endpoint, region: 'us-east-1', account: MOTO_DEFAULT_ACCOUNT, suffix: 'org' });
    // In the region its policies name (the trail's ARN, in aws:SourceArn): elsewhere CloudTrail could not deliver for it.
    await applyTemplate(fixture('cost-limited', members[0].id), { endpoint: moto.endpoint, region: 'us-east-1', account: members[0].id, credentials: members[0].credentials, suffix: 'cl' });

    const cells = accounts.flatMap(account => REGIONS.map(region => ({ account, region })));
    let created = 0;
    for (const [i, cell] of cells.entries()) {
      const n = Math.floor(total / cells.length) + (i < total % cells.length ? 1 : 0);
      const template = {
        Resources: Object.fromEntries(Array.from({ length: n }, (_, j) => [`Fn${j}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: `bench-${cell.region}-${j}` } }])),
      };
      await applyTemplate(template, { endpoint: moto.endpoint, region: cell.region, account: cell.account.id, credentials: cell.account.credentials, suffix: `c${i}` });
      created += n;
    }
    console.log(`moto ready in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s: ${created} functions in ${REGIONS.length} regions of ${accounts.length} accounts, an organization trail and a cost-limited trail`);

    const cliDir = path.join(__dirname, '..');
    if (!fs.existsSync(path.join(cliDir, 'lib', 'run.js'))) throw new Error('the CLI is not built: run npx projen compile in cli/ first');
    const child = spawnSync(process.execPath, ['-e', MEASURE, moto.endpoint, REGIONS.join(','), ROLE], {
      cwd: cliDir,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0 && !child.stdout.trim()) throw new Error(`the audit failed (${child.status}): ${child.stderr}`);
    const m: Measurement = JSON.parse(child.stdout.trim().split('\n').pop()!);
    console.log(`audit (--organization, ${REGIONS.length} regions, --concurrency 4):`);
    console.log(`  wall time:   ${(m.wallMs / 1000).toFixed(2)} s`);
    console.log(`  API calls:   ${m.calls} (${Object.entries(m.callsByAction).sort().map(([a, n]) => `${a} ${n}`).join(', ')})`);
    console.log(`  peak memory: ${m.maxRssMb.toFixed(0)} MiB (max RSS of the process running the audit)`);
    console.log(`  report:      ${m.summary.functions} functions (${m.summary.functionsRecorded} recorded), ${m.summary.trails} trails, ${m.summary.errors} errors, ${m.summary.warnings} warnings; exit code ${m.exitCode}`);
  } finally {
    await moto.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
