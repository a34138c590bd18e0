// Acknowledging a finding with aws-cdk-lib's own Validations API: errors and warnings alike.
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

import { checkedApp, compliantCfnTrail, findingsOf, messagesAt, newStack, readReport } from './helpers';
import { CompliantLambdaTrail } from '../../src';
import { SHORT_LOG_RETENTION } from '../../src/trail/construct-warnings';
import { AUDIT_RETENTION_TEXT } from '../../src/trail/secure-defaults';

const REASON = 'Logs of this sandbox trail hold no customer data; SSE-S3 is accepted by the security team.';

/** An app whose trail (`/Stack/Trail`) has no KMS key (CLT5) and no CloudWatch Logs (CLT9). */
function build(acknowledge: (trail: Stack | any, stack: Stack) => void): { app: App; stack: Stack } {
  const app = checkedApp();
  const stack = newStack(app, 'Stack');
  const { trail } = compliantCfnTrail(stack);
  trail.kmsKeyId = undefined;
  trail.cloudWatchLogsLogGroupArn = undefined;
  trail.cloudWatchLogsRoleArn = undefined;
  acknowledge(trail, stack);
  return { app, stack };
}

describe('an acknowledgement on the trail', () => {
  let app: App;
  let stack: Stack;

  beforeAll(() => {
    ({ app, stack } = build(trail => Validations.of(trail).acknowledge({ id: 'CLT5', reason: REASON })));
  });

  test('silences the error it names', () => {
    expect(findingsOf(stack)).not.toContain('/Stack/Trail CLT5');
  });

  test('leaves other findings alone', () => {
    expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT9 (warning)']);
  });

  test('the report lists it with its reason, and in the finding', () => {
    const report = readReport(app);
    expect(report.acknowledgements).toEqual([{ path: 'Stack/Trail', id: 'CLT5', reason: REASON, accepted: true, matched: true }]);
    const finding = report.trails[0].findings.find((f: any) => f.id === 'CLT5');
    expect(finding.acknowledged).toEqual({ reason: REASON, on: 'Stack/Trail' });
    expect(report.trails[0].findings.find((f: any) => f.id === 'CLT9').acknowledged).toBeUndefined();
    expect(report.summary.acknowledged).toEqual(1);
  });
});

test('an acknowledgement on an ancestor (the stack) silences the finding', () => {
  const { app, stack } = build((_trail, s) => Validations.of(s).acknowledge({ id: 'CLT5', reason: REASON }));
  expect(findingsOf(stack)).not.toContain('/Stack/Trail CLT5');
  expect(readReport(app).acknowledgements).toEqual([{ path: 'Stack', id: 'CLT5', reason: REASON, accepted: true, matched: true }]);
});

test('an acknowledgement silences a warning too', () => {
  const { stack } = build(trail => Validations.of(trail).acknowledge({ id: 'CLT9', reason: 'Monitoring reads the S3 logs through Athena.' }));
  expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT5']);
});

test('an acknowledgement of another rule silences nothing, and matching no finding it is itself a warning (CLT31)', () => {
  const { stack } = build(trail => Validations.of(trail).acknowledge({ id: 'CLT6', reason: REASON }));
  expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT31 (warning)', '/Stack/Trail CLT5', '/Stack/Trail CLT9 (warning)']);
});

describe('an acknowledgement whose reason is under 10 characters', () => {
  let app: App;
  let stack: Stack;

  beforeAll(() => {
    ({ app, stack } = build(trail => Validations.of(trail).acknowledge({ id: 'CLT5', reason: 'because' })));
  });

  test('fails: it is itself a finding (CLT30 error)', () => {
    expect(messagesAt(stack, '/Stack/Trail')).toContainEqual(expect.stringMatching('\\[CLT30\\].*CLT5.*because'));
    expect(findingsOf(stack)).toContain('/Stack/Trail CLT30');
  });

  test('fails: the original finding stays', () => {
    expect(findingsOf(stack)).toContain('/Stack/Trail CLT5');
  });

  test('the report lists it as not accepted', () => {
    const report = readReport(app);
    expect(report.acknowledgements).toEqual([{ path: 'Stack/Trail', id: 'CLT5', reason: 'because', accepted: false, matched: true }]);
    expect(report.trails[0].findings.find((f: any) => f.id === 'CLT5').acknowledged).toBeUndefined();
    expect(report.trails[0].status).toEqual('non-compliant');
  });
});

