import { awscdk, javascript, JsonFile, typescript } from 'projen';
import { dependencyCruiserConfig } from './projenrc/layers';

// The floor is the lowest aws-cdk-lib that has `Validations.of(...).acknowledge`,
// `IPolicyValidationPlugin` and that cdk-nag 3 accepts as a peer (2.257.0).
const CDK_FLOOR = '2.257.0';
// Tests and the demo run on the newest aws-cdk-lib so that its built-in
// CloudFormation schema validation checks every synthesized template.
const CDK_DEV = '2.278.0';

const project = new awscdk.AwsCdkConstructLibrary({
  author: 'cdk-compliant-lambda-trail contributors',
  authorAddress: 'maintainers@compliantlambdatrail.github.io',
  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.5.1',
  defaultReleaseBranch: 'main',
  jsiiVersion: '~6.0.0',
  name: 'cdk-compliant-lambda-trail',
  description: 'CloudTrail trails that record every AWS Lambda invocation (CIS, SOC 2, ISO 27001, NIST 800-53), a cost-limited variant, and synth-time compliance checks.',
  keywords: ['cdk', 'cloudtrail', 'lambda', 'compliance', 'audit', 'cis', 'nist', 'soc2', 'iso27001', 'data-events'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  repositoryUrl: 'https://github.com/compliantlambdatrail/cdk-compliant-lambda-trail.git',
  license: 'Apache-2.0',

  // projen would pin the dev copy of aws-cdk-lib to the floor; tests use the newest instead.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    `aws-cdk-lib@${CDK_DEV}`,
    'constructs@10.5.1',
    'fast-check@^3',
    'cdk-nag@^3',
    '@cdklabs/cdk-validator-cfnguard',
    // The CDK CLI, to prove the gate where users meet it: `cdk synth` on apps written to a temp dir.
    'aws-cdk@2.1149.0',
    // Validates real reports against docs/report.schema.json.
    'ajv@^8',
    'ajv-formats@^3',
    // The architecture check (layers point down, no import cycle); 17.x is the newest that runs on Node.js 20.
    'dependency-cruiser@^17.4.3',
  ],

  // jsii targets: the names are part of the public contract (DESIGN.md).
  publishToPypi: {
    distName: 'cdk-compliant-lambda-trail',
    module: 'cdk_compliant_lambda_trail',
  },
  publishToMaven: {
    javaPackage: 'io.github.compliantlambdatrail',
    mavenGroupId: 'io.github.compliantlambdatrail',
    mavenArtifactId: 'cdk-compliant-lambda-trail',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkCompliantLambdaTrail',
    packageId: 'CdkCompliantLambdaTrail',
  },
  publishToGo: {
    moduleName: 'github.com/compliantlambdatrail/cdk-compliant-lambda-trail-go',
  },

  // A suite that can fail: no snapshot rewriting, no green run without tests.
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/consumers/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc', '.projenrc.ts'],
    commandOptions: { fix: false },
  },
  tsconfigDev: {
    include: ['examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    compilerOptions: {},
  },
  // .readme-blocks-*/: where test/docs/readme.test.ts writes the README's TypeScript blocks to compile and run them.
  gitignore: ['cdk.out/', '*.cdk.out/', '/assets/config-rule-handler/', '.venv/', '.venv-*/', 'consumers/**/target/', '__pycache__/', '.pytest_cache/', 'consumers/go/cdk.out/', '*.tmp.ts', '/.readme-blocks-*/'],
  github: false,
});

for (const ignored of ['/cli/', '/examples/', '/bench/', '/consumers/', '/compat/', '/scripts/', '/.ci/', '/.venv-validators/', 'cdk.out/', '*.cdk.out/', '/test-reports/', '/.readme-blocks-*/']) {
  project.addPackageIgnore(ignored);
}
// docs/ stays out of the npm tarball except the documents the README links to, which users of the
// package must be able to read where they installed it: the rules and the control's text.
project.addPackageIgnore('/docs/*');
for (const shipped of ['/docs/RULES.md', '/docs/CONTROL.md', '/docs/report.schema.json']) {
  project.addPackageIgnore(`!${shipped}`);
}

// eslint's project service looks for the nearest tsconfig.json: give the folders outside src/ and
// test/ the test configuration, so they are type-checked and linted like the tests.
for (const dir of ['examples', 'bench', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
  });
}

const tsNode = 'ts-node --project test/tsconfig.json';

