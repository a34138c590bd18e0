// Coverage: which trail records which function, across stacks, regions and accounts.
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, CfnParameter, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import {
  checkedApp, cloudTrailWriteStatements, compliantCfnTrail, ENV, findingsOf, messagesAt, newApp, newFunction, newStack, OTHER_ACCOUNT, OTHER_REGION,
  readReport, REGION, tlsDenyStatement,
} from './helpers';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } from '../../src';

/** All findings of the app, stack by stack. */
function appFindings(app: App): string[] {
  return app.node.children.filter((c): c is Stack => Stack.isStack(c)).flatMap(findingsOf).sort();
}

describe('coverage is app-wide and order-independent', () => {
  function build(trailFirst: boolean): App {
    const app = checkedApp();
    const makeTrail = () => new CompliantLambdaTrail(newStack(app, 'Audit'), 'Trail');
    const makeFunctions = () => {
      const stack = newStack(app, 'Functions');
      newFunction(stack, 'F1');
      newFunction(stack, 'F2');
    };
    if (trailFirst) {
      makeTrail();
      makeFunctions();
    } else {
      makeFunctions();
      makeTrail();
    }
    return app;
  }

  test('a trail in one stack records the functions of another', () => {
    expect(appFindings(build(true))).toEqual([]);
  });

  test('creation order reversed gives the same findings', () => {
    expect(appFindings(build(false))).toEqual(appFindings(build(true)));
  });

  test('a cost-limited trail gives the same findings whichever stack is created first', () => {
    const findings = (auditFirst: boolean) => {
      const app = checkedApp();
      const audit = auditFirst ? newStack(app, 'Audit') : undefined;
      const functions = newStack(app, 'Functions');
      const f1 = newFunction(functions, 'F1');
      newFunction(functions, 'F2');
      new CostLimitedLambdaTrail(audit ?? newStack(app, 'Audit'), 'Trail', { functions: LambdaFunctionSelection.only([f1]) });
      return appFindings(app);
    };
    expect(findings(false)).toEqual(['/Audit/Trail CLT3 (warning)', '/Functions/F2 CLT21 (warning)']);
    expect(findings(true)).toEqual(findings(false));
  });
});

test('logical ids overridden with overrideLogicalId are the ids the report names and the selectors resolve', () => {
  const app = checkedApp();
  const functions = newStack(app, 'Functions');
  const f1 = newFunction(functions, 'F1');
  (f1.node.defaultChild as CfnResource).overrideLogicalId('RenamedF1');
  newFunction(functions, 'F2');
  const trail = new CostLimitedLambdaTrail(newStack(app, 'Audit'), 'Trail', { functions: LambdaFunctionSelection.only([f1]) });
  trail.trail.overrideLogicalId('RenamedTrail');
  const report = readReport(app);
  // CloudFormation generates a function's name from its logical id: the overridden one.
  expect(report.functions.map((f: any) => [f.path, f.arn, f.status])).toEqual([
    ['Functions/F1', expect.stringMatching(/:function:Functions-RenamedF1-<generated suffix of Functions\/F1>$/), 'recorded'],
    ['Functions/F2', expect.stringMatching(/:function:Functions-F2[0-9A-F]{8}-<generated suffix of Functions\/F2>$/), 'outside-scope'],
  ]);
  expect(appFindings(app)).toEqual(['/Audit/Trail CLT3 (warning)', '/Functions/F2 CLT21 (warning)']);
});