describe('acknowledgements of the constructs\' own warnings (CLT40 to CLT45)', () => {
  const appWithShortRetention = (reason: string) => {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    const trail = new CompliantLambdaTrail(stack, 'LambdaTrail', { logRetention: logs.RetentionDays.THREE_MONTHS });
    Validations.of(trail).acknowledge({ id: 'CLT40', reason });
    return stack;
  };

  test('are not CLT31: the construct reports those warnings, not the checks', () => {
    expect(findingsOf(appWithShortRetention('Logs are copied to the SIEM, which keeps them 7 years'))).toEqual([]);
  });

  test('follow the same reason rule (CLT30 under 10 characters), and the warning stays open in the report', () => {
    expect(findingsOf(appWithShortRetention('ok'))).toEqual(['/Stack/LambdaTrail CLT30', '/Stack/LambdaTrail CLT40 (warning)']);
  });

  test('are listed in the report (an auditor sees them), acknowledged with their reason', () => {
    const stack = appWithShortRetention('Logs are copied to the SIEM, which keeps them 7 years');
    const report = readReport(stack.node.root as App);
    expect(report.otherFindings).toEqual([{
      path: 'Stack/LambdaTrail',
      finding: expect.objectContaining({ id: 'CLT40', level: 'warning', message: expect.stringMatching(/^\[CLT40\] CloudWatch Logs retention under one year: /), acknowledged: { reason: 'Logs are copied to the SIEM, which keeps them 7 years', on: 'Stack/LambdaTrail' } }),
    }]);
    expect(report.acknowledgements).toEqual([expect.objectContaining({ id: 'CLT40', matched: true, accepted: true })]);
    expect(report.rules.map((r: any) => r.id)).toContain('CLT40');
  });

  test('in the report, with their detail apart and the message the construct annotated', () => {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    const trail = new CompliantLambdaTrail(stack, 'LambdaTrail', { logRetention: logs.RetentionDays.THREE_MONTHS });
    const report = readReport(app);
    const annotated = trail.node.metadata.filter(m => m.type === 'aws:cdk:warning').map(m => String(m.data));
    const { finding } = report.otherFindings.find((o: any) => o.finding.id === 'CLT40');
    expect(finding.detail).toBe(`logRetention keeps CloudWatch Logs events 90 days; audits expect ${AUDIT_RETENTION_TEXT}`);
    expect(finding.fix).toBe(SHORT_LOG_RETENTION.fix);
    expect(annotated).toEqual([`${finding.message} [ack: Annotation::CLT40]`]);
  });

  test('the plugin\'s namespace does not acknowledge them (aws-cdk-lib keeps the warning): CLT31 says which id does', () => {
    const app = checkedApp();
    const trail = new CompliantLambdaTrail(newStack(app, 'Stack'), 'LambdaTrail', { logRetention: logs.RetentionDays.THREE_MONTHS });
    Validations.of(trail).acknowledge({ id: 'LambdaTrailChecks::CLT40', reason: 'Logs are copied to the SIEM, which keeps them 7 years' });
    const stack = trail.node.scope as Stack;
    expect(findingsOf(stack)).toEqual(['/Stack/LambdaTrail CLT31 (warning)', '/Stack/LambdaTrail CLT40 (warning)']);
    expect(messagesAt(stack, '/Stack/LambdaTrail')).toContainEqual(expect.stringMatching(/acknowledge it with 'CLT40'/));
  });
});

describe('every id the CDK CLI prints acknowledges the finding (aws-cdk-lib 2.257 to 2.278, with and without annotationsInValidationReport)', () => {
  // 2.257 records a plain id as annotation::CLT9, 2.276 as Annotation::CLT9 and prints LambdaTrailChecks::CLT9;
  // 2.278 with the flag `cdk init` sets prints Annotation::LambdaTrailChecks_CLT9.
  const printedForms = ['CLT9', 'Annotation::CLT9', 'annotation::CLT9', 'LambdaTrailChecks::CLT9', 'LambdaTrailChecks_CLT9', 'Annotation::LambdaTrailChecks_CLT9'];

  test.each(printedForms)('%s on the trail', id => {
    const { app, stack } = build(trail => Validations.of(trail).acknowledge({ id, reason: REASON }));
    expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT5']);
    expect(readReport(app).acknowledgements).toEqual([expect.objectContaining({ path: 'Stack/Trail', matched: true, accepted: true })]);
  });

  test.each(printedForms)('%s on an ancestor (the stack)', id => {
    const { stack } = build((_trail, s) => Validations.of(s).acknowledge({ id, reason: REASON }));
    expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT5']);
  });

  test.each(['LambdaTrailChecks_CTL9', 'Annotation::LambdaTrailChecks_CLT8'])('%s (a typo, or a finding that is not there) is CLT31', id => {
    const { stack } = build(trail => Validations.of(trail).acknowledge({ id, reason: REASON }));
    expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT31 (warning)', '/Stack/Trail CLT5', '/Stack/Trail CLT9 (warning)']);
  });

  test('another plugin\'s id names no rule of ours (no CLT31)', () => {
    const { stack } = build(trail => Validations.of(trail).acknowledge({ id: 'AwsSolutions::CLT9', reason: REASON }));
    expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT5', '/Stack/Trail CLT9 (warning)']);
  });
});

describe('a finding of an L2 (reported on the CompliantLambdaTrail) is acknowledged on its resource, the CfnTrail', () => {
  const withoutLogs = (acknowledge: (trail: CompliantLambdaTrail) => void) => {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    const trail = new CompliantLambdaTrail(stack, 'LambdaTrail', { cloudWatchLogs: false });
    acknowledge(trail);
    return { app, stack };
  };

  test('open without an acknowledgement', () => {
    expect(findingsOf(withoutLogs(() => undefined).stack)).toEqual(['/Stack/LambdaTrail CLT9 (warning)']);
  });

  test.each(['CLT9', 'LambdaTrailChecks::CLT9', 'Annotation::LambdaTrailChecks_CLT9'])('%s on trail.trail', id => {
    const { app, stack } = withoutLogs(t => Validations.of(t.trail).acknowledge({ id, reason: REASON }));
    expect(findingsOf(stack)).toEqual([]);
    expect(readReport(app).acknowledgements).toEqual([expect.objectContaining({ path: 'Stack/LambdaTrail/Resource', matched: true })]);
  });

  test('a construct\'s own warning stays on the L2: acknowledged on the CfnTrail it is CLT31', () => {
    const app = checkedApp();
    const trail = new CompliantLambdaTrail(newStack(app, 'Stack'), 'LambdaTrail', { logRetention: logs.RetentionDays.THREE_MONTHS });
    Validations.of(trail.trail).acknowledge({ id: 'CLT40', reason: 'Logs are copied to the SIEM, which keeps them 7 years' });
    expect(findingsOf(trail.node.scope as Stack)).toEqual(['/Stack/LambdaTrail CLT40 (warning)', '/Stack/LambdaTrail/Resource CLT31 (warning)']);
  });
});
