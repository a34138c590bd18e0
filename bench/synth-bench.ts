// Synth benchmark: a large app synthesized without checks, with LambdaTrailChecks and with cdk-nag's
// AwsSolutionsChecks, each with aws-cdk-lib's built-in CloudFormation validation on and off, then a
// growth series of app sizes, then `cdk synth` itself (the AWS CDK CLI, a fresh process per run) with and
// without the checks. Prints medians, ratios to the baseline and a Markdown summary.
//
//   TS_NODE_PROJECT=test/tsconfig.json node --expose-gc --max-old-space-size=8192 -r ts-node/register/transpile-only bench/synth-bench.ts [--quick]
//   npx ts-node --project test/tsconfig.json bench/synth-bench.ts [--quick]   (no gc between runs, default heap)
//
// Options: --quick (fewer runs, smaller sizes), --runs N, --warmup N, --sizes 500,1000, --no-growth,
// --no-main, --no-cdk-synth, --cdk-synth-functions N, --json FILE (also write the raw figures as JSON).
// The `cdk synth` part loads the compiled library (lib/): `npm run bench` compiles it first.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { App, Aspects, IAspect, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { cdkSynth, CdkSynthRun, writeCdkApp } from './cdk-synth';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks, LambdaTrailChecksPlugin } from '../src';

const ENV = { account: '111111111111', region: 'us-east-1' };
const FUNCTIONS_PER_STACK = 40;

type Checks = 'none' | 'clt' | 'plugin' | 'nag';
const CHECK_LABELS: Record<Checks, string> = {
  none: 'no checks (baseline)',
  clt: 'LambdaTrailChecks (Aspect)',
  plugin: 'LambdaTrailChecksPlugin (validation plugin)',
  nag: 'cdk-nag AwsSolutionsChecks (validation plugin)',
};

interface Options {
  readonly quick: boolean;
  readonly runs: number;
  readonly warmup: number;
  readonly mainFunctions: number;
  readonly sizes: number[];
  readonly growth: boolean;
  readonly main: boolean;
  /** Functions of the app `cdk synth` runs on; 0 for none. */
  readonly cdkSynthFunctions: number;
  readonly json?: string;
}

/** `cdk synth` with and without the checks: medians of the runs. */
interface CdkSynthSeries {
  readonly functions: number;
  readonly baseline: CdkSynthRun[];
  readonly withChecks: CdkSynthRun[];
  readonly baselineWallMs: number;
  readonly withChecksWallMs: number;
  readonly checksMs: number;
}

interface RunResult {
  /** App construction (stacks, functions, trails), ms. */
  readonly constructMs: number;
  /** app.synth(), wall-clock ms (aspects, validation plugins, templates written). */
  readonly synthMs: number;
  /** app.synth(), CPU ms of the process (user + system; less sensitive to other load on the machine). */
  readonly synthCpuMs: number;
  /** Time spent inside the checks themselves (LambdaTrailChecks.visit or the cdk-nag plugin's validate), wall ms. */
  readonly checksMs: number;
  /** The same, CPU ms. */
  readonly checksCpuMs: number;
  /** Whether synth threw because a validation plugin reported failures (cdk-nag does on this app). */
  readonly validationFailed: boolean;
  /** process RSS after synth, bytes. */
  readonly rssAfter: number;
}