// The demo synthesizes the example app and prints what it created and the findings.
// Transpile only: the examples are type-checked with the tests (typecheck), so a new user's first
// command does not wait for the compiler.
project.addTask('demo', {
  description: 'Synthesize the example app in examples/ and print the resources and compliance findings',
  exec: `${tsNode} --transpile-only examples/app.ts`,
});

// The CDK Pipelines example, synthesized by the CDK CLI as users run their apps.
project.addTask('demo:pipeline', {
  description: 'Synthesize the CDK Pipelines example (examples/pipeline-app.ts) with the CDK CLI; the checks print one line when they pass',
  env: { TS_NODE_PROJECT: 'test/tsconfig.json' },
  exec: "cdk synth --no-notices -q --output pipeline.cdk.out --app 'node -r ts-node/register/transpile-only examples/pipeline-app.ts'",
});

const typecheck = project.addTask('typecheck', {
  description: 'Type-check the tests, examples, benchmark and scripts (jest and the demo only transpile them)',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});

// The bench's `cdk synth` part runs an app that loads the compiled library: compiled first.
const bench = project.addTask('bench', {
  description: 'Benchmark synth time with and without LambdaTrailChecks and cdk-nag, and `cdk synth` itself (prints medians and ratios; --quick for a short run)',
  env: { TS_NODE_PROJECT: 'test/tsconfig.json' },
});
bench.spawn(project.compileTask);
bench.exec('node --expose-gc --max-old-space-size=8192 -r ts-node/register/transpile-only bench/synth-bench.ts', { receiveArgs: true });

project.addTask('bench:audit', {
  description: 'Benchmark the lambda-trail audit against moto (see cli/bench/audit-bench.ts); needs scripts/moto-venv.sh and the CLI installed',
  receiveArgs: true,
  exec: 'npx projen bench:audit',
  cwd: 'cli',
});

// The architecture check: the layers of projenrc/layers.ts, written for dependency-cruiser, and drawn
// in docs/ARCHITECTURE.md from that same file.
new JsonFile(project, '.dependency-cruiser.json', { obj: dependencyCruiserConfig(), marker: false });
const arch = project.addTask('arch', {
  description: 'The architecture check: no import cycle, and layers that only point down (projenrc/layers.ts); docs/ARCHITECTURE.md up to date',
});
arch.exec('depcruise --config .dependency-cruiser.json --output-type err-long src cli/src');
arch.exec(`${tsNode} scripts/architecture-doc.ts --check`);
project.addTask('architecture-doc', {
  description: 'Draw the layers of .dependency-cruiser.json in docs/ARCHITECTURE.md',
  exec: `${tsNode} scripts/architecture-doc.ts`,
});

// LambdaTrailConfigRule's handler: the CLI's config-rule front end (cli/src/config-rule/handler.ts)
// with the engine (from src/, so no compiled lib/ is needed) and the AWS SDK, bundled by esbuild into
// assets/config-rule-handler/index.js, which the npm package ships: a user's `cdk synth` needs no
// bundler, Docker or network. Built from the sources on every compile (never committed), so the asset
// is never stale; it needs the CLI's dependencies (`npm ci` in cli/), which test:all installs first.
const bundleHandler = project.addTask('bundle:config-rule', {
  description: 'Bundle the AWS Config rule handler (cli/src/config-rule/) into assets/config-rule-handler/index.js with esbuild',
  exec: `${tsNode} --transpile-only scripts/bundle-config-rule-handler.ts`,
});
project.postCompileTask.spawn(bundleHandler);

// The Config rule's benchmark runs the bundled handler: bundled first, from the sources.
const benchRule = project.addTask('bench:rule', {
  description: 'Benchmark one run of LambdaTrailConfigRule\'s handler against moto (see cli/bench/rule-bench.ts); needs scripts/moto-venv.sh and the CLI installed',
  receiveArgs: true,
});
benchRule.spawn(bundleHandler);
benchRule.exec('npx projen bench:rule', { cwd: 'cli', receiveArgs: true });

project.addTask('rules-doc', {
  description: 'Write docs/RULES.md from the rule metadata',
  exec: `${tsNode} scripts/rules-doc.ts`,
});

