import { awscdk, javascript, JsonFile } from 'projen';

// The floor is the lowest aws-cdk-lib that has `Validations.of(...).acknowledge`,
// `IPolicyValidationPlugin` and that cdk-nag 3 accepts as a peer (2.257.0).
const CDK_FLOOR = '2.257.0';
// Tests and the demo run on the newest aws-cdk-lib so that its built-in
// CloudFormation schema validation checks every synthesized template.
const CDK_DEV = '2.276.0';

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
    'aws-cdk@2.1148.1',
    // Validates real reports against docs/report.schema.json.
    'ajv@^8',
    'ajv-formats@^3',
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
  gitignore: ['cdk.out/', '*.cdk.out/', '.venv/', '.venv-*/', 'consumers/**/target/', '__pycache__/', '.pytest_cache/', 'consumers/go/cdk.out/', '*.tmp.ts', '/.readme-blocks-*/'],
  github: false,
});

for (const ignored of ['/examples/', '/bench/', '/consumers/', '/compat/', '/scripts/', '/.ci/', '/.venv-validators/', 'cdk.out/', '*.cdk.out/', '/test-reports/', '/.readme-blocks-*/']) {
  project.addPackageIgnore(ignored);
}
// docs/ stays out of the npm tarball except the documents the README links to, which users of the
// package must be able to read where they installed it: the rules and the control's text.
project.addPackageIgnore('/docs/*');
for (const shipped of ['/docs/RULES.md', '/docs/CONTROL.md']) {
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

const typecheck = project.addTask('typecheck', {
  description: 'Type-check the tests, examples, benchmark and scripts (jest and the demo only transpile them)',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});

project.addTask('bench', {
  description: 'Benchmark synth time with and without LambdaTrailChecks and cdk-nag (prints medians and ratios; --quick for a short run)',
  env: { TS_NODE_PROJECT: 'test/tsconfig.json' },
  receiveArgs: true,
  exec: 'node --expose-gc --max-old-space-size=8192 -r ts-node/register/transpile-only bench/synth-bench.ts',
});

project.addTask('rules-doc', {
  description: 'Write docs/RULES.md from the rule metadata',
  exec: `${tsNode} scripts/rules-doc.ts`,
});

// The full suite, as README.md's quick start and .ci/run run it: the TypeScript build and tests
// (with the validators cfn-lint and checkov from a virtual environment), the library on its
// aws-cdk-lib floor, then the jsii packages for Python, Java and Go with the consumer apps that prove them.
const testAll = project.addTask('test:all', {
  description: 'Everything CI runs: build, jest (with validators), lint, docs check, jsii packages and consumer tests',
});
testAll.exec('bash scripts/validators-venv.sh');
testAll.spawn(project.defaultTask!);
testAll.spawn(project.compileTask);
testAll.spawn(project.postCompileTask);
testAll.spawn(project.testTask);
testAll.spawn(typecheck);
testAll.exec(`${tsNode} scripts/rules-doc.ts --check`);
testAll.exec('bash scripts/test-floor.sh');
testAll.exec('bash scripts/test-consumers.sh');

project.synth();
