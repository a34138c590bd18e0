// The demo: an app with a compliant trail, a cost-limited trail, a deliberately non-compliant trail
// and a few functions. It says what the app holds, synthesizes it (the non-compliant trail's errors
// stop synthesis, as they stop `cdk synth`), and prints the compliance findings of LambdaTrailChecks
// from its report. It exits 0: the findings are the point of the demo.
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } from '../src';
import { LambdaTrailChecksFailed } from '../src/checks/gate';

const production = { account: '111111111111', region: 'us-east-1' };
const sandbox = { account: '222222222222', region: 'eu-west-1' };

function demoFunction(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
  });
}

export function buildDemoApp(outdir: string): App {
  const app = new App({ outdir });

  // Production: every invocation of every function is recorded.
  const functions = new Stack(app, 'OrdersFunctions', { env: production });
  demoFunction(functions, 'PlaceOrder');
  demoFunction(functions, 'ShipOrder');
  const audit = new Stack(app, 'AuditTrail', { env: production });
  new CompliantLambdaTrail(audit, 'LambdaTrail');

  // A legacy trail written by hand: basic selectors, read-only Lambda events, no KMS, no validation.
  new cloudtrail.CfnTrail(audit, 'LegacyTrail', {
    isLogging: true,
    s3BucketName: 'legacy-trail-logs-111111111111',
    eventSelectors: [{
      readWriteType: 'ReadOnly',
      dataResources: [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }],
    }],
  });

  // Sandbox: the backout plan, data events for the payments function only.
  const sandboxStack = new Stack(app, 'SandboxPayments', { env: sandbox });
  const charge = demoFunction(sandboxStack, 'Charge');
  demoFunction(sandboxStack, 'Refund');
  const limited = new CostLimitedLambdaTrail(sandboxStack, 'LambdaTrail', {
    functions: LambdaFunctionSelection.only([charge]),
  });
  Validations.of(limited).acknowledge({
    id: 'CLT3',
    reason: 'Backout plan approved in change CHG-1042 until the sandbox has cost alarms',
  });

  Aspects.of(app).add(new LambdaTrailChecks());
  return app;
}

function main(): void {
  const outdir = path.resolve(process.argv[2] ?? 'cdk.out');
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = buildDemoApp(outdir);
  const stacks = app.node.children.filter(Stack.isStack);
  console.log(`The demo app has ${stacks.length} stacks:`);
  for (const stack of stacks) {
    const types = new Map<string, number>();
    for (const r of stack.node.findAll().filter(CfnResource.isCfnResource)) types.set(r.cfnResourceType, (types.get(r.cfnResourceType) ?? 0) + 1);
    console.log(`  ${stack.stackName} (${stack.account}/${stack.region}): ${[...types].map(([type, n]) => `${n} ${type}`).join(', ')}`);
  }

  // The legacy trail's errors stop synthesis, as they stop `cdk synth` and `cdk deploy`.
  try {
    app.synth();
    console.log(`\nSynthesized into ${path.relative(process.cwd(), outdir) || '.'}.`);
  } catch (e) {
    if (!(e instanceof LambdaTrailChecksFailed)) throw e;
    console.log(`\nSynthesis stopped, as \`cdk synth\` would stop:\n\n${e.message}`);
  }

  const reportFile = path.join(outdir, 'lambda-trail-checks.json');
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  console.log(`\nCompliance findings (the report, written either way: ${path.relative(process.cwd(), reportFile)}):`);
  for (const trail of report.trails) {
    console.log(`  trail ${trail.path} [${trail.status}] records Lambda invocations of: ${trail.lambdaScope}`);
    printFindings(trail.findings);
  }
  for (const fn of report.functions) {
    console.log(`  function ${fn.path} [${fn.status}]${fn.recordedBy.length ? ` recorded by ${fn.recordedBy.join(', ')}` : ''}`);
    printFindings(fn.findings);
  }
  const s = report.summary;
  console.log(`\n${s.trails} trails, ${s.functions} functions (${s.functionsRecorded} recorded): ${s.errors} errors, ${s.warnings} warnings, ${s.acknowledged} acknowledged.`);
  console.log('The LegacyTrail errors are deliberate: they show what the checks catch before anything is deployed.');
}

function printFindings(findings: any[]): void {
  for (const f of findings) {
    console.log(f.acknowledged
      ? `      ${f.id} ${f.level}, acknowledged: "${f.acknowledged.reason}"`
      : `      ${f.level.toUpperCase()} [${f.id}] ${f.title}: ${f.detail}\n        fix: ${f.fix}`);
  }
}

if (require.main === module) main();
