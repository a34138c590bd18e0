// One engine, one live reader: on the same moto account, the Config rule's evaluations agree with
// `lambda-trail audit --format json` function by function and trail by trail.
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';
import { ConfigRuleHarness, REGION, scheduledEvent, SentEvaluation } from './config-rule-harness';

const server = useMotoServer();

/** What the audit says of a subject: compliant or not, and its open rule ids. */
function auditVerdict(entry: { findings: { id: string; level: string; acknowledged?: unknown }[] }, compliant: boolean): string {
  const open = [...new Set(entry.findings.filter(f => !f.acknowledged).map(f => f.id))].sort();
  return `${compliant ? 'COMPLIANT' : 'NON_COMPLIANT'} ${open.join(',')}`;
}

/** The same of an evaluation: its compliance, and the rule ids its annotation names as open. */
function ruleVerdict(e: SentEvaluation): string {
  const named = [...e.Annotation.matchAll(/(?:^|; )(CLT\d+)(?=[:,;]| \()/g)].map(m => m[1]);
  const listed = /open(?: warnings)?: ((?:CLT\d+(?:, )?)+)/.exec(e.Annotation)?.[1].split(', ') ?? [];
  return `${e.ComplianceType} ${[...new Set([...named, ...listed])].sort().join(',')}`;
}

test.each([
  ['compliant'], ['cost-limited'], ['basic-read-only'], ['not-logging'], ['no-data-events'], ['write-only-lambda'], ['no-kms'], ['single-region'],
])('%s: the rule and lambda-trail audit agree on every function and trail', async name => {
  await applyTemplate(fixture(name), { endpoint: server().endpoint, region: REGION, account: MOTO_ACCOUNT });
  await applyTemplate(
    { Resources: Object.fromEntries(['orders', 'billing', 'reports'].map((n, i) => [`Fn${i}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: n } }])) },
    { endpoint: server().endpoint, region: REGION, account: MOTO_ACCOUNT, suffix: 'fn' },
  );
  const audit = await cli(['audit', '--endpoint-url', server().endpoint, '--region', REGION, '--regions', REGION, '--format', 'json', '--quiet']);
  const report = audit.json();
  const harness = await ConfigRuleHarness.start(server().endpoint);
  try {
    await harness.invoke(scheduledEvent());
    const sent = harness.puts().flatMap(p => p.Evaluations);
    const byId = (type: string) => new Map(sent.filter(e => e.ComplianceResourceType === type).map(e => [e.ComplianceResourceId, ruleVerdict(e)]));

    const auditFunctions = new Map<string, string>(report.functions.map((f: any) => [
      f.arn.split(':function:')[1],
      auditVerdict(f, f.status === 'recorded' && f.findings.every((x: any) => x.acknowledged)),
    ]));
    expect(byId('AWS::Lambda::Function')).toEqual(auditFunctions);

    const auditTrails = new Map<string, string>(report.trails.filter((t: any) => t.kind === 'trail').map((t: any) => [
      t.name,
      auditVerdict(t, !t.findings.some((x: any) => !x.acknowledged && (x.level === 'error' || x.id === 'CLT0'))),
    ]));
    expect(byId('AWS::CloudTrail::Trail')).toEqual(auditTrails);
  } finally {
    await harness.close();
  }
});
