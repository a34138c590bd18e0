import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDemoApp } from '../../examples/app';
import { LambdaTrailChecksFailed } from '../../src/checks/gate';

// The demo that README's first command runs: what it prints comes from this report.
describe('the demo app', () => {
  let report: any;
  beforeAll(() => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
    // The legacy trail's errors stop synthesis; the report is written first.
    expect(() => buildDemoApp(outdir).synth()).toThrow(LambdaTrailChecksFailed);
    report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
  });

  const trail = (p: string) => report.trails.find((t: any) => t.path === p);
  const fn = (p: string) => report.functions.find((f: any) => f.path === p);
  const ids = (findings: any[]) => findings.map(f => f.id);

  test('the CompliantLambdaTrail is compliant and records the production functions', () => {
    expect(trail('AuditTrail/LambdaTrail')).toMatchObject({ status: 'compliant', findings: [] });
    expect(fn('OrdersFunctions/PlaceOrder').status).toBe('recorded');
    expect(fn('OrdersFunctions/ShipOrder').status).toBe('recorded');
  });

  test('the legacy trail shows what the checks catch', () => {
    expect(trail('AuditTrail/LegacyTrail').status).toBe('non-compliant');
    // No CLT4: the CompliantLambdaTrail of the same account records management events in every region.
    expect(ids(trail('AuditTrail/LegacyTrail').findings)).toEqual(['CLT1', 'CLT2', 'CLT5', 'CLT6', 'CLT8', 'CLT9']);
  });

  test('the cost-limited trail has its acknowledged CLT3, and the function it leaves out has CLT21', () => {
    const limited = trail('SandboxPayments/LambdaTrail');
    expect(limited.status).toBe('compliant-with-acknowledgements');
    expect(limited.findings).toEqual([expect.objectContaining({ id: 'CLT3', acknowledged: expect.objectContaining({ reason: expect.stringMatching(/CHG-1042/) }) })]);
    expect(fn('SandboxPayments/Charge').status).toBe('recorded');
    expect(fn('SandboxPayments/Refund')).toMatchObject({ status: 'outside-scope', findings: [expect.objectContaining({ id: 'CLT21' })] });
  });

  test('the summary counts what the demo prints', () => {
    expect(report.summary).toMatchObject({ trails: 3, functions: 4, functionsRecorded: 3, errors: 4, warnings: 3, acknowledged: 1 });
  });
});
