// Internal: the advanced event selector for a function selection, in the L1 (CfnTrail) form and in
// the CloudFormation form the checks read. One definition serves the constructs and the checks.
import { Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { isQualifiedFunctionArn } from '../model/lambda-arns';

/** `include`: record only these ARNs; `exclude`: record all but these; no mode: every function. */
export type ArnCondition = 'include' | 'exclude' | undefined;

/** The Lambda data event selector: Data events of AWS::Lambda::Function, optionally limited by ARN. */
export function lambdaSelector(name: string, condition: ArnCondition, arns: string[]): CfnTrail.AdvancedEventSelectorProperty {
  const fieldSelectors: CfnTrail.AdvancedFieldSelectorProperty[] = [
    { field: 'eventCategory', equalTo: ['Data'] },
    { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
  ];
  // Versions and aliases: `<arn>:<qualifier>` starts with the unqualified ARN and a colon.
  const prefixes = arns.filter(arn => Token.isUnresolved(arn) || !isQualifiedFunctionArn(arn)).map(arn => `${arn}:`);
  if (condition === 'include') {
    fieldSelectors.push({ field: 'resources.ARN', equalTo: arns, ...(prefixes.length ? { startsWith: prefixes } : {}) });
  } else if (condition === 'exclude') {
    fieldSelectors.push({ field: 'resources.ARN', notEquals: arns, ...(prefixes.length ? { notStartsWith: prefixes } : {}) });
  }
  return { name, fieldSelectors };
}

/** The CloudFormation spelling of an L1 advanced event selector (`equalTo` is `Equals`). */
export function toCloudFormation(selector: CfnTrail.AdvancedEventSelectorProperty): Record<string, any> {
  return {
    Name: selector.name,
    FieldSelectors: (selector.fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[]).map(f => ({
      Field: f.field,
      Equals: f.equalTo,
      StartsWith: f.startsWith,
      EndsWith: f.endsWith,
      NotEquals: f.notEquals,
      NotStartsWith: f.notStartsWith,
      NotEndsWith: f.notEndsWith,
    })),
  };
}