test('function names read from the L1 fields of a stack at once are the names its template holds', () => {
  const app = checkedApp();
  const functions = newStack(app, 'Functions');
  const given = newFunction(functions, 'Given');
  (given.node.defaultChild as lambda.CfnFunction).functionName = 'given-name';
  const overridden = newFunction(functions, 'Overridden');
  (overridden.node.defaultChild as CfnResource).addPropertyOverride('FunctionName', 'overridden-name');
  const parameter = new CfnParameter(functions, 'NameParameter', { type: 'String' });
  const fromToken = newFunction(functions, 'FromToken');
  (fromToken.node.defaultChild as lambda.CfnFunction).functionName = `${parameter.valueAsString}-fn`;
  new lambda.CfnFunction(functions, 'PlainL1', { role: 'arn:aws:iam::111111111111:role/r', code: { zipFile: 'x' }, functionName: 'plain-l1' });
  newFunction(functions, 'Generated');
  new CompliantLambdaTrail(newStack(app, 'Audit'), 'Trail');
  const report = readReport(app);
  const template = JSON.parse(fs.readFileSync(path.join(app.outdir, 'Functions.template.json'), 'utf8'));
  const names = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::Lambda::Function').map(r => r.Properties.FunctionName);
  expect(names).toEqual(['given-name', 'overridden-name', { 'Fn::Join': ['', [{ Ref: 'NameParameter' }, '-fn']] }, 'plain-l1', undefined]);
  expect(report.functions.map((f: any) => [f.path, f.arn.replace(/^arn:aws:lambda:[^:]+:[^:]+:function:/, '')])).toEqual([
    ['Functions/Given', 'given-name'],
    ['Functions/Overridden', 'overridden-name'],
    ['Functions/FromToken', '<parameter NameParameter of Functions>-fn'],
    ['Functions/PlainL1', 'plain-l1'],
    ['Functions/Generated', expect.stringMatching(/^Functions-Generated[0-9A-F]{8}-<generated suffix of Functions\/Generated>$/)],
  ]);
});

test('a function name that does not resolve fails synthesis with its own error (names resolved together fall back to one by one)', () => {
  const app = checkedApp();
  const functions = newStack(app, 'Functions');
  newFunction(functions, 'Fine');
  const broken = newFunction(functions, 'Broken');
  (broken.node.defaultChild as lambda.CfnFunction).functionName = Lazy.string({ produce: () => { throw new Error('no name for Broken'); } });
  new CompliantLambdaTrail(newStack(app, 'Audit'), 'Trail');
  expect(() => app.synth()).toThrow(/no name for Broken/);
});

describe('regions and accounts', () => {
  test('fails when a single-region trail is in another region than the function (CLT20)', () => {
    const app = checkedApp();
    const audit = newStack(app, 'Audit');
    compliantCfnTrail(audit).trail.isMultiRegionTrail = false;
    const here = newStack(app, 'Here');
    newFunction(here, 'F');
    const there = newStack(app, 'There', { env: { account: ENV.account, region: OTHER_REGION } });
    newFunction(there, 'F');
    expect(findingsOf(there)).toContain('/There/F CLT20');
    expect(findingsOf(here)).not.toContain('/Here/F CLT20');
    expect(appFindings(app)).toEqual(['/Audit/Trail CLT8 (warning)', '/There/F CLT20']);
  });

  test('a multi-region trail records every region of its account', () => {
    const app = checkedApp();
    compliantCfnTrail(newStack(app, 'Audit'));
    newFunction(newStack(app, 'There', { env: { account: ENV.account, region: OTHER_REGION } }), 'F');
    expect(appFindings(app)).toEqual([]);
  });

  test('fails when the function is in another account (CLT20)', () => {
    const app = checkedApp();
    compliantCfnTrail(newStack(app, 'Audit'));
    const other = newStack(app, 'Other', { env: { account: OTHER_ACCOUNT, region: REGION } });
    newFunction(other, 'F');
    expect(findingsOf(other)).toContain('/Other/F CLT20');
    expect(appFindings(app)).toEqual(['/Other/F CLT20']);
  });

  test('an organization trail records another account\'s functions', () => {
    const app = checkedApp();
    const audit = compliantCfnTrail(newStack(app, 'Audit'));
    audit.trail.isOrganizationTrail = true;
    // An organization trail writes its log files under AWSLogs/<organization id>/.
    audit.bucketPolicy.policyDocument = { Statement: [tlsDenyStatement(audit.bucket), ...cloudTrailWriteStatements(audit.bucket, undefined, 'o-abcdefghij')] };
    const other = newStack(app, 'Other', { env: { account: OTHER_ACCOUNT, region: REGION } });
    newFunction(other, 'F');
    expect(findingsOf(other)).not.toContain('/Other/F CLT20');
    expect(appFindings(app)).toEqual([]);
    // The inputs cannot show that the other account belongs to the trail's organization: the report says what is assumed.
    expect(readReport(app).functions[0].assumptions).toEqual([
      `recorded by organization trail(s) of another account (test-trail): judged on the assumption that account ${OTHER_ACCOUNT} belongs to that organization`,
    ]);
  });

  test('fails when the only trail is not logging: CLT7 on the trail, CLT20 on the function', () => {
    const app = checkedApp();
    compliantCfnTrail(newStack(app, 'Audit')).trail.isLogging = false;
    newFunction(newStack(app, 'Functions'), 'F');
    expect(appFindings(app)).toEqual(['/Audit/Trail CLT7', '/Functions/F CLT20']);
  });
});

