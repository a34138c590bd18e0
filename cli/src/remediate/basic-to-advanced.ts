// Basic event selectors as advanced ones with the same meaning (AWS CloudTrail API Reference,
// "EventSelector", "DataResource", "AdvancedFieldSelector"):
// - a basic selector's ReadWriteType applies to its management events and to every data resource in
//   it: ReadOnly is `readOnly Equals true`, WriteOnly is `readOnly Equals false`, All is no condition;
// - IncludeManagementEvents (true unless false) is a selector with `eventCategory Equals Management`,
//   and ExcludeManagementEventSources is `eventSource NotEquals` those sources;
// - each data resource is a selector with `eventCategory Equals Data` and `resources.type Equals` its
//   type. `arn:<partition>:s3`, `arn:<partition>:lambda` and `arn:<partition>:dynamodb` mean every
//   resource of the type (no ARN condition); other S3 values are prefixes of object ARNs
//   (`resources.ARN StartsWith`); Lambda function and DynamoDB table ARNs are exact (`Equals`).
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { EVERY_FUNCTION_DATA_RESOURCE } from 'cdk-compliant-lambda-trail/engine';

const S3_OBJECT = 'AWS::S3::Object';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
const DYNAMODB_TABLE = 'AWS::DynamoDB::Table';

/** The value that stands for every resource of a basic data resource type. */
const EVERY_RESOURCE: Record<string, RegExp> = {
  [S3_OBJECT]: /^arn:[a-z-]+:s3(:::)?$/,
  [LAMBDA_FUNCTION]: EVERY_FUNCTION_DATA_RESOURCE,
  [DYNAMODB_TABLE]: /^arn:[a-z-]+:dynamodb$/,
};

/** True when `value` of a basic data resource of `type` means every resource of the type. */
export function isEveryResource(type: string | undefined, value: string): boolean {
  return EVERY_RESOURCE[type ?? '']?.test(value) ?? false;
}

/** The advanced selectors with the meaning of these basic ones, in their order; or why they cannot be converted. */
export function basicToAdvanced(selectors: readonly EventSelector[]): { readonly selectors: AdvancedEventSelector[] } | { readonly refusal: string } {
  const advanced: AdvancedEventSelector[] = [];
  for (const [index, selector] of selectors.entries()) {
    const label = `basic selector ${index + 1}`;
    const readWrite = selector.ReadWriteType ?? 'All';
    if (!['All', 'ReadOnly', 'WriteOnly'].includes(readWrite)) return { refusal: `${label} has ReadWriteType '${readWrite}'; expected All, ReadOnly or WriteOnly` };
    const readOnly: AdvancedFieldSelector[] = readWrite === 'All' ? [] : [{ Field: 'readOnly', Equals: [readWrite === 'ReadOnly' ? 'true' : 'false'] }];
    const kind = readWrite === 'All' ? 'read and write' : readWrite === 'ReadOnly' ? 'read' : 'write';
    if (selector.IncludeManagementEvents !== false) {
      const excluded = selector.ExcludeManagementEventSources ?? [];
      advanced.push({
        Name: `Management events: ${kind} (${label})`,
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          ...readOnly,
          ...(excluded.length ? [{ Field: 'eventSource', NotEquals: [...excluded] }] : []),
        ],
      });
    }
    for (const resource of selector.DataResources ?? []) {
      const type = resource.Type ?? '';
      if (!(type in EVERY_RESOURCE)) {
        return { refusal: `${label} has a data resource of type '${type}', which basic selectors do not define; expected ${Object.keys(EVERY_RESOURCE).join(', ')}` };
      }
      const values = resource.Values ?? [];
      // A data resource without values records nothing: it has no advanced equivalent to keep.
      if (values.length === 0) continue;
      const every = values.some(v => isEveryResource(type, v));
      const arnCondition: AdvancedFieldSelector[] = every ? [] : [type === S3_OBJECT ? { Field: 'resources.ARN', StartsWith: [...values] } : { Field: 'resources.ARN', Equals: [...values] }];
      advanced.push({
        Name: `${type} data events: ${kind} (${label})`,
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: [type] },
          ...readOnly,
          ...arnCondition,
        ],
      });
    }
  }
  return { selectors: advanced };
}