interface Series {
  readonly functions: number;
  readonly checks: Checks;
  readonly validation: boolean;
  readonly runs: RunResult[];
  readonly constructMs: number;
  readonly synthMs: number;
  readonly synthCpuMs: number;
  readonly checksMs: number;
  readonly checksCpuMs: number;
  readonly peakRss: number;
  readonly validationFailed: boolean;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  /** A count given on the command line: a whole number (at least `min`), or the default. */
  const count = (flag: string, fallback: number, min = 1): number => {
    const given = value(flag);
    if (given === undefined) return fallback;
    const n = Number(given);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} '${given}' is not a whole number of at least ${min}`);
    return n;
  };
  const sizes = value('--sizes')?.split(',').map(size => {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes '${value('--sizes')}': '${size}' is not a whole number of functions; expected e.g. 500,1000`);
    return n;
  }) ?? (quick ? [200, 400] : [500, 1000, 2000, 4000]);
  return {
    quick,
    runs: count('--runs', quick ? 1 : 5),
    warmup: count('--warmup', 1, 0),
    mainFunctions: count('--functions', quick ? 200 : 2000),
    sizes,
    growth: !argv.includes('--no-growth'),
    main: !argv.includes('--no-main'),
    cdkSynthFunctions: argv.includes('--no-cdk-synth') ? 0 : count('--cdk-synth-functions', quick ? 200 : 2000),
    json: value('--json'),
  };
}

/**
 * Wraps the checks' Aspect to time what it does: its visits, and the validation it registers on the
 * app's root (where the checks judge the app, after every other Aspect).
 */
class TimedAspect implements IAspect {
  public elapsedMs = 0;
  public cpuMs = 0;
  private wrapped = false;
  constructor(private readonly inner: IAspect) {}
  public visit(node: IConstruct): void {
    const root = node.node.root.node;
    if (!this.wrapped) {
      this.wrapped = true;
      const addValidation = root.addValidation.bind(root);
      root.addValidation = validation => addValidation({ validate: () => this.time(() => validation.validate()) });
    }
    // A visit returns at once after the first (the checks run in the root's validation): timed with
    // performance.now() only, since a process.cpuUsage() call per visit (a system call, for some
    // 20,000 constructs) would cost more than the visits and be counted as the checks' time.
    const start = performance.now();
    this.inner.visit(node);
    const elapsed = performance.now() - start;
    this.elapsedMs += elapsed;
    this.cpuMs += elapsed;
  }
  private time<T>(f: () => T): T {
    const start = performance.now();
    const cpu = process.cpuUsage();
    try {
      return f();
    } finally {
      this.elapsedMs += performance.now() - start;
      this.cpuMs += cpuMs(process.cpuUsage(cpu));
    }
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

interface BuiltApp {
  readonly app: App;
  readonly outdir: string;
  readonly checksTime: () => { wall: number; cpu: number };
}

/** The app: `functions / 40` stacks of 40 functions, and a stack with a compliant and a cost-limited trail. */
function buildApp(functions: number, checks: Checks, validation: boolean): BuiltApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-bench-'));
  const app = new App({ outdir, builtinCloudFormationValidation: validation });
  const stacks = Math.ceil(functions / FUNCTIONS_PER_STACK);
  const firstOfEachStack: lambda.IFunction[] = [];
  let made = 0;
  for (let s = 0; s < stacks; s++) {
    const stack = new Stack(app, `Functions${s}`, { env: ENV });
    for (let f = 0; f < FUNCTIONS_PER_STACK && made < functions; f++, made++) {
      const fn = new lambda.Function(stack, `Fn${f}`, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(`exports.handler = async () => ({ stack: ${s}, fn: ${f} });`),
      });
      if (f === 0) firstOfEachStack.push(fn);
    }
  }
  const trails = new Stack(app, 'Trails', { env: ENV });
  new CompliantLambdaTrail(trails, 'Trail');
  new CostLimitedLambdaTrail(trails, 'CostLimitedTrail', { functions: LambdaFunctionSelection.only(firstOfEachStack) });

