// The policy validation plugin front end: same engine and rules, findings in the CDK's
// validation-report.json beside the other plugins', as cdk-validator-cfnguard's tests read them.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { ENV, newApp, newFunction } from './helpers';
import { CompliantLambdaTrail, LambdaTrailChecksPlugin } from '../../src';
import { RULES } from '../../src/rules/rule-list';

/**
 * Synthesizes and returns the plugin's part of validation-report.json. In process, aws-cdk-lib throws
 * (with the report in the message) when a plugin reports errors: the error must name the plugin.
 */
function pluginReport(app: App): any {
  try {
    app.synth();
  } catch (e) {
    if (!/\(LambdaTrailChecks\)/.test((e as Error).message)) throw e;
  }
  const file = path.join(app.outdir, 'validation-report.json');
  const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { pluginReports: [] };
  return report.pluginReports.find((r: any) => r.pluginName === 'LambdaTrailChecks');
}

const ruleNames = (violations: any[]) => violations.map(v => `${v.ruleName} ${v.severity} ${v.violatingConstructs.map((c: any) => c.constructPath).join(',')}`).sort();

describe('LambdaTrailChecksPlugin', () => {
  test('names itself LambdaTrailChecks, with the library\'s version and every rule id', () => {
    const plugin = new LambdaTrailChecksPlugin();
    expect(plugin.name).toBe('LambdaTrailChecks');
    expect(plugin.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(plugin.ruleIds).toEqual(RULES.map(r => r.id));
  });

  test('a compliant app: no violation, nothing in the report, synthesis succeeds', () => {
    const app = newApp();
    Validations.of(app).addPlugins(new LambdaTrailChecksPlugin());
    const stack = new Stack(app, 'Audit', { env: ENV });
    new CompliantLambdaTrail(stack, 'LambdaTrail');
    newFunction(stack, 'Fn');
    expect(() => app.synth()).not.toThrow();
    expect(pluginReport(app)?.violations ?? []).toEqual([]);
  });

  describe('a non-compliant trail and an unrecorded function', () => {
    let report: any;
    beforeAll(() => {
      const app = newApp();
      Validations.of(app).addPlugins(new LambdaTrailChecksPlugin());
      const stack = new Stack(app, 'Legacy', { env: ENV });
      const trail = new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, isMultiRegionTrail: true, s3BucketName: 'legacy-logs' });
      newFunction(stack, 'Fn');
      Validations.of(trail).acknowledge({ id: 'CLT6', reason: 'Validation is turned on by the migration in CHG-7' });
      Validations.of(trail).acknowledge({ id: 'LambdaTrailChecks::CLT9', reason: 'A SIEM reads the S3 log files (SEC-12)' });
      report = pluginReport(app);
    });

    test('fails with the same findings as the Aspect, on the constructs that have them', () => {
      expect(report.conclusion).toBe('failure');
      expect(ruleNames(report.violations)).toEqual([
        'CLT1 error Legacy/Trail',
        'CLT20 error Legacy/Fn/Resource',
        'CLT5 error Legacy/Trail',
      ]);
    });

    test('each violation says what is wrong, how to fix it and the controls it serves', () => {
      const clt5 = report.violations.find((v: any) => v.ruleName === 'CLT5');
      expect(clt5.description).toBe('[CLT5] Logs are not encrypted with KMS: the trail has no KMSKeyId');
      expect(clt5.suggestedFix).toBe(RULES.find(r => r.id === 'CLT5')!.fix);
      expect(clt5.ruleMetadata.controls).toContain('NIST-800-53-r5 SC-28');
    });

    test('a plain acknowledgement (CLT6) leaves the finding out; one with the plugin\'s id is suppressed by aws-cdk-lib with its reason', () => {
      expect(report.violations.map((v: any) => v.ruleName)).not.toContain('CLT6');
      expect(report.suppressedViolations).toEqual([expect.objectContaining({
        ruleName: 'CLT9', acknowledgedId: 'LambdaTrailChecks::CLT9', reason: 'A SIEM reads the S3 log files (SEC-12)',
      })]);
    });
  });

  test('receives the templates of stacks in Stages when registered on the App', () => {
    const app = newApp();
    Validations.of(app).addPlugins(new LambdaTrailChecksPlugin());
    new cloudtrail.CfnTrail(new Stack(new Stage(app, 'Prod', { env: ENV }), 'Audit'), 'Trail', { isLogging: true, isMultiRegionTrail: true, s3BucketName: 'legacy-logs' });
    expect(ruleNames(pluginReport(app).violations)).toEqual(expect.arrayContaining(['CLT5 error Prod/Audit/Trail']));
  });
});
