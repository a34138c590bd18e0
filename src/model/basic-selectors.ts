// What a basic event selector means, in one place: the advanced selectors with the same meaning (AWS
// CloudTrail API Reference, "EventSelector" and "DataResource"; AWS CloudFormation,
// "AWS::CloudTrail::Trail EventSelector" and "DataResource"). The event matcher judges basic selectors
// through it, CLT13 takes from it the data resource types basic selectors accept, and `lambda-trail
// remediate` converts a trail's basic selectors to advanced ones with it: a plan and a verdict read
// basic selectors alike.
import { AdvancedSelectorSpelling, FieldSelectorSpelling, managementEventsSelector, readWriteWords, spellAdvancedSelector } from './lambda-data-selector';
import { AdvancedSelector, BasicSelector, FieldSelector, readAdvancedSelectors, readBasicSelectors } from './trail-model';
import { hasUnknown, knownPrefix, printable, unknownValue } from './unknown-value';

/**
 * The data resource types a basic selector accepts ("DataResource": data events of every other type
 * need advanced selectors; CloudTrail rejects a basic selector with another type).
 */
export const BASIC_DATA_RESOURCE_TYPES: readonly string[] = ['AWS::DynamoDB::Table', 'AWS::Lambda::Function', 'AWS::S3::Object'];

const S3_OBJECT = 'AWS::S3::Object';

/** The ReadWriteTypes of a basic selector ("EventSelector": the default is All). */
const READ_WRITE_TYPES: readonly string[] = ['All', 'ReadOnly', 'WriteOnly'];

/**
 * A basic selector as the advanced selectors with the same meaning:
 * - ReadWriteType (default All) filters management and data events alike: ReadOnly is `readOnly
 *   Equals true`, WriteOnly is `readOnly Equals false`, All is no condition;
 * - IncludeManagementEvents (default true) is a management events selector, and
 *   ExcludeManagementEventSources is `eventSource NotEquals` those sources in it;
 * - each data resource with values is a selector of its type. A value of only a partition and a
 *   service (`arn:aws:lambda`, `arn:aws:s3`, `arn:aws:dynamodb`: "specify the prefix as
 *   arn:aws:lambda") is the prefix of every resource ARN of that partition and service
 *   (`resources.ARN StartsWith arn:aws:lambda:`); a value in another partition than the trail's
 *   names no resource it records. Any other S3 object value is a prefix of object ARNs (a bucket and
 *   an object prefix); any other value (a function or table ARN) is exact ("Lambda function ARNs are
 *   exact"). A data resource without values records nothing.
 * With `label` (`basic selector 2`), each advanced selector is named after it and what it records.
 */
export function basicAsAdvanced(selector: BasicSelector, label?: string): AdvancedSelector[] {
  const readOnly = selector.readWriteType === 'All' ? undefined
    : selector.readWriteType === 'ReadOnly' ? 'true' : selector.readWriteType === 'WriteOnly' ? 'false' : selector.readWriteType;
  const words = readWriteWords(readOnly);
  const readWrite: FieldSelector[] = readOnly === undefined ? [] : [{ field: 'readOnly', operators: { Equals: [readOnly] } }];
  const result: AdvancedSelector[] = [];
  if (selector.includeManagementEvents !== false) {
    const conditions: FieldSelectorSpelling[] = [
      // IncludeManagementEvents not known before deployment: a condition that is neither true nor false.
      ...(selector.includeManagementEvents === undefined ? [{ Field: 'eventCategory', Equals: [unknownValue('IncludeManagementEvents')] }] : []),
      ...(selector.excludeManagementEventSources.length > 0 ? [{ Field: 'eventSource', NotEquals: selector.excludeManagementEventSources }] : []),
    ];
    const [management] = readAdvancedSelectors([managementEventsSelector({ readOnly, conditions })]);
    result.push({ ...(label ? { name: `Management events: ${words} (${label})` } : {}), fieldSelectors: management.fieldSelectors });
  }
  for (const resource of selector.dataResources) {
    if (resource.values.length === 0) continue;
    const equals: string[] = [];
    const startsWith: string[] = [];
    for (const value of resource.values) {
      const known = knownPrefix(value);
      const everyResource = /^arn:[^:]+:[^:]+$/.test(value) || (hasUnknown(value) && (known.match(/:/g) ?? []).length < 3);
      if (everyResource) startsWith.push(`${value}:`);
      else if (resource.type === S3_OBJECT) startsWith.push(value);
      else equals.push(value);
    }
    result.push({
      ...(label ? { name: `${printable(resource.type)} data events: ${words} (${label})` } : {}),
      fieldSelectors: [
        { field: 'eventCategory', operators: { Equals: ['Data'] } },
        { field: 'resources.type', operators: { Equals: [resource.type] } },
        ...readWrite,
        { field: 'resources.ARN', operators: { ...(equals.length ? { Equals: equals } : {}), ...(startsWith.length ? { StartsWith: startsWith } : {}) } },
      ],
    });
  }
  return result;
}

/**
 * Basic selectors, as the CloudTrail API and CloudFormation spell them, as the advanced selectors
 * with the same meaning (`basicAsAdvanced`), in their order, each named after the basic selector it
 * comes from; or why they cannot be converted: a ReadWriteType or a data resource type basic
 * selectors do not define (CloudTrail rejects them, so they mean nothing to convert), or a value that
 * is not known.
 */
export function basicSelectorsAsAdvanced(
  selectors: readonly unknown[],
): { readonly selectors: AdvancedSelectorSpelling[] } | { readonly refusal: string } {
  const advanced: AdvancedSelectorSpelling[] = [];
  for (const [index, selector] of readBasicSelectors(selectors).entries()) {
    const label = `basic selector ${index + 1}`;
    const problem = notConvertible(selector);
    if (problem) return { refusal: `${label} ${problem}` };
    advanced.push(...basicAsAdvanced(selector, label).map(spellAdvancedSelector));
  }
  return { selectors: advanced };
}

function notConvertible(selector: BasicSelector): string | undefined {
  if (!READ_WRITE_TYPES.includes(selector.readWriteType)) {
    return `has ReadWriteType '${printable(selector.readWriteType)}'; expected ${READ_WRITE_TYPES.slice(0, -1).join(', ')} or ${READ_WRITE_TYPES[READ_WRITE_TYPES.length - 1]}`;
  }
  if (selector.includeManagementEvents === undefined) return 'has an IncludeManagementEvents that is not true or false; expected true or false';
  const type = selector.dataResources.map(r => r.type).find(t => !BASIC_DATA_RESOURCE_TYPES.includes(t));
  if (type !== undefined) {
    return `has a data resource of type '${printable(type)}', which basic selectors do not define; expected ${BASIC_DATA_RESOURCE_TYPES.join(', ')}`;
  }
  const unknown = [...selector.excludeManagementEventSources, ...selector.dataResources.flatMap(r => r.values)].find(hasUnknown);
  if (unknown !== undefined) return `has a value that is not known (${printable(unknown)})`;
  return undefined;
}
