// The layers of the library and of the CLI, bottom first: a module may import modules of its own layer
// and of the layers below it, never above, and no import cycle is allowed anywhere (type-only imports
// included). .projenrc.ts writes them into .dependency-cruiser.json (the architecture check of CI,
// `npx projen arch`), and scripts/architecture-doc.ts draws them in docs/ARCHITECTURE.md from that file.

/** One layer: a name, what it holds (one line, for docs/ARCHITECTURE.md), and the paths it is made of. */
export interface Layer {
  readonly name: string;
  readonly holds: string;
  /** Regular expressions (dependency-cruiser's `path`) matching the layer's files from the repository root. */
  readonly paths: readonly string[];
}

/** The construct library (src/), bottom first. */
export const LIBRARY_LAYERS: readonly Layer[] = [
  {
    name: 'vocabulary',
    holds: 'CloudFormation shapes, coverage statuses, metadata keys, the library\'s error type: imports nothing of the project',
    paths: ['^src/model/cloudformation\\.ts$', '^src/model/coverage-status\\.ts$', '^src/errors\\.ts$'],
  },
  {
    name: 'model',
    holds: 'the normalized trail, the event matcher, scopes, coverage, policies, template evaluation',
    paths: ['^src/model/'],
  },
  {
    name: 'rules',
    holds: 'one file per rule (model -> findings), the rule list, controls',
    paths: ['^src/rules/'],
  },
  {
    name: 'engine',
    holds: 'judging templates (what a trail links to, recorders, verdicts) and building the report: what every front end uses',
    paths: ['^src/engine/'],
  },
  {
    name: 'constructs',
    holds: 'CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailMonitoring, LambdaTrailConfigRule, LambdaTrailConfigRuleMemberRole and their secure defaults',
    paths: ['^src/trail/', '^src/config-rule/'],
  },
  {
    name: 'synth-time front end',
    holds: 'LambdaTrailChecks (the Aspect), the policy validation plugin, the gate, reading a cloud assembly',
    paths: ['^src/checks/'],
  },
  {
    name: 'package root',
    holds: 'exports only',
    paths: ['^src/index\\.ts$'],
  },
];

/** The CLI (cli/src/), bottom first. It uses the library only through the package's exports. */
export const CLI_LAYERS: readonly Layer[] = [
  {
    name: 'cli base',
    holds: 'the CLI\'s errors and exit codes, concurrency, progress lines, counted words, the report as JSON',
    paths: ['^cli/src/errors\\.ts$', '^cli/src/concurrency\\.ts$', '^cli/src/progress\\.ts$', '^cli/src/output/count\\.ts$', '^cli/src/output/report-json\\.ts$'],
  },
  {
    name: 'live reader',
    holds: 'AWS clients and what they read of an account: trails, selectors, stores, functions, policies, regions',
    paths: ['^cli/src/aws/'],
  },
  {
    name: 'inputs',
    holds: 'a live account as CloudFormation-shaped stacks (audit), template files (check)',
    paths: ['^cli/src/audit/', '^cli/src/check/'],
  },
  {
    name: 'arguments',
    holds: 'flags and the acknowledgements file',
    paths: ['^cli/src/cli-args\\.ts$', '^cli/src/acknowledgements-file\\.ts$'],
  },
  {
    name: 'commands',
    holds: 'remediate (selector plans, changes) and verify',
    paths: ['^cli/src/remediate/', '^cli/src/verify/'],
  },
  {
    name: 'config rule',
    holds: 'the AWS Config rule\'s handler: a Config event to a reading of its account and region, evaluations, PutEvaluations',
    paths: ['^cli/src/config-rule/'],
  },
  {
    name: 'output',
    holds: 'summary, SARIF and remediation plan printing',
    paths: ['^cli/src/output/'],
  },
  {
    name: 'cli entry',
    holds: 'run.ts (a command from its arguments to an exit code) and main.ts (the bin)',
    paths: ['^cli/src/run\\.ts$', '^cli/src/main\\.ts$'],
  },
];

/** A regular expression that matches any file of the layers. */
function anyOf(layers: readonly Layer[]): string {
  return layers.flatMap(l => l.paths).map(p => `(${p})`).join('|');
}

/** dependency-cruiser's configuration: no cycle, and for each layer, no import of a layer above it. */
export function dependencyCruiserConfig(): Record<string, unknown> {
  const forbidden: Record<string, unknown>[] = [
    {
      name: 'no-cycle',
      comment: 'An import cycle (type-only imports included) makes two modules one: give the shared part a home of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ];
  for (const layers of [LIBRARY_LAYERS, CLI_LAYERS]) {
    layers.forEach((layer, i) => {
      const above = layers.slice(i + 1);
      if (above.length === 0) return;
      // A file of a lower layer may sit in a folder that names a higher one (src/model/cloudformation.ts
      // in src/model/): a layer is its own paths minus the paths of the layers below it.
      const below = layers.slice(0, i);
      forbidden.push({
        name: `${layer.name.replace(/[^a-z]+/g, '-')}-points-down`,
        comment: `The ${layer.name} layer (${layer.holds}) imports only itself and the layers below it.`,
        severity: 'error',
        from: below.length > 0 ? { path: anyOf([layer]), pathNot: anyOf(below) } : { path: anyOf([layer]) },
        to: { path: anyOf(above), pathNot: anyOf([...below, layer]) },
      });
    });
  }
  return {
    forbidden,
    options: {
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '(^|/)(lib|node_modules|test|bench)/' },
      tsPreCompilationDeps: true,
    },
  };
}
