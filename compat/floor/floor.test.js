// The library on its aws-cdk-lib floor (2.257.0): the constructs synthesize, the checks find what
// they should, and aws-cdk-lib's acknowledgement API of that version silences findings.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert');
const { test } = require('node:test');
const { App, Aspects, Stack, Validations } = require('aws-cdk-lib');
const { Annotations, Match, Template } = require('aws-cdk-lib/assertions');
const cloudtrail = require('aws-cdk-lib/aws-cloudtrail');
const kms = require('aws-cdk-lib/aws-kms');
const lambda = require('aws-cdk-lib/aws-lambda');
const s3 = require('aws-cdk-lib/aws-s3');
const { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks, LambdaTrailChecksPlugin, LambdaTrailConfigRule } = require('cdk-compliant-lambda-trail');

const env = { account: '111111111111', region: 'us-east-1' };

function fn(scope, id) {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;'),
  });
}

function findings(stack, level) {
  const annotations = Annotations.fromStack(stack);
  const found = level === 'error' ? annotations.findError('*', Match.stringLikeRegexp('\\[CLT')) : annotations.findWarning('*', Match.stringLikeRegexp('\\[CLT'));
  return found.map(m => String(m.entry.data).match(/\[(CLT\d+)\]/)[1]);
}

test('runs on the floor version of aws-cdk-lib', () => {
  assert.strictEqual(require('aws-cdk-lib/package.json').version, '2.257.0');
});

test('CompliantLambdaTrail synthesizes the compliant trail and gets no finding', () => {
  const app = new App();
  const stack = new Stack(app, 'Audit', { env });
  fn(stack, 'Fn');
  new CompliantLambdaTrail(stack, 'Trail');
  Aspects.of(app).add(new LambdaTrailChecks());
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::CloudTrail::Trail', {
    EnableLogFileValidation: true,
    IsMultiRegionTrail: true,
    AdvancedEventSelectors: Match.arrayWith([Match.objectLike({
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }],
    })]),
  });
  template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  assert.deepStrictEqual([...findings(stack, 'error'), ...findings(stack, 'warning')], []);
});

test('a non-compliant CfnTrail stops synthesis with its errors, and acknowledgements silence errors and warnings', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Legacy', { env });
  const trail = new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'legacy-logs' });
  fn(stack, 'Fn');
  Validations.of(trail).acknowledge({ id: 'CLT9', reason: 'Logs are analysed with Athena, not CloudWatch' });
  Validations.of(stack).acknowledge({ id: 'CLT6', reason: 'Validation is turned on by the migration in CHG-7' });
  Aspects.of(app).add(new LambdaTrailChecks());
  assert.throws(() => app.synth(), error => {
    assert.strictEqual(error.name, 'LambdaTrailChecksFailed');
    for (const id of ['CLT1', 'CLT5', 'CLT20']) assert.match(error.message, new RegExp(`\\[${id}\\]`));
    assert.doesNotMatch(error.message, /\[CLT6\]/);
    return true;
  });
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
  const findings = report.trails[0].findings;
  const open = findings.filter(f => !f.acknowledged).map(f => `${f.id} ${f.level}`);
  assert.deepStrictEqual(open, ['CLT1 error', 'CLT5 error', 'CLT8 warning']);
  assert.deepStrictEqual(findings.filter(f => f.acknowledged).map(f => f.id), ['CLT6', 'CLT9']);
});

test('the policy validation plugin reports its findings in the validation report', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-plugin-'));
  const app = new App({ outdir });
  new cloudtrail.CfnTrail(new Stack(app, 'Legacy', { env }), 'Trail', { isLogging: true, s3BucketName: 'legacy-logs' });
  Validations.of(app).addPlugins(new LambdaTrailChecksPlugin());
  // aws-cdk-lib throws (or, in some versions, sets the exit code) when a plugin reports errors.
  try {
    app.synth();
  } catch {
    // the report below says why
  }
  process.exitCode = 0;
  // aws-cdk-lib 2.257 writes policy-validation-report.json (each plugin under `summary`); later
  // versions write validation-report.json.
  const file = ['validation-report.json', 'policy-validation-report.json'].map(f => path.join(outdir, f)).find(f => fs.existsSync(f));
  assert.ok(file, `a validation report in ${fs.readdirSync(outdir).join(', ')}`);
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const plugin = report.pluginReports.find(r => (r.pluginName ?? r.summary?.pluginName) === 'LambdaTrailChecks');
  assert.ok(plugin, 'the plugin\'s report is in the validation report');
  assert.ok(plugin.violations.some(v => v.ruleName.endsWith('CLT5')), JSON.stringify(plugin.violations.map(v => v.ruleName)));
});

