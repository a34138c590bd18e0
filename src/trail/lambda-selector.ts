// Internal: the advanced event selectors of a trail, in the L1 (CfnTrail) form and in the
// CloudFormation form the checks read. Their shape is defined once, in src/model/lambda-data-selector.ts,
// which the `lambda-trail remediate` command also writes to live trails.
import { Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { AdvancedSelectorSpelling, ArnCondition, lambdaDataSelector, managementEventsSelector } from '../model/lambda-data-selector';

export type { ArnCondition } from '../model/lambda-data-selector';

/** The Lambda data event selector: Data events of AWS::Lambda::Function, optionally limited by ARN. */
export function lambdaSelector(name: string, condition: ArnCondition, arns: string[]): CfnTrail.AdvancedEventSelectorProperty {
  return { ...toL1(lambdaDataSelector(condition, arns, arn => Token.isUnresolved(arn))), name };
}

/** The management events selector (read and write). */
export function managementSelector(): CfnTrail.AdvancedEventSelectorProperty {
  return toL1(managementEventsSelector());
}

function toL1(selector: AdvancedSelectorSpelling): CfnTrail.AdvancedEventSelectorProperty {
  return {
    name: selector.Name,
    fieldSelectors: selector.FieldSelectors.map(f => ({
      field: f.Field,
      ...(f.Equals ? { equalTo: f.Equals } : {}),
      ...(f.StartsWith ? { startsWith: f.StartsWith } : {}),
      ...(f.NotEquals ? { notEquals: f.NotEquals } : {}),
      ...(f.NotStartsWith ? { notStartsWith: f.NotStartsWith } : {}),
    })),
  };
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
