// The library's own constructs under its own checks.
import { App, Stack, StackProps } from 'aws-cdk-lib';

import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { checkedApp, ENV, findingsOf, messagesAt, newFunction, newStack, readReport } from './helpers';
import { CompliantLambdaTrail, CompliantLambdaTrailProps, CostLimitedLambdaTrail, LambdaFunctionSelection } from '../../src';

describe('CompliantLambdaTrail with defaults', () => {
  let app: App;
  let stack: Stack;

  beforeAll(() => {
    app = checkedApp();
    stack = newStack(app, 'Stack');
    new CompliantLambdaTrail(stack, 'Trail');
    newFunction(stack, 'F1');
    newFunction(stack, 'F2');
  });

  test('gets no finding at all', () => {
    expect(findingsOf(stack)).toEqual([]);
    expect(findingsOf(stack).filter(f => !f.endsWith(' (warning)'))).toEqual([]);
    expect(findingsOf(stack).filter(f => f.endsWith(' (warning)'))).toEqual([]);
  });

  test('the report says the trail is compliant and every function recorded by it', () => {
    const report = readReport(app);
    expect(report.trails).toEqual([expect.objectContaining({ path: 'Stack/Trail', status: 'compliant', findings: [] })]);
    expect(report.functions.map((f: any) => [f.path, f.status, f.recordedBy.length])).toEqual([
      ['Stack/F1', 'recorded', 1],
      ['Stack/F2', 'recorded', 1],
    ]);
    expect(report.summary).toEqual(expect.objectContaining({ trails: 1, functions: 2, functionsRecorded: 2, errors: 0, warnings: 0 }));
  });
});

describe('CostLimitedLambdaTrail', () => {
  function costLimited(select: (f1: lambda.IFunction, f2: lambda.IFunction) => LambdaFunctionSelection): Stack {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    const f1 = newFunction(stack, 'F1');
    const f2 = newFunction(stack, 'F2');
    new CostLimitedLambdaTrail(stack, 'Trail', { functions: select(f1, f2) });
    return stack;
  }

  test('only([f1]): CLT3 on the trail, CLT21 on f2, nothing else', () => {
    const stack = costLimited(f1 => LambdaFunctionSelection.only([f1]));
    expect(findingsOf(stack)).toContain('/Stack/Trail CLT3 (warning)');
    expect(findingsOf(stack)).toContain('/Stack/F2 CLT21 (warning)');
    expect(findingsOf(stack)).not.toContain('/Stack/F1 CLT21 (warning)');
    expect(findingsOf(stack)).toEqual(['/Stack/F2 CLT21 (warning)', '/Stack/Trail CLT3 (warning)']);
  });

  test('allExcept([f2]) excludes f2: CLT21 on f2 only', () => {
    const stack = costLimited((_f1, f2) => LambdaFunctionSelection.allExcept([f2]));
    expect(findingsOf(stack)).toContain('/Stack/F2 CLT21 (warning)');
    expect(findingsOf(stack)).toEqual(['/Stack/F2 CLT21 (warning)', '/Stack/Trail CLT3 (warning)']);
  });

  test('fails when the trail records a function of another stack only: CLT21 on the rest', () => {
    const app = checkedApp();
    const functions = newStack(app, 'Functions');
    const f1 = newFunction(functions, 'F1');
    newFunction(functions, 'F2');
    new CostLimitedLambdaTrail(newStack(app, 'Audit'), 'Trail', { functions: LambdaFunctionSelection.only([f1]) });
    expect([...findingsOf(app.node.findChild('Audit') as Stack), ...findingsOf(functions)]).toEqual([
      '/Audit/Trail CLT3 (warning)',
      '/Functions/F2 CLT21 (warning)',
    ]);
  });

  test('the CLT3 warning describes the scope', () => {
    const stack = costLimited(f1 => LambdaFunctionSelection.onlyArns([`${'arn:aws:lambda:us-east-1:111111111111:function:'}orders`, f1.functionArn]));
    expect(messagesAt(stack, '/Stack/Trail')).toContainEqual(expect.stringMatching('\\[CLT3\\].*function:orders'));
  });
});

describe('the constructs\' own key and bucket let CloudTrail deliver (CLT12, CLT14) in every layout', () => {
  const ENV_AGNOSTIC = {};
  test.each<[string, StackProps, (stack: Stack) => CompliantLambdaTrailProps]>([
    ['defaults', {}, () => ({})],
    ['an organization trail', {}, () => ({ organizationId: 'o-abcdefghij' })],
    ['an s3KeyPrefix', {}, () => ({ s3KeyPrefix: 'audit/cloudtrail' })],
    ['an organization trail with an s3KeyPrefix', {}, () => ({ organizationId: 'o-abcdefghij', s3KeyPrefix: 'org' })],
    ['a bucket and key the app brings', {}, stack => ({
      bucket: new s3.Bucket(stack, 'MyBucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL }),
      encryptionKey: new kms.Key(stack, 'MyKey'),
    })],
    ['an env-agnostic stack', ENV_AGNOSTIC, () => ({})],
    ['an env-agnostic organization trail', ENV_AGNOSTIC, () => ({ organizationId: 'o-abcdefghij' })],
  ])('%s: no finding, and the function is recorded', (_name, stackProps, props) => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', stackProps === ENV_AGNOSTIC ? {} : { env: ENV });
    new CompliantLambdaTrail(stack, 'Trail', props(stack));
    newFunction(stack, 'F');
    expect(findingsOf(stack)).toEqual([]);
    expect(readReport(app).functions.map((f: any) => f.status)).toEqual(['recorded']);
  });

  test('an imported bucket is outside the app: not judged (the construct lists the statements it needs, CLT43)', () => {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    new CompliantLambdaTrail(stack, 'Trail', { bucket: s3.Bucket.fromBucketName(stack, 'Imported', 'my-log-bucket') });
    expect(findingsOf(stack)).toEqual(['/Stack/Trail CLT43 (warning)']);
  });
});