test('CostLimitedLambdaTrail gets CLT3, and CLT21 on the function outside its scope', () => {
  const app = new App();
  const stack = new Stack(app, 'Sandbox', { env });
  const charge = fn(stack, 'Charge');
  fn(stack, 'Refund');
  new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([charge]) });
  Aspects.of(app).add(new LambdaTrailChecks());
  assert.deepStrictEqual(findings(stack, 'error'), []);
  assert.deepStrictEqual(findings(stack, 'warning').sort(), ['CLT21', 'CLT3']);
  Annotations.fromStack(stack).hasWarning('/Sandbox/Refund', Match.stringLikeRegexp('\\[CLT21\\]'));
});

test('LambdaTrailConfigRule synthesizes from the packed library (its pre-bundled handler) beside a CompliantLambdaTrail, with no finding', () => {
  const app = new App();
  const stack = new Stack(app, 'Rule', { env });
  new CompliantLambdaTrail(stack, 'Trail');
  new LambdaTrailConfigRule(stack, 'Rule');
  Aspects.of(app).add(new LambdaTrailChecks());
  assert.deepStrictEqual(findings(stack, 'error'), []);
  assert.deepStrictEqual(findings(stack, 'warning'), []);
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Config::ConfigRule', { Source: Match.objectLike({ Owner: 'CUSTOM_LAMBDA' }) });
  template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', LoggingConfig: Match.anyValue() });
});

test('CompliantLambdaTrail with replication synthesizes: the replication policy\'s wildcards are acknowledged in a form 2.257 accepts', () => {
  // 2.257 refuses '::' after the namespace of an acknowledged id (AwsSolutions-IAM5[Resource::...]).
  const app = new App();
  const replicas = new Stack(app, 'Replicas', { env: { account: '222222222222', region: 'us-west-2' } });
  const stack = new Stack(app, 'Audit', { env });
  new CompliantLambdaTrail(stack, 'Trail', {
    replicationBucket: s3.Bucket.fromBucketName(replicas, 'Replica', 'audit-log-replicas'),
    replicationKey: kms.Key.fromKeyArn(replicas, 'ReplicaKey', 'arn:aws:kms:us-west-2:222222222222:key/11111111-2222-3333-4444-555555555555'),
  });
  Aspects.of(app).add(new LambdaTrailChecks());
  app.synth();
  assert.deepStrictEqual(findings(stack, 'error'), []);
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::S3::Bucket', { ReplicationConfiguration: Match.objectLike({ Rules: Match.anyValue() }) });
});

// Every spelling of an id, on the construct with the finding, on its resource and on every kind of
// ancestor, through the real CDK CLI (`cdk synth --strict`), with and without a new app's feature flags.
const { spawnSync } = require('node:child_process');
const matrix = require('./matrix.js');

const CDK_CLI = process.env.CDK_CLI;
const PRELUDE = `
const { App, Aspects, Stack, Stage, Validations } = require('aws-cdk-lib');
const cloudtrail = require('aws-cdk-lib/aws-cloudtrail');
const { Construct } = require('constructs');
const { CompliantLambdaTrail, LambdaTrailChecks } = require('cdk-compliant-lambda-trail');
const env = { account: '111111111111', region: 'us-east-1' };
const app = new App();
`;

function cli(dir, ...args) {
  const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' };
  for (const key of ['NODE_ENV', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[key];
  const result = spawnSync(process.execPath, [CDK_CLI, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

let initContext;
/** The feature flags `cdk init` writes into a new app's cdk.json (offline, --generate-only). */
function newAppContext() {
  if (!initContext) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-init-'));
    const init = cli(dir, 'init', 'app', '--language', 'typescript', '--generate-only');
    assert.strictEqual(init.status, 0, init.output);
    initContext = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8')).context;
  }
  return initContext;
}

for (const [name, context] of [['no feature flags', () => ({})], ["a new app's feature flags", newAppContext]]) {
  for (const layout of ['flat', 'stage']) {
    test(`acknowledgements in every spelling and place take under the CDK CLI (${layout} layout, ${name})`, { skip: !CDK_CLI && 'CDK_CLI is not set' }, () => {
      const dir = fs.mkdtempSync(path.join(__dirname, `.ack-${layout}-`));
      fs.writeFileSync(path.join(dir, 'app.js'), `${PRELUDE}\n${matrix.appBody(layout)}\n`);
      fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js', context: context() }));
      const synth = cli(dir, 'synth', '--no-notices', '-q', '--strict', matrix.selectorOf(layout));
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'lambda-trail-checks.json'), 'utf8'));
      const { clt9, clt31 } = matrix.findingsOf(report);
      assert.deepStrictEqual(Object.entries(clt9).filter(([, state]) => state !== 'acknowledged'), []);
      assert.strictEqual(Object.keys(clt9).length, matrix.FORMS.length * matrix.PLACES.filter(p => layout === 'stage' || p !== 'stage').length);
      assert.deepStrictEqual(clt31, []);
      assert.strictEqual(synth.status, 0, synth.output);
    });
  }
}
