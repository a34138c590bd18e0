import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { functionArn, newFunction, newStack, resourceOf } from './util';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, CostLimitedLambdaTrailProps, LambdaFunctionSelection, LambdaTrailBase } from '../../src';

/** Synthesizes the same app twice, once per trail construct, with the same scope and id. */
function synthWith(trail: 'CostLimited' | 'Compliant'): Template {
  const stack = newStack('TestStack', new App());
  const fn = newFunction(stack, 'Fn');
  if (trail === 'CostLimited') {
    new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([fn]) });
  } else {
    new CompliantLambdaTrail(stack, 'Trail');
  }
  return Template.fromStack(stack);
}

describe('CostLimitedLambdaTrail', () => {
  let costLimited: Template;
  let compliant: Template;
  beforeAll(() => {
    costLimited = synthWith('CostLimited');
    compliant = synthWith('Compliant');
  });

  test('records Lambda data events of the chosen functions only', () => {
    costLimited.hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: Match.arrayWith([Match.objectLike({
        FieldSelectors: Match.arrayWith([{
          Field: 'resources.ARN',
          Equals: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] }],
          StartsWith: [Match.anyValue()],
        }]),
      })]),
    });
  });

  test('keeps the secure defaults of CompliantLambdaTrail', () => {
    costLimited.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsLogging: true,
      EnableLogFileValidation: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      KMSKeyId: Match.anyValue(),
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      AdvancedEventSelectors: Match.arrayWith([{ Name: Match.anyValue(), FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }]),
    });
  });

  describe('replaced by CompliantLambdaTrail of the same scope and id', () => {
    test.each([
      ['key', 'AWS::KMS::Key', 'TrailKey'],
      ['log bucket', 'AWS::S3::Bucket', 'TrailBucket'],
      ['access-logs bucket', 'AWS::S3::Bucket', 'TrailAccessLogsBucket'],
      ['log group', 'AWS::Logs::LogGroup', 'TrailLogGroup'],
      ['logs role', 'AWS::IAM::Role', 'TrailLogsRole'],
      ['trail', 'AWS::CloudTrail::Trail', 'Trail'],
    ])('keeps the logical id and type of the %s', (_name, type, prefix) => {
      expect(resourceOf(compliant, type, prefix).logicalId).toBe(resourceOf(costLimited, type, prefix).logicalId);
    });

    test('keeps every resource, with the same logical ids and types', () => {
      const types = (template: Template) => Object.fromEntries(
        Object.entries(template.toJSON().Resources).map(([logicalId, resource]: [string, any]) => [logicalId, resource.Type]));
      expect(types(compliant)).toEqual(types(costLimited));
    });

    test('keeps the trail name', () => {
      const name = (template: Template) => resourceOf(template, 'AWS::CloudTrail::Trail', 'Trail').resource.Properties.TrailName;
      expect(typeof name(costLimited)).toBe('string');
      expect(name(compliant)).toBe(name(costLimited));
    });

    test('changes only the Lambda data selector: an in-place update that loses nothing', () => {
      const withoutLambdaSelector = (template: Template) => {
        const resources = JSON.parse(JSON.stringify(template.toJSON().Resources));
        const trail = resourceOf(template, 'AWS::CloudTrail::Trail', 'Trail');
        const selectors = resources[trail.logicalId].Properties.AdvancedEventSelectors as any[];
        expect(selectors).toHaveLength(2);
        resources[trail.logicalId].Properties.AdvancedEventSelectors = selectors.slice(0, 1);
        return resources;
      };
      expect(withoutLambdaSelector(compliant)).toEqual(withoutLambdaSelector(costLimited));
      expect(compliant.toJSON()).not.toEqual(costLimited.toJSON());
    });
  });

  test.each([
    ['onlyArns', () => LambdaFunctionSelection.onlyArns([functionArn('a')])],
    ['allExcept', (stack: Stack) => LambdaFunctionSelection.allExcept([newFunction(stack, 'Excluded')])],
  ])('accepts %s', (_name, selection) => {
    const stack = newStack();
    const trail = new CostLimitedLambdaTrail(stack, 'Trail', { functions: selection(stack) });
    expect(trail.functions.isAll).toBe(false);
  });

  test('fails when functions is all()', () => {
    expect(() => new CostLimitedLambdaTrail(newStack(), 'Trail', { functions: LambdaFunctionSelection.all() }))
      .toThrow(/functions is LambdaFunctionSelection\.all\(\), which a CostLimitedLambdaTrail does not limit; expected only\(\[\.\.\.\]\), onlyArns\(\[\.\.\.\]\) or allExcept\(\[\.\.\.\]\), or use CompliantLambdaTrail/);
  });

  test('fails when functions is missing (from JavaScript or another jsii language)', () => {
    expect(() => new CostLimitedLambdaTrail(newStack(), 'Trail', {} as CostLimitedLambdaTrailProps))
      .toThrow(/functions is required for CostLimitedLambdaTrail; expected LambdaFunctionSelection\.only\(\[\.\.\.\]\), onlyArns\(\[\.\.\.\]\) or allExcept\(\[\.\.\.\]\)/);
    expect(() => new CostLimitedLambdaTrail(newStack(), 'Trail', undefined as unknown as CostLimitedLambdaTrailProps))
      .toThrow(/functions is required for CostLimitedLambdaTrail/);
  });
});

describe('LambdaTrailBase', () => {
  test('both trails extend it, and the cost-limited trail is not a CompliantLambdaTrail', () => {
    const stack = newStack();
    const compliant = new CompliantLambdaTrail(stack, 'Compliant');
    const limited = new CostLimitedLambdaTrail(stack, 'Limited', { functions: LambdaFunctionSelection.onlyArns([functionArn('a')]) });
    expect(compliant).toBeInstanceOf(LambdaTrailBase);
    expect(limited).toBeInstanceOf(LambdaTrailBase);
    expect(limited).not.toBeInstanceOf(CompliantLambdaTrail);
    expect(Object.getPrototypeOf(CostLimitedLambdaTrail)).toBe(LambdaTrailBase);
    expect(Object.getPrototypeOf(CompliantLambdaTrail)).toBe(LambdaTrailBase);
  });

  test('a function that takes the base accepts either trail and reads what they share', () => {
    const describeTrail = (trail: LambdaTrailBase) =>
      [trail.trailName, trail.trailArn, trail.bucket, trail.encryptionKey, trail.logGroup, trail.functions.isAll];
    const stack = newStack();
    const compliant = describeTrail(new CompliantLambdaTrail(stack, 'Compliant'));
    const limited = describeTrail(new CostLimitedLambdaTrail(stack, 'Limited', { functions: LambdaFunctionSelection.onlyArns([functionArn('a')]) }));
    expect(compliant.every(member => member !== undefined)).toBe(true);
    expect(limited.every(member => member !== undefined)).toBe(true);
    expect(compliant[5]).toBe(true);
    expect(limited[5]).toBe(false);
  });
});
