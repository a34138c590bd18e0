// Benchmark of LambdaTrailConfigRule's handler against moto: one account, one region, 2,000
// functions and a trail that records them, a periodic run (ScheduledNotification) as AWS Config
// sends it, with reports on (the run's JSON report written to moto's S3). AWS Config's own calls
// (PutEvaluations, GetComplianceDetailsByConfigRule) and CloudTrail Lake's ListEventDataStores (no
// store) are answered by the tests' proxy: moto lacks them. The handler runs in a child process, the bundled asset as Lambda loads it
// (assets/config-rule-handler/index.js), so that its memory is the run's alone. Prints wall time,
// API calls by operation, peak memory and the evaluations sent, for each run.
// Not a test: the figures go to docs/benchmarks.md.
//
//   npm run bench:rule                  2,000 functions, 3 runs
//   npm run bench:rule -- --functions 200 --runs 1
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { applyTemplate } from '../test/apply-template';
import { ConfigRuleHarness, REGION, scheduledEvent } from '../test/config-rule/config-rule-harness';
import { fixture } from '../test/helpers';
import { awsJson, ProxiedCall } from '../test/moto-proxy';
import { MOTO_ACCOUNT, MotoServer, useTestCredentials } from '../test/moto-server';

const BUCKET = 'lambda-trail-rule-bench';
const PREFIX = 'lambda-trail-reports/';
const BUNDLE = path.join(__dirname, '..', '..', 'assets', 'config-rule-handler', 'index.js');

interface Measurement {
  readonly wallMs: number;
  readonly calls: number;
  readonly callsByOperation: Record<string, number>;
  readonly loadedRssMb: number;
  readonly maxRssMb: number;
  readonly peakHeapMb: number;
  readonly run: {
    readonly sent: Record<string, number>;
    readonly putEvaluationsCalls: number;
    readonly judged?: { functions: number; trails: number };
    readonly report?: string;
  };
}

/**
 * The child process: loads the bundle (as Lambda's Node.js runtime does), then runs the handler once
 * for the event with the environment LambdaTrailConfigRule sets, and prints the measurement as JSON.
 * Heap is sampled every 5 ms; max RSS is the process's (the figure Lambda reports as Max Memory Used).
 */
const MEASURE = `
const [bundle, eventJson] = process.argv.slice(1);
const { runConfigRule } = require(bundle);
const loadedRssMb = process.memoryUsage().rss / 1048576;
const callsByOperation = {};
let peakHeap = 0;
const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
const timer = setInterval(sample, 5);
const started = process.hrtime.bigint();
runConfigRule(JSON.parse(eventJson), process.env, call => {
  const op = call.service + ':' + call.operation;
  callsByOperation[op] = (callsByOperation[op] || 0) + 1;
}).then(run => {
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  sample();
  clearInterval(timer);
  const calls = Object.values(callsByOperation).reduce((a, b) => a + b, 0);
  process.stdout.write(JSON.stringify({
    wallMs, calls, callsByOperation, loadedRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 1048576, run,
  }) + '\\n');
}, error => { console.error(error); process.exit(1); });
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    const value = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} ${args[i + 1]}: expected a whole number of at least 1`);
    return value;
  };
  const total = option('--functions', 2000);
  const runs = option('--runs', 3);
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npx projen bundle:config-rule in the repository's root first`);

  useTestCredentials();
  const moto = await MotoServer.start();
  let harness: ConfigRuleHarness | undefined;
  try {
    const setupStarted = Date.now();
    const target = { endpoint: moto.endpoint, region: REGION, account: MOTO_ACCOUNT };
    await applyTemplate(fixture('compliant'), target);
    const functions = {
      Resources: Object.fromEntries(Array.from({ length: total }, (_, j) => [`Fn${j}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: `bench-${j}` } }])),
    };
    await applyTemplate(functions, { ...target, suffix: 'fn' });
    const s3 = new S3Client({ region: REGION, endpoint: moto.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    console.log(`moto ready in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s: ${total} functions and a compliant trail in ${MOTO_ACCOUNT}/${REGION}, report bucket ${BUCKET}`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node.js ${process.version}`);

    // moto lacks CloudTrail Lake and answers ListEventDataStores with HTTP 500, which the SDK retries:
    // the proxy answers as CloudTrail does in an account without event data stores.
    const noEventDataStores = (call: ProxiedCall) => (call.service === 'cloudtrail' && call.operation === 'ListEventDataStores' ? awsJson({ EventDataStores: [] }) : undefined);
    harness = await ConfigRuleHarness.start(moto.endpoint, { previous: [], deny: noEventDataStores });
    const env = {
      ...process.env,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL: harness.proxy.endpoint,
      // The construct's variables (lambda-trail-config-rule.ts, config-rule-reports.ts).
      LAMBDA_TRAIL_REPORT_BUCKET: BUCKET,
      LAMBDA_TRAIL_REPORT_PREFIX: PREFIX,
      // As Lambda's default; the tests lower it.
      AWS_MAX_ATTEMPTS: '8',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const walls: number[] = [];
    for (let i = 1; i <= runs; i++) {
      // Not spawnSync: the proxy that answers AWS Config runs in this process's event loop.
      const child = await run(process.execPath, ['-e', MEASURE, BUNDLE, JSON.stringify(scheduledEvent())], env);
      if (child.status !== 0) throw new Error(`run ${i} failed (${child.status}): ${child.stderr}`);
      const m: Measurement = JSON.parse(child.stdout.trim().split('\n').pop()!);
      const key = m.run.report?.replace(`s3://${BUCKET}/`, '');
      const size = key ? (await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ContentLength ?? 0 : 0;
      const sent = Object.values(m.run.sent).reduce((a, b) => a + b, 0);
      walls.push(m.wallMs);
      console.log(`run ${i} (ScheduledNotification, reports on):`);
      console.log(`  wall time:    ${(m.wallMs / 1000).toFixed(2)} s`);
      console.log(`  API calls:    ${m.calls} (${Object.entries(m.callsByOperation).sort().map(([a, n]) => `${a} ${n}`).join(', ')})`);
      console.log(`  peak memory:  ${m.maxRssMb.toFixed(0)} MiB max RSS (${m.loadedRssMb.toFixed(0)} MiB after loading the bundle), ${m.peakHeapMb.toFixed(0)} MiB peak heap`);
      console.log(`  evaluations:  ${sent} sent (${Object.entries(m.run.sent).map(([t, n]) => `${t} ${n}`).join(', ')}) in ${m.run.putEvaluationsCalls} PutEvaluations calls; judged ${m.run.judged?.functions} functions, ${m.run.judged?.trails} trails`);
      console.log(`  report:       ${m.run.report ?? 'none'} (${(size / 1024).toFixed(0)} KiB)`);
    }
    const sorted = [...walls].sort((a, b) => a - b);
    console.log(`median wall time of ${runs} runs: ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s`);
  } finally {
    await harness?.close();
    await moto.stop();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', status => resolve({ status, stdout, stderr }));
  });
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