// The `lambda-trail` CLI: a second npm package in cli/, plain TypeScript (not jsii), so that the
// library keeps aws-cdk-lib and constructs as its only runtime dependencies. It uses the library's
// engine through `cdk-compliant-lambda-trail/engine` (and `/cloud-assembly`) only, linked from the root during
// development (the root must be compiled to lib/ first).
const AWS_SDK = '^3.1137.0';
// The package's public entry points: the construct library (the root) and, for TypeScript and
// JavaScript consumers that are not CDK apps (the CLI), the engine and the cloud assembly reader.
// Any other file of the package is private: a deep import from outside fails (test/package/exports.test.ts).
// typesVersions gives TypeScript's classic `node` resolution (which ignores `exports`) the same map.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './engine': { types: './lib/engine/index.d.ts', default: './lib/engine/index.js' },
  './cloud-assembly': { types: './lib/checks/cloud-assembly.d.ts', default: './lib/checks/cloud-assembly.js' },
  './package.json': './package.json',
  './.jsii': './.jsii',
});
project.package.addField('typesVersions', {
  '*': {
    'engine': ['lib/engine/index.d.ts'],
    'cloud-assembly': ['lib/checks/cloud-assembly.d.ts'],
  },
});

const cli = new typescript.TypeScriptProject({
  parent: project,
  outdir: 'cli',
  name: 'cdk-compliant-lambda-trail-cli',
  description: 'lambda-trail: check CloudFormation templates and audit live AWS accounts for CloudTrail trails that record every Lambda invocation',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  license: 'Apache-2.0',
  authorName: 'cdk-compliant-lambda-trail contributors',
  authorEmail: 'maintainers@compliantlambdatrail.github.io',
  repository: 'https://github.com/compliantlambdatrail/cdk-compliant-lambda-trail.git',
  repositoryDirectory: 'cli',
  minNodeVersion: '20.0.0',
  typescriptVersion: '^6.0.3',
  bin: { 'lambda-trail': 'lib/main.js' },
  // A command, not a library: no `main` or `types` (there is no lib/index.js).
  entrypoint: '',
  // What the package ships is an allowlist (package.json's `files`, below), not an .npmignore: what
  // development leaves in cli/ (.venv-moto/, coverage/, bench/, test reports) never reaches the tarball.
  npmignoreEnabled: false,
  deps: [
    // A link during development; the packed package.json depends on `^<library version>` (prepack below).
    'cdk-compliant-lambda-trail@file:..',
    `@aws-sdk/client-cloudtrail@${AWS_SDK}`,
    // lambda-trail verify: the trail's CloudWatch Logs group.
    `@aws-sdk/client-cloudwatch-logs@${AWS_SDK}`,
    // LambdaTrailConfigRule's handler (cli/src/config-rule/): PutEvaluations and the rule's earlier
    // results. Published less often than the other clients: its newest release is older than AWS_SDK's floor.
    '@aws-sdk/client-config-service@^3.1124.0',
    `@aws-sdk/client-ec2@${AWS_SDK}`,
    `@aws-sdk/client-kms@${AWS_SDK}`,
    `@aws-sdk/client-lambda@${AWS_SDK}`,
    `@aws-sdk/client-organizations@${AWS_SDK}`,
    `@aws-sdk/client-s3@${AWS_SDK}`,
    // Published less often than the other clients: its newest release is older than AWS_SDK's floor.
    '@aws-sdk/client-s3-control@^3.1112.0',
    `@aws-sdk/client-sts@${AWS_SDK}`,
    `@aws-sdk/credential-providers@${AWS_SDK}`,
    // The partitions and their regions (partition()), as the clients resolve endpoints with them:
    // region flags are checked against them before any call. Its own version line, not AWS_SDK's.
    '@aws-sdk/core@^3.981.1',
    'yaml@^2.9.0',
  ],
  // The parity tests synthesize the library's constructs with the root's aws-cdk-lib and constructs
  // (found up the directory tree): the copies the linked library itself loads, never a second copy.
  devDeps: [
    // Fixtures for the moto tests: roles for functions.
    `@aws-sdk/client-iam@${AWS_SDK}`,
    'aws-sdk-client-mock@^4.1.0',
    'ts-node@^10.9.2',
    'ajv@^8.20.0',
    'ajv-draft-04@^1.0.0',
    'ajv-formats@^3.0.1',
    '@types/sarif@^2.1.7',
    // Property tests: the remediation plan against the engine's reading (the library's own version line).
    'fast-check@^3',
    // Bundles LambdaTrailConfigRule's handler (cli/src/config-rule/) into the library's asset
    // (scripts/bundle-config-rule-handler.ts): the CLI's node_modules hold the AWS SDK it bundles.
    'esbuild@^0.28.2',
  ],
  sampleCode: false,
  github: false,
  release: false,
  package: false,
  depsUpgrade: false,
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      // Each test file starts its own moto server: one file at a time on a 2-core machine.
      maxWorkers: 1,
      testTimeout: 120_000,
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'bench', 'scripts'],
    commandOptions: { fix: false },
  },
  // Type declarations of transitive test dependencies (sinon's, under aws-sdk-client-mock) disagree with each other.
  tsconfig: { compilerOptions: { skipLibCheck: true } },
  tsconfigDev: {
    include: ['bench/**/*.ts', 'scripts/**/*.ts'],
    compilerOptions: {},
  },
  gitignore: ['.venv-moto/', '*.tmp.json', '*.tmp.ts'],
});
// As in the root: the benchmark is linted and type-checked with the test configuration.
new JsonFile(cli, 'bench/tsconfig.json', { obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] } });
cli.addTask('bench:audit', {
  description: 'Benchmark audit against moto: 2,000 functions in 4 regions and 3 accounts (prints wall time, API calls and peak memory; --functions N for another size)',
  receiveArgs: true,
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/audit-bench.ts',
});
cli.addTask('bench:rule', {
  description: 'Benchmark one run of LambdaTrailConfigRule\'s bundled handler against moto: 2,000 functions in one region, reports on, 3 runs (prints wall time, API calls, peak memory and evaluations; --functions N, --runs N)',
  receiveArgs: true,
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/rule-bench.ts',
});
// The built bin runs directly (its shebang), as npm would install it.
cli.compileTask.exec('chmod +x lib/main.js');
// The tarball: the compiled bin and what npm always adds (package.json, README.md, LICENSE).
// test/package/package.test.ts packs it and installs it with the library's tarball.
cli.package.addField('files', ['lib/**/*.js']);
cli.gitignore.exclude('/.package.json.unpinned');
// npm runs these around `npm pack` (and `npm publish`): the packed package.json depends on the library
// by version range, `^<root version>`, since `file:..` cannot be installed from a tarball; the
// development package.json is put back as it was.
const packedManifest = 'ts-node --transpile-only --project test/tsconfig.json scripts/packed-manifest.ts';
cli.addTask('prepack', {
  description: 'npm pack: pin the dependency on the library to ^<root version> in package.json (postpack restores it)',
  exec: `${packedManifest} pin`,
});
cli.addTask('postpack', {
  description: 'npm pack: restore package.json as it was before prepack',
  exec: `${packedManifest} restore`,
});
// `npm publish` of the directory sends the registry the package.json it reads after postpack, with
// `file:..`: only the tarball of `npm pack` may be published.
cli.addTask('prepublishOnly', {
  description: 'Refuse npm publish of the cli/ directory: publish the tarball of npm pack',
  exec: `${packedManifest} refuse`,
});
new JsonFile(cli, 'scripts/tsconfig.json', { obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] } });

