// The constructs in the stacks `cdk init` makes (no env): a CompliantLambdaTrail is compliant there
// too. Its policies name the trail through ${AWS::Region} and ${AWS::AccountId}, whose descriptions
// hold the ARN separator, so the checks must read such ARNs part by part around unknown values.
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, newApp } from './helpers';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailChecks } from '../../src';
import { splitOutsideUnknowns, unknownValue } from '../../src/model/unknown-value';

function agnosticApp(build: (stack: Stack) => void): Stack {
  const app: App = newApp();
  const stack = new Stack(app, 'AuditStack');
  build(stack);
  Aspects.of(app).add(new LambdaTrailChecks());
  return stack;
}

const fn = (stack: Stack, id: string) => new lambda.Function(stack, id, {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
});

test('a CompliantLambdaTrail in an env-agnostic stack has no finding, and records the stack\'s functions', () => {
  expect(findingsOf(agnosticApp(stack => {
    new CompliantLambdaTrail(stack, 'LambdaTrail');
    fn(stack, 'Fn');
  }))).toEqual([]);
});

test('a CostLimitedLambdaTrail in an env-agnostic stack: only the limited scope (CLT3) and the function left out (CLT21)', () => {
  expect(findingsOf(agnosticApp(stack => {
    new CostLimitedLambdaTrail(stack, 'LambdaTrail', { functions: LambdaFunctionSelection.only([fn(stack, 'Charge')]) });
    fn(stack, 'Refund');
  }))).toEqual(['/AuditStack/LambdaTrail CLT3 (warning)', '/AuditStack/Refund CLT21 (warning)']);
});

test('splitOutsideUnknowns keeps an unknown value whole', () => {
  const arn = `arn:aws:cloudtrail:${unknownValue('AWS::Region')}:${unknownValue('AWS::AccountId')}:trail/t`;
  expect(splitOutsideUnknowns(arn, ':')).toEqual(['arn', 'aws', 'cloudtrail', unknownValue('AWS::Region'), unknownValue('AWS::AccountId'), 'trail/t']);
  expect(splitOutsideUnknowns('a::b', '::')).toEqual(['a', 'b']);
  expect(splitOutsideUnknowns('', ':')).toEqual(['']);
});
