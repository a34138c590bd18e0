import { awscdk, javascript } from 'projen';

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
    devdirs: ['test', 'examples', 'bench', 'projenrc', '.projenrc.ts'],
    commandOptions: { fix: false },
  },
  tsconfigDev: {
    include: ['examples/**/*.ts', 'bench/**/*.ts'],
    compilerOptions: {},
  },
  gitignore: ['cdk.out/', '*.cdk.out/', '.venv/', 'consumers/**/target/', 'consumers/**/__pycache__/', '.pytest_cache/'],
  github: false,
});

for (const ignored of ['/examples/', '/bench/', '/consumers/', '/.ci/', '/docs/']) {
  project.addPackageIgnore(ignored);
}

// The demo synthesizes the example app and prints what it created and the findings.
project.addTask('demo', {
  description: 'Synthesize the example app in examples/ and print the resources and compliance findings',
  exec: 'ts-node --project tsconfig.dev.json examples/app.ts',
});

project.synth();