  let checksTime = () => ({ wall: 0, cpu: 0 });
  if (checks === 'none') {
    // the baseline
  } else if (checks === 'clt') {
    const timed = new TimedAspect(new LambdaTrailChecks());
    Aspects.of(app).add(timed);
    checksTime = () => ({ wall: timed.elapsedMs, cpu: timed.cpuMs });
  } else {
    // cdk-nag 3 is a policy validation plugin (its README: `Validations.of(app).addPlugins(...)`), as is ours.
    const plugin: IPolicyValidationPlugin = checks === 'nag' ? new AwsSolutionsChecks(app) : new LambdaTrailChecksPlugin();
    const validate = plugin.validate.bind(plugin);
    const elapsed = { wall: 0, cpu: 0 };
    (plugin as { validate: typeof validate }).validate = (context) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      try {
        return validate(context);
      } finally {
        elapsed.wall += performance.now() - start;
        elapsed.cpu += cpuMs(process.cpuUsage(cpu));
      }
    };
    Validations.of(app).addPlugins(plugin);
    checksTime = () => elapsed;
  }
  return { app, outdir, checksTime };
}

function collectGarbage(): void {
  const gc = (global as any).gc as (() => void) | undefined;
  if (gc) {
    gc();
    gc();
  }
}

function runOnce(functions: number, checks: Checks, validation: boolean): RunResult {
  collectGarbage();
  const t0 = performance.now();
  const built = buildApp(functions, checks, validation);
  const t1 = performance.now();
  let validationFailed = false;
  const quiet = silenceConsole();
  const cpu0 = process.cpuUsage();
  try {
    built.app.synth();
  } catch (e) {
    // A validation plugin that reports violations makes synth throw after writing its report;
    // the work is done, so the time counts. Anything else is a real failure.
    if (!/Validation failed/.test((e as Error).message)) throw e;
    validationFailed = true;
  } finally {
    quiet.restore();
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const rssAfter = process.memoryUsage().rss;
  fs.rmSync(built.outdir, { recursive: true, force: true });
  const inside = built.checksTime();
  return {
    constructMs: t1 - t0,
    synthMs: t2 - t1,
    synthCpuMs: cpuMs(cpu),
    checksMs: inside.wall,
    checksCpuMs: inside.cpu,
    validationFailed,
    rssAfter,
  };
}

/** Keeps the validation report (thousands of cdk-nag findings) and annotations off the bench's output. */
function silenceConsole(): { restore: () => void } {
  const saved = { error: console.error, warn: console.warn, log: console.log, exitCode: process.exitCode };
  console.error = console.warn = console.log = () => undefined;
  return {
    restore: () => {
      Object.assign(console, { error: saved.error, warn: saved.warn, log: saved.log });
      process.exitCode = saved.exitCode;
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Config {
  readonly functions: number;
  readonly checks: Checks;
  readonly validation: boolean;
}

/**
 * Measures configurations side by side: a warm-up of each, then the runs round-robin (A B C A B C ...)
 * so that changes in the machine's load during the bench spread over all of them.
 */
function measure(configs: Config[], options: Options): Series[] {
  for (let i = 0; i < options.warmup; i++) {
    for (const c of configs) runOnce(c.functions, c.checks, c.validation);
  }
  const runs: RunResult[][] = configs.map(() => []);
  for (let i = 0; i < options.runs; i++) {
    configs.forEach((c, k) => runs[k].push(runOnce(c.functions, c.checks, c.validation)));
  }
  return configs.map((c, k) => {
    const r = runs[k];
    const series: Series = {
      ...c,
      runs: r,
      constructMs: median(r.map(x => x.constructMs)),
      synthMs: median(r.map(x => x.synthMs)),
      synthCpuMs: median(r.map(x => x.synthCpuMs)),
      checksMs: median(r.map(x => x.checksMs)),
      checksCpuMs: median(r.map(x => x.checksCpuMs)),
      peakRss: Math.max(...r.map(x => x.rssAfter)),
      validationFailed: r.some(x => x.validationFailed),
    };
    log(`  ${pad(`${c.functions} functions, ${CHECK_LABELS[c.checks]}`, 64)} validation ${c.validation ? 'on ' : 'off'}`
      + `  construct ${ms(series.constructMs)}  synth ${ms(series.synthMs)} (cpu ${ms(series.synthCpuMs)}; runs ${r.map(x => Math.round(x.synthCpuMs)).join(', ')})`
      + `  checks ${ms(series.checksMs)} (cpu ${ms(series.checksCpuMs)})  rss ${mb(series.peakRss)}`
      + (series.validationFailed ? '  [validation failures reported]' : ''));
    return series;
  });
}

const ms = (v: number) => `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
const pad = (s: string, n: number) => s.padEnd(n);
const log = (s: string) => process.stdout.write(`${s}\n`);

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!(global as any).gc) log('note: global.gc is not exposed (run node with --expose-gc to collect garbage between runs)');
  log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB;`
    + ` heap limit ${mb(v8.getHeapStatistics().heap_size_limit)}; ${options.warmup} warm-up + ${options.runs} runs per configuration`);

  const mainSeries: Series[] = [];
  if (options.main) {
    log(`\n## ${options.mainFunctions} functions in ${Math.ceil(options.mainFunctions / FUNCTIONS_PER_STACK)} stacks (+ a trail stack)`);
    for (const validation of [false, true]) {
      mainSeries.push(...measure((['none', 'clt', 'plugin', 'nag'] as Checks[]).map(checks => ({ functions: options.mainFunctions, checks, validation })), options));
    }
  }

  const growth: Series[] = [];
  if (options.growth) {
    log(`\n## Growth (built-in validation off, ${FUNCTIONS_PER_STACK} functions per stack)`);
    for (const size of options.sizes) {
      growth.push(...measure((['none', 'clt'] as Checks[]).map(checks => ({ functions: size, checks, validation: false })), options));
    }
  }

  const maxRss = process.resourceUsage().maxRSS * 1024;
  log(`\npeak RSS of the process (resourceUsage().maxRSS): ${mb(maxRss)}`);

  const cdk = options.cdkSynthFunctions > 0 ? measureCdkSynth(options.cdkSynthFunctions, options) : undefined;
  log(`\n${markdown(options, mainSeries, growth, maxRss, cdk)}`);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ options, mainSeries, growth, maxRss, cdkSynth: cdk }, undefined, 2));
}

