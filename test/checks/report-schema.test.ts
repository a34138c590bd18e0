// The report is a contract: real reports, from apps that exercise every part of it, validate against
// docs/report.schema.json (additionalProperties false, so a field added to the types without the
// schema fails here too).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import { checkedApp, ENV, includeFixture, newApp, newFunction, readReport } from './helpers';
import { buildDemoApp } from '../../examples/app';
import { CompliantLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } from '../../src';
import { REPORT_SCHEMA_VERSION } from '../../src/engine/report-types';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

function expectValid(report: unknown): void {
  const valid = validate(report);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('docs/report.schema.json', () => {
  test('the demo\'s report (errors, warnings, an acknowledgement, a cost-limited trail)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-demo-'));
    expect(() => buildDemoApp(outdir).synth()).toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.tool).toEqual({ name: 'cdk-compliant-lambda-trail', version: expect.any(String), frontEnd: 'LambdaTrailChecks' });
    expectValid(report);
  });

  test('conditions, env-agnostic stacks, unknown coverage, claimed coverage, CLT30 and CLT31', () => {
    const app = newApp();
    const stack = new Stack(app, 'Agnostic');
    includeFixture(stack, 'parameters-and-conditions');
    newFunction(stack, 'Fn');
    // CLT8 depends on the IsProd condition: a CLT0 about CLT8, which this acknowledgement (too short) names.
    Validations.of(stack).acknowledge({ id: 'CLT8', reason: 'short' });
    Validations.of(app).acknowledge({ id: 'CTL5', reason: 'A typo that matches nothing at all' });
    Aspects.of(app).add(new LambdaTrailChecks({ externalTrails: [{ name: 'org-trail', organizationTrail: true, functions: LambdaFunctionSelection.onlyArns(['arn:aws:lambda:us-east-1:111111111111:function:a']) }] }));
    const report = readReport(app);
    expect(report.assumptions.length).toBeGreaterThan(0);
    expect(report.claimedCoverage).toHaveLength(1);
    expect(report.otherFindings.map((o: any) => o.finding.id).sort()).toEqual(['CLT30', 'CLT31']);
    expect(report.acknowledgements).toContainEqual(expect.objectContaining({ path: '(app)', id: 'CTL5', matched: false }));
    expectValid(report);
  });

  test('stacks in Stages and a compliant trail', () => {
    const app = checkedApp();
    const prod = new Stage(app, 'Prod', { env: ENV });
    const stack = new Stack(prod, 'Audit');
    new CompliantLambdaTrail(stack, 'LambdaTrail');
    newFunction(stack, 'Fn');
    const report = readReport(app);
    expect(report.functions[0].status).toBe('recorded');
    expectValid(report);
  });

  test('rejects what is not a report (the test can fail)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-bad-'));
    expect(() => buildDemoApp(outdir).synth()).toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
    expect(validate({ ...report, trails: [{ ...report.trails[0], status: 'fine' }] })).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
    const { functions: _functions, ...withoutFunctions } = report;
    expect(validate(withoutFunctions)).toBe(false);
  });

  test('2.1.0: a finding carries its detail and fix apart, and its message joins them', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-parts-'));
    expect(() => buildDemoApp(outdir).synth()).toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
    const trail = report.trails.find((t: any) => t.findings.length > 0);
    const finding = trail.findings[0];
    expect(report.schemaVersion).toBe('2.1.0');
    expect(finding.detail.length).toBeGreaterThan(0);
    expect(finding.message).toBe(`[${finding.id}] ${finding.title}: ${finding.detail}. Fix: ${finding.fix}`);
    const { detail: _detail, ...withoutDetail } = finding;
    expect(validate({ ...report, trails: [{ ...trail, findings: [withoutDetail] }] })).toBe(false);
    expect(validate({ ...report, schemaVersion: '2.0.0' })).toBe(false);
  });
});