describe('functions made by other constructs count', () => {
  let stack: Stack;

  beforeAll(() => {
    const app = checkedApp();
    stack = newStack(app, 'Stack');
    new cr.AwsCustomResource(stack, 'Lookup', {
      onCreate: { service: 'STS', action: 'getCallerIdentity', physicalResourceId: cr.PhysicalResourceId.of('id') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    new logs.LogRetention(stack, 'Retention', { logGroupName: 'some-group', retention: logs.RetentionDays.ONE_WEEK });
  });

  test('fails when no trail records the AwsCustomResource singleton function (CLT20)', () => {
    const errors = findingsOf(stack).filter(f => f.endsWith(' CLT20')).map(f => f.split(' ')[0]);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\/Stack\/AWS679f53fac002430cb0da5b7982bd2287/)]));
  });

  test('fails when no trail records the LogRetention singleton function (CLT20)', () => {
    const errors = findingsOf(stack).filter(f => f.endsWith(' CLT20')).map(f => f.split(' ')[0]);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\/Stack\/LogRetention[0-9a-f]+/)]));
    expect(errors).toHaveLength(2);
  });
});

describe('external trails', () => {
  test('an organization trail outside the app silences CLT20 and is listed as claimed coverage', () => {
    const app = checkedApp({ externalTrails: [{ name: 'org-trail', organizationTrail: true }] });
    const stack = newStack(app, 'Stack');
    newFunction(stack, 'F');
    expect(findingsOf(stack)).not.toContain('/Stack/F CLT20');
    expect(findingsOf(stack)).toEqual([]);
    const report = readReport(app);
    expect(report.claimedCoverage).toEqual([expect.objectContaining({ name: 'org-trail', organizationTrail: true, regions: 'all' })]);
    expect(report.functions[0]).toEqual(expect.objectContaining({ path: 'Stack/F', status: 'recorded', recordedBy: ['org-trail (external)'] }));
  });

  test('fails when an external trail records only f1: CLT21 on f2', () => {
    const app = newApp();
    const stack = newStack(app, 'Stack');
    const f1 = newFunction(stack, 'F1');
    newFunction(stack, 'F2');
    Aspects.of(app).add(new LambdaTrailChecks({ externalTrails: [{ name: 'org-trail', functions: LambdaFunctionSelection.only([f1]) }] }));
    expect(findingsOf(stack)).toContain('/Stack/F2 CLT21 (warning)');
    expect(messagesAt(stack, '/Stack/F2')).toContainEqual(expect.stringMatching('\\[CLT21\\].*org-trail'));
    expect(findingsOf(stack)).toEqual(['/Stack/F2 CLT21 (warning)']);
  });

  test('fails when an external single-region trail is in another region (CLT20)', () => {
    const app = checkedApp({ externalTrails: [{ name: 'eu-trail', account: ENV.account, multiRegion: false, region: OTHER_REGION }] });
    const stack = newStack(app, 'Stack');
    newFunction(stack, 'F');
    expect(findingsOf(stack)).toContain('/Stack/F CLT20');
  });
});

describe('weak cross-stack references (Fn::GetStackOutput, the default of apps cdk init makes)', () => {
  test('a CostLimitedLambdaTrail in one stack records the functions of another that it names', () => {
    const app = checkedApp({}, { context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
    const functions = newStack(app, 'Functions');
    const [charge, refund] = [newFunction(functions, 'Charge'), newFunction(functions, 'Refund')];
    new CostLimitedLambdaTrail(newStack(app, 'Audit'), 'LambdaTrail', { functions: LambdaFunctionSelection.only([charge]) });
    const report = readReport(app);
    const template = JSON.parse(fs.readFileSync(path.join(app.outdir, 'Audit.template.json'), 'utf8'));
    expect(JSON.stringify(template)).toContain('Fn::GetStackOutput');
    expect(report.functions.map((f: any) => [f.path, f.status])).toEqual([
      ['Functions/Charge', 'recorded'],
      ['Functions/Refund', 'outside-scope'],
    ]);
    expect(findingsOf(functions)).toEqual(['/Functions/Refund CLT21 (warning)']);
    expect(refund.node.path).toBe('Functions/Refund');
  });
});