// The full suite, as README.md's quick start and .ci/run run it: the TypeScript build and tests
// (with the validators cfn-lint and checkov from a virtual environment), the library on its
// aws-cdk-lib floor, then the jsii packages for Python, Java and Go with the consumer apps that prove them.
const testAll = project.addTask('test:all', {
  description: 'Everything CI runs: build, jest (with validators), lint, docs check, jsii packages and consumer tests',
});
testAll.exec('bash scripts/validators-venv.sh');
// The CLI's dependencies first: the library's post-compile bundles the Config rule's handler from
// cli/src with them (its link to the library, file:.., needs no compiled lib/ to install).
testAll.exec('npm ci', { cwd: 'cli' });
testAll.spawn(project.defaultTask!);
testAll.spawn(arch);
testAll.spawn(project.compileTask);
testAll.spawn(project.postCompileTask);
testAll.spawn(project.testTask);
testAll.spawn(typecheck);
testAll.exec(`${tsNode} scripts/rules-doc.ts --check`);
testAll.exec('bash scripts/test-floor.sh');
// The CLI: it links the compiled library (lib/), so it comes after the root compile; its tests start
// moto's server from a pinned virtual environment.
testAll.exec('bash scripts/moto-venv.sh');
testAll.exec('npx projen compile', { cwd: 'cli' });
testAll.exec('npx projen test', { cwd: 'cli' });
testAll.exec('npx tsc --noEmit -p test/tsconfig.json', { name: 'Type-check the CLI tests and benchmark', cwd: 'cli' });
testAll.exec('bash scripts/test-consumers.sh');

project.synth();