/** `cdk synth -q` of the app, a fresh process per run: a warm-up of each, then the runs round-robin. */
function measureCdkSynth(functions: number, options: Options): CdkSynthSeries {
  log(`\n## cdk synth (aws-cdk CLI, a fresh process per run), ${functions} functions, built-in validation off`);
  const dir = writeCdkApp(functions, FUNCTIONS_PER_STACK);
  for (let i = 0; i < options.warmup; i++) {
    cdkSynth(dir, false);
    cdkSynth(dir, true);
  }
  const baseline: CdkSynthRun[] = [];
  const withChecks: CdkSynthRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    baseline.push(cdkSynth(dir, false));
    withChecks.push(cdkSynth(dir, true));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const series = {
    functions,
    baseline,
    withChecks,
    baselineWallMs: median(baseline.map(r => r.wallMs)),
    withChecksWallMs: median(withChecks.map(r => r.wallMs)),
    checksMs: median(withChecks.map(r => r.checksMs)),
  };
  log(`  no checks ${ms(series.baselineWallMs)} (runs ${baseline.map(r => Math.round(r.wallMs)).join(', ')})`
    + `  checks ${ms(series.withChecksWallMs)} (runs ${withChecks.map(r => Math.round(r.wallMs)).join(', ')})`
    + `  checks' own ${ms(series.checksMs)} (runs ${withChecks.map(r => Math.round(r.checksMs)).join(', ')})`);
  return series;
}

