// Parity with the Aspect: what CompliantLambdaTrail and CostLimitedLambdaTrail synthesize, applied to
// moto resource by resource (key and key policy, buckets and bucket policies, the trail with the same
// selectors, the functions), passes `audit` with the verdict LambdaTrailChecks gives at synth.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// The root's aws-cdk-lib, the copy the linked library loads (a second copy in cli/ would mix two construct libraries).
// eslint-disable-next-line import/no-extraneous-dependencies
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
// eslint-disable-next-line import/no-extraneous-dependencies
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } from 'cdk-compliant-lambda-trail';
import { applyTemplate } from '../apply-template';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

const server = useMotoServer();

const ENV = { account: MOTO_ACCOUNT, region: 'us-east-1' };

function newFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
  });
}

/** Synthesizes the app with the Aspect; returns the stack's template and the Aspect's report. */
function synthesize(build: (stack: Stack) => void): { template: any; report: any; stackName: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-parity-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Audit', { env: ENV });
  build(stack);
  Aspects.of(app).add(new LambdaTrailChecks());
  const assembly = app.synth();
  return {
    template: assembly.getStackByName(stack.stackName).template,
    report: JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8')),
    stackName: stack.stackName,
  };
}

/** The verdict without names: each trail's status and rule ids, and each function's status and rule ids. */
function verdict(report: any) {
  const ids = (findings: any[]) => findings.map(f => `${f.id}${f.acknowledged ? ' (acknowledged)' : ''}`).sort();
  return {
    trails: report.trails.filter((t: any) => t.kind === 'trail').map((t: any) => ({
      status: t.status,
      // A generated function name is a placeholder at synth and the physical name live.
      lambdaScope: t.lambdaScope.replace(/function:(?:<[^>]*>|[^\]\s:<])+/g, 'function:NAME'),
      ids: ids(t.findings),
    })),
    functions: report.functions.map((f: any) => `${f.status} ${ids(f.findings).join(',')}`).sort(),
    summary: {
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      functions: report.summary.functions,
      functionsRecorded: report.summary.functionsRecorded,
    },
  };
}

async function audit(extra: string[] = []) {
  const flags = ['--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--format', 'json', '--quiet'];
  const run = await cli(['audit', ...flags, ...extra]);
  expect(run.stderr).toBe('');
  return run;
}

test('CompliantLambdaTrail: compliant at synth and live, every function recorded', async () => {
  const synth = synthesize(stack => {
    new CompliantLambdaTrail(stack, 'LambdaTrail');
    newFunction(stack, 'PlaceOrder');
    newFunction(stack, 'ShipOrder');
  });
  expect(synth.report.trails.map((t: any) => t.status)).toEqual(['compliant']);
  await applyTemplate(synth.template, { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT, stackName: synth.stackName });
  const run = await audit();
  expect(verdict(run.json())).toEqual(verdict(synth.report));
  expect(run.json().functions.map((f: any) => f.status)).toEqual(['recorded', 'recorded']);
  expect(run.code).toBe(0);
});

test('CostLimitedLambdaTrail: the same CLT3 and the same function outside its scope, at synth and live', async () => {
  let chargeId = '';
  const synth = synthesize(stack => {
    const charge = newFunction(stack, 'Charge');
    newFunction(stack, 'Refund');
    chargeId = stack.getLogicalId(charge.node.defaultChild as lambda.CfnFunction);
    new CostLimitedLambdaTrail(stack, 'LambdaTrail', { functions: LambdaFunctionSelection.only([charge]) });
  });
  const applied = await applyTemplate(synth.template, { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT, stackName: synth.stackName });
  const run = await audit();
  const report = run.json();
  expect(verdict(report)).toEqual(verdict(synth.report));
  expect(report.trails[0].findings.map((f: any) => f.id)).toContain('CLT3');
  expect(report.functions.find((f: any) => f.status === 'recorded').arn).toBe(applied.arns[chargeId]);
  expect(report.functions.map((f: any) => f.status).sort()).toEqual(['outside-scope', 'recorded']);
});

test('an acknowledgement in the file does for a live trail what Validations.acknowledge does at synth', async () => {
  const reason = 'Backout plan approved in change CHG-1042 until the sandbox has cost alarms';
  const synth = synthesize(stack => {
    const charge = newFunction(stack, 'Charge');
    const trail = new CostLimitedLambdaTrail(stack, 'LambdaTrail', { functions: LambdaFunctionSelection.only([charge]) });
    Validations.of(trail).acknowledge({ id: 'CLT3', reason });
  });
  const applied = await applyTemplate(synth.template, { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT, stackName: synth.stackName });
  const trailArn = Object.values(applied.arns).find(arn => arn.includes(':trail/'))!;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-ack-')), 'acknowledgements.json');
  fs.writeFileSync(file, JSON.stringify({ acknowledgements: [{ resource: trailArn, rule: 'CLT3', reason }] }));
  const run = await audit(['--acknowledgements', file]);
  expect(verdict(run.json())).toEqual(verdict(synth.report));
  expect(run.json().trails[0].findings).toEqual([expect.objectContaining({ id: 'CLT3', acknowledged: { reason, on: trailArn } })]);
  expect(run.json().trails[0].status).toBe('compliant-with-acknowledgements');
});
