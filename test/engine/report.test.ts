// The JSON report the checks write into the cloud assembly directory.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { RULES } from '../../src/rules/rule-list';
import { CONSTRUCT_WARNINGS } from '../../src/trail/construct-warnings';
import { checkedApp, compliantCfnTrail, ENV, newFunction, newStack, OTHER_ACCOUNT, readReport } from '../checks/helpers';

describe('the report', () => {
  let app: App;
  let report: any;

  beforeAll(() => {
    app = checkedApp();
    const stack = newStack(app, 'Stack');
    const { trail } = compliantCfnTrail(stack);
    trail.kmsKeyId = undefined; // CLT5, error
    trail.cloudWatchLogsLogGroupArn = undefined; // CLT9, warning
    trail.cloudWatchLogsRoleArn = undefined;
    newFunction(stack, 'Recorded');
    newFunction(newStack(app, 'Other', { env: { account: OTHER_ACCOUNT, region: ENV.region } }), 'Unrecorded'); // CLT20
    report = readReport(app);
  });

  test('is written to <outdir>/lambda-trail-checks.json', () => {
    expect(fs.existsSync(path.join(app.outdir, 'lambda-trail-checks.json'))).toBe(true);
  });

  test('has a status and the findings of each trail', () => {
    expect(report.trails).toHaveLength(1);
    const [trail] = report.trails;
    expect(trail).toEqual(expect.objectContaining({ path: 'Stack/Trail', name: 'test-trail', account: ENV.account, region: ENV.region, status: 'non-compliant' }));
    expect(trail.findings.map((f: any) => `${f.id} ${f.level}`)).toEqual(['CLT5 error', 'CLT9 warning']);
    const clt5 = trail.findings[0];
    expect(clt5.message).toMatch(/^\[CLT5\] Logs are not encrypted with KMS: the trail has no KMSKeyId/);
    expect(clt5.fix).toEqual(RULES.find(r => r.id === 'CLT5')!.fix);
    expect(clt5.controls).toEqual(RULES.find(r => r.id === 'CLT5')!.controls);
    expect(clt5.controls.length).toBeGreaterThan(0);
  });

  test('has a status and the findings of each function', () => {
    expect(report.functions.map((f: any) => [f.path, f.status, f.findings.map((x: any) => x.id)])).toEqual([
      ['Stack/Recorded', 'recorded', []],
      ['Other/Unrecorded', 'not-recorded', ['CLT20']],
    ]);
    expect(report.functions[0].recordedBy).toEqual(['test-trail']);
    expect(report.functions[1]).toEqual(expect.objectContaining({ account: OTHER_ACCOUNT, region: ENV.region }));
    expect(report.functions[1].arn).toMatch(new RegExp(`^arn:aws:lambda:${ENV.region}:${OTHER_ACCOUNT}:function:`));
  });

  test('gives the verdict on the whole app: non-compliant, as an error is open', () => {
    expect(report.status).toBe('non-compliant');
  });

  test('counts findings in the summary', () => {
    expect(report.summary).toEqual({ trails: 1, functions: 2, functionsRecorded: 1, errors: 2, warnings: 1, acknowledged: 0 });
  });

  test('carries every rule with its title, explanation, fix and controls', () => {
    expect(report.rules.map((r: any) => r.id)).toEqual([...RULES, ...CONSTRUCT_WARNINGS].map(r => r.id));
    for (const r of report.rules) {
      expect(Object.keys(r).sort()).toEqual(['controls', 'explanation', 'fix', 'id', 'level', 'title']);
    }
  });

  test('has no claimed coverage and no acknowledgements when none are made', () => {
    expect(report.claimedCoverage).toEqual([]);
    expect(report.acknowledgements).toEqual([]);
  });
});

test('LambdaTrailChecksProps.reportFileName names the report', () => {
  const app = checkedApp({ reportFileName: 'audit.json' });
  newFunction(newStack(app, 'Stack'), 'F');
  const report = readReport(app, 'audit.json');
  expect(report.summary).toEqual(expect.objectContaining({ functions: 1, errors: 1 }));
  expect(fs.existsSync(path.join(app.outdir, 'lambda-trail-checks.json'))).toBe(false);
});

test('a trail status is compliant-with-warnings when only warnings remain', () => {
  const app = checkedApp();
  compliantCfnTrail(newStack(app, 'Stack')).trail.isMultiRegionTrail = false;
  expect(readReport(app).trails[0].status).toEqual('compliant-with-warnings');
});
