// Profiles LambdaTrailChecks on a large app: synthesizes it with the checks under the V8 CPU profiler
// (the checks run in a validation of the app root, after every Aspect, so they are profiled inside a
// real synth) and prints the checks' own time, and self and total time per function of src/ (and the
// heaviest library functions).
//
//   npx ts-node --project test/tsconfig.json bench/profile-checks.ts [functions] [repeats]
//
// With COLD=1 (and node --expose-gc), garbage is collected twice before each synth, as between the runs
// of `npm run bench`: V8 then drops the compiled code of functions not run since, so the checks run
// as in a `cdk synth` process, where their code runs for the first time.
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } from '../src';

const functions = Number(process.argv[2] ?? 2000);
const repeats = Number(process.argv[3] ?? 3);
const ENV = { account: '111111111111', region: 'us-east-1' };

function buildApp(): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'clt-prof-')), builtinCloudFormationValidation: false });
  const first: lambda.IFunction[] = [];
  for (let s = 0; s * 40 < functions; s++) {
    const stack = new Stack(app, `Functions${s}`, { env: ENV });
    for (let f = 0; f < 40 && s * 40 + f < functions; f++) {
      const fn = new lambda.Function(stack, `Fn${f}`, {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      });
      if (f === 0) first.push(fn);
    }
  }
  const trails = new Stack(app, 'Trails', { env: ENV });
  new CompliantLambdaTrail(trails, 'Trail');
  new CostLimitedLambdaTrail(trails, 'CostLimitedTrail', { functions: LambdaFunctionSelection.only(first) });
  return app;
}

const checksMs = new Map<App, number>();

/** Adds the checks to the app and times the validation they register on its root. */
function withChecks(app: App): App {
  const addValidation = app.node.addValidation.bind(app.node);
  app.node.addValidation = validation => addValidation({
    validate: () => {
      const start = performance.now();
      try {
        return validation.validate();
      } finally {
        checksMs.set(app, (checksMs.get(app) ?? 0) + performance.now() - start);
      }
    },
  });
  Aspects.of(app).add(new LambdaTrailChecks());
  return app;
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

async function main(): Promise<void> {
  const apps = Array.from({ length: repeats }, buildApp);
  // Warm-up (JIT, lazily loaded modules) outside the profile.
  withChecks(buildApp()).synth();
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const times: number[] = [];
  for (const app of apps) {
    if (process.env.COLD) { (global as any).gc(); (global as any).gc(); }
    const timed = withChecks(app);
    timed.synth();
    times.push(checksMs.get(app)!);
  }
  const { profile } = await post<{ profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } }>(session, 'Profiler.stop');
  process.stdout.write(`${functions} functions: checks took ${times.map(t => t.toFixed(0)).join(', ')} ms\n`);
  fs.writeFileSync(path.join(os.tmpdir(), 'clt-checks.cpuprofile'), JSON.stringify(profile));

  // Self time per node from samples, then total time per function (a function counted once per stack).
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  // Self time of every function (aws-cdk-lib's included) while the checks run: where their time goes.
  const selfInChecks = new Map<string, number>();
  const nearestSrc = new Map<string, number>();
  for (const [id, t] of selfMs) {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + t);
    }
    if ([...seen].some(l => l.startsWith('validate src/checks/lambda-trail-checks.ts'))) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const l = label(byId.get(cur)!);
        if (l.includes(' src/')) { nearestSrc.set(l, (nearestSrc.get(l) ?? 0) + t); break; }
      }
      selfInChecks.set(label(node), (selfInChecks.get(label(node)) ?? 0) + t);
    }
  }
  const top = (m: Map<string, number>, filter: (l: string) => boolean, n: number) =>
    [...m].filter(([l]) => filter(l)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([l, t]) => `  ${(t / repeats).toFixed(1).padStart(8)} ms  ${l}`).join('\n');
  process.stdout.write(`\nTotal time per run, functions of src/:\n${top(total, l => l.includes(' src/'), 70)}\n`);
  process.stdout.write(`\nSelf time per run inside the checks, library time charged to the nearest function of src/:\n${top(nearestSrc, () => true, 40)}\n`);
  process.stdout.write(`\nSelf time per run inside the checks, all functions:\n${top(selfInChecks, () => true, 60)}\n`);
  process.stdout.write(`\nSelf time per run, all functions:\n${top(self, () => true, 30)}\n`);
}

void main();
