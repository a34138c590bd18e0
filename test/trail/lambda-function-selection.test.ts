import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { functionArn, newFunction, newStack, synth } from './util';
import { CompliantLambdaTrail, LambdaFunctionSelection, LambdaFunctionSelectionMode } from '../../src';

const DATA = { Field: 'eventCategory', Equals: ['Data'] };
const LAMBDA = { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] };

/** The synthesized Lambda data selector's field selectors (the trail's second selector). */
function lambdaFieldSelectors(template: Template): any[] {
  const trails = Object.values(template.findResources('AWS::CloudTrail::Trail'));
  expect(trails).toHaveLength(1);
  const selectors = (trails[0] as any).Properties.AdvancedEventSelectors as any[];
  const lambdaSelectors = selectors.filter(s => s.FieldSelectors.some((f: any) => f.Field === 'resources.type'));
  expect(lambdaSelectors).toHaveLength(1);
  return lambdaSelectors[0].FieldSelectors;
}

function arnField(template: Template): any {
  return lambdaFieldSelectors(template).find(f => f.Field === 'resources.ARN');
}

describe('LambdaFunctionSelection', () => {
  describe('all()', () => {
    test('selects every function: Data, AWS::Lambda::Function and nothing else', () => {
      const { template } = synth(stack => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.all() }));
      expect(lambdaFieldSelectors(template)).toEqual([DATA, LAMBDA]);
    });

    test('has mode ALL, isAll and no ARNs', () => {
      const all = LambdaFunctionSelection.all();
      expect(all.mode).toBe(LambdaFunctionSelectionMode.ALL);
      expect(all.isAll).toBe(true);
      expect(all.functionArns).toEqual([]);
    });
  });

  describe('only(functions)', () => {
    let template: Template;
    beforeAll(() => {
      ({ template } = synth(stack => {
        const first = newFunction(stack, 'First');
        const second = newFunction(stack, 'Second');
        new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([first, second, first]) });
      }));
    });

    test('records each function by Equals and its versions and aliases by StartsWith "<arn>:"', () => {
      const first = { 'Fn::GetAtt': [Match.stringLikeRegexp('^First'), 'Arn'] };
      const second = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Second'), 'Arn'] };
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        AdvancedEventSelectors: Match.arrayWith([{
          Name: Match.anyValue(),
          FieldSelectors: [DATA, LAMBDA, {
            Field: 'resources.ARN',
            Equals: [first, second],
            StartsWith: [
              { 'Fn::Join': ['', [first, ':']] },
              { 'Fn::Join': ['', [second, ':']] },
            ],
          }],
        }]),
      });
    });

    test('removes duplicate functions', () => {
      expect(arnField(template).Equals).toHaveLength(2);
      expect(arnField(template).StartsWith).toHaveLength(2);
    });

    test('has no read-only or event-name condition, which would drop invocations', () => {
      const fields = lambdaFieldSelectors(template).map(f => f.Field);
      expect(fields).not.toContain('readOnly');
      expect(fields).not.toContain('eventName');
    });

    test('has mode ONLY and is not all()', () => {
      const stack = newStack();
      const selection = LambdaFunctionSelection.only([newFunction(stack, 'Fn')]);
      expect(selection.mode).toBe(LambdaFunctionSelectionMode.ONLY);
      expect(selection.isAll).toBe(false);
      expect(selection.functionArns).toHaveLength(1);
    });

    test('fails when functions is empty', () => {
      expect(() => LambdaFunctionSelection.only([]))
        .toThrow(/LambdaFunctionSelection\.only: functions is empty; expected at least one lambda\.IFunction/);
    });
  });

  describe('onlyArns(functionArns)', () => {
    test('matches unqualified ARNs by Equals and their versions and aliases by StartsWith', () => {
      const { template } = synth(stack => new CompliantLambdaTrail(stack, 'Trail', {
        functions: LambdaFunctionSelection.onlyArns([functionArn('a'), functionArn('b')]),
      }));
      expect(arnField(template)).toEqual({
        Field: 'resources.ARN',
        Equals: [functionArn('a'), functionArn('b')],
        StartsWith: [`${functionArn('a')}:`, `${functionArn('b')}:`],
      });
    });

    test('matches qualified ARNs (a version or an alias) exactly, without StartsWith', () => {
      const { template } = synth(stack => new CompliantLambdaTrail(stack, 'Trail', {
        functions: LambdaFunctionSelection.onlyArns([functionArn('a', 'prod'), functionArn('b', '7'), functionArn('c', '$LATEST')]),
      }));
      expect(arnField(template)).toEqual({
        Field: 'resources.ARN',
        Equals: [functionArn('a', 'prod'), functionArn('b', '7'), functionArn('c', '$LATEST')],
      });
    });

    test('mixes qualified and unqualified ARNs: only the unqualified get a StartsWith prefix', () => {
      const selector = LambdaFunctionSelection.onlyArns([functionArn('a', 'prod'), functionArn('b')]).toAdvancedEventSelector();
      expect(selector.fieldSelectors).toContainEqual({
        field: 'resources.ARN',
        equalTo: [functionArn('a', 'prod'), functionArn('b')],
        startsWith: [`${functionArn('b')}:`],
      });
    });

    test('removes duplicate ARNs', () => {
      const selection = LambdaFunctionSelection.onlyArns([functionArn('a'), functionArn('a'), functionArn('a', 'prod'), functionArn('a', 'prod')]);
      expect(selection.functionArns).toEqual([functionArn('a'), functionArn('a', 'prod')]);
      expect(selection.toAdvancedEventSelector().fieldSelectors).toContainEqual({
        field: 'resources.ARN',
        equalTo: [functionArn('a'), functionArn('a', 'prod')],
        startsWith: [`${functionArn('a')}:`],
      });
    });

    test('accepts ARNs of other partitions', () => {
      const arn = 'arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:a';
      expect(LambdaFunctionSelection.onlyArns([arn]).functionArns).toEqual([arn]);
    });

    test('accepts an unresolved token as a function ARN', () => {
      const { template } = synth(stack => {
        const arn = new CfnParameter(stack, 'FunctionArn').valueAsString;
        new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.onlyArns([arn]) });
      });
      expect(arnField(template)).toEqual({
        Field: 'resources.ARN',
        Equals: [{ Ref: 'FunctionArn' }],
        StartsWith: [{ 'Fn::Join': ['', [{ Ref: 'FunctionArn' }, ':']] }],
      });
    });

    test('fails when functionArns is empty', () => {
      expect(() => LambdaFunctionSelection.onlyArns([]))
        .toThrow(/LambdaFunctionSelection\.onlyArns: functionArns is empty; expected at least one Lambda function ARN/);
    });

    test('fails when an ARN is not a Lambda function ARN', () => {
      const bad = 'arn:aws:s3:::my-bucket';
      expect(() => LambdaFunctionSelection.onlyArns([functionArn('a'), bad]))
        .toThrow(/functionArns contains 'arn:aws:s3:::my-bucket', which is not a Lambda function ARN; expected 'arn:<partition>:lambda:<region>:<account>:function:<name>\[:<version or alias>\]'/);
    });
  });

  describe('allExcept(functions)', () => {
    let template: Template;
    beforeAll(() => {
      ({ template } = synth(stack => {
        const excluded = newFunction(stack, 'Excluded');
        const imported = lambda.Function.fromFunctionArn(stack, 'Imported', functionArn('imported'));
        new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.allExcept([excluded, imported, imported]) });
      }));
    });

    test('excludes each function by NotEquals and its versions and aliases by NotStartsWith', () => {
      const excluded = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Excluded'), 'Arn'] };
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        AdvancedEventSelectors: Match.arrayWith([{
          Name: Match.anyValue(),
          FieldSelectors: [DATA, LAMBDA, {
            Field: 'resources.ARN',
            NotEquals: [excluded, functionArn('imported')],
            NotStartsWith: [{ 'Fn::Join': ['', [excluded, ':']] }, `${functionArn('imported')}:`],
          }],
        }]),
      });
    });

    test('uses no Equals or StartsWith on resources.ARN, which would limit the trail to the excluded functions', () => {
      expect(arnField(template).Equals).toBeUndefined();
      expect(arnField(template).StartsWith).toBeUndefined();
    });

    test('has mode ALL_EXCEPT and is not all()', () => {
      const stack = new Stack();
      const selection = LambdaFunctionSelection.allExcept([lambda.Function.fromFunctionArn(stack, 'F', functionArn('f'))]);
      expect(selection.mode).toBe(LambdaFunctionSelectionMode.ALL_EXCEPT);
      expect(selection.isAll).toBe(false);
    });

    test('fails when functions is empty', () => {
      expect(() => LambdaFunctionSelection.allExcept([]))
        .toThrow(/LambdaFunctionSelection\.allExcept: functions is empty; expected at least one lambda\.IFunction/);
    });
  });

  describe("CloudTrail's limit of 500 selector values per trail", () => {
    // 3 values are fixed: 'Management', 'Data' and 'AWS::Lambda::Function'.
    const unqualified = (count: number) => Array.from({ length: count }, (_, i) => functionArn(`fn${i}`));
    const qualified = (count: number) => Array.from({ length: count }, (_, i) => functionArn(`fn${i}`, 'prod'));

    test('accepts exactly 500 values (497 qualified ARNs)', () => {
      const { template } = synth(stack => new CompliantLambdaTrail(stack, 'Trail', {
        functions: LambdaFunctionSelection.onlyArns(qualified(497)),
      }));
      expect(arnField(template).Equals).toHaveLength(497);
    });

    test('accepts 248 unqualified ARNs (499 values)', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.onlyArns(unqualified(248)) })).not.toThrow();
    });

    test('fails when 300 functions need more values than the limit', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.onlyArns(unqualified(300)) }))
        .toThrow(/functions: 300 functions need 603 advanced event selector values .*CloudTrail allows at most 500 per trail/);
    });

    test('fails when 498 qualified ARNs make 501 values', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.onlyArns(qualified(498)) }))
        .toThrow(/functions: 498 functions need 501 advanced event selector values .*at most 500/);
    });

    test('fails when allExcept lists too many functions', () => {
      const stack = newStack();
      const functions = unqualified(249).map((arn, i) => lambda.Function.fromFunctionArn(stack, `F${i}`, arn));
      expect(() => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.allExcept(functions) }))
        .toThrow(/functions: 249 functions need 501 advanced event selector values/);
    });
  });
});