function markdown(options: Options, mainSeries: Series[], growth: Series[], maxRss: number, cdk?: CdkSynthSeries): string {
  const lines: string[] = [];
  const ratio = (v: number, base: number) => `${(v / base).toFixed(3)} (${pct(v / base - 1)})`;
  if (mainSeries.length) {
    lines.push(`### ${options.mainFunctions} functions, ${Math.ceil(options.mainFunctions / FUNCTIONS_PER_STACK) + 1} stacks: medians of ${options.runs} runs`, '');
    lines.push('| built-in CFN validation | configuration | construct (ms) | synth wall (ms) | synth CPU (ms) | wall vs baseline | CPU vs baseline'
      + " | checks' own wall (ms) | checks' own CPU (ms) | own CPU / baseline synth CPU | RSS after synth |");
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of mainSeries) {
      const base = mainSeries.find(b => b.validation === s.validation && b.checks === 'none')!;
      const isBase = s.checks === 'none';
      lines.push(`| ${s.validation ? 'on (default)' : 'off'} | ${CHECK_LABELS[s.checks]}${s.validationFailed ? ' ¹' : ''}`
        + ` | ${s.constructMs.toFixed(0)} | ${s.synthMs.toFixed(0)} | ${s.synthCpuMs.toFixed(0)}`
        + ` | ${isBase ? '—' : ratio(s.synthMs, base.synthMs)} | ${isBase ? '—' : ratio(s.synthCpuMs, base.synthCpuMs)}`
        + ` | ${isBase ? '—' : s.checksMs.toFixed(0)} | ${isBase ? '—' : s.checksCpuMs.toFixed(0)} | ${isBase ? '—' : pct(s.checksCpuMs / base.synthCpuMs)} | ${mb(s.peakRss)} |`);
    }
    if (mainSeries.some(s => s.validationFailed)) {
      lines.push('', '¹ synth threw `Validation failed` at the end because the plugin reported violations; the time up to the throw (report written) is counted.');
    }
    lines.push('');
  }
  if (growth.length) {
    lines.push(`### Growth (built-in validation off): medians of ${options.runs} runs`, '');
    lines.push('| functions | stacks | synth wall, no checks (ms) | synth wall, checks (ms) | synth CPU, no checks (ms) | synth CPU, checks (ms)'
      + " | checks' own CPU (ms) | own CPU per function (ms) | own CPU / baseline synth CPU |");
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const size of options.sizes) {
      const base = growth.find(s => s.functions === size && s.checks === 'none');
      const withChecks = growth.find(s => s.functions === size && s.checks === 'clt');
      if (!base || !withChecks) continue;
      lines.push(`| ${size} | ${Math.ceil(size / FUNCTIONS_PER_STACK) + 1} | ${base.synthMs.toFixed(0)} | ${withChecks.synthMs.toFixed(0)}`
        + ` | ${base.synthCpuMs.toFixed(0)} | ${withChecks.synthCpuMs.toFixed(0)}`
        + ` | ${withChecks.checksCpuMs.toFixed(0)} | ${(withChecks.checksCpuMs / size).toFixed(3)} | ${pct(withChecks.checksCpuMs / base.synthCpuMs)} |`);
    }
    lines.push('');
  }
  if (cdk) {
    lines.push(`### \`cdk synth\` (aws-cdk CLI, a fresh process per run, built-in validation off): medians of ${options.runs} runs`, '');
    lines.push("| functions | cdk synth wall, no checks (ms) | cdk synth wall, checks (ms) | wall vs baseline | checks' own wall (ms) | checks' own / baseline wall |");
    lines.push('|---:|---:|---:|---:|---:|---:|');
    lines.push(`| ${cdk.functions} | ${cdk.baselineWallMs.toFixed(0)} | ${cdk.withChecksWallMs.toFixed(0)} | ${pct(cdk.withChecksWallMs / cdk.baselineWallMs - 1)}`
      + ` | ${cdk.checksMs.toFixed(0)} | ${pct(cdk.checksMs / cdk.baselineWallMs)} |`, '');
  }
  lines.push(`Peak RSS of the whole process (\`process.resourceUsage().maxRSS\`): ${mb(maxRss)}.`);
  return lines.join('\n');
}

main();
