// The advanced event selectors this library writes, in the spelling of CloudFormation and of the
// CloudTrail API (the same field and operator names): the constructs render them (through
// src/trail/lambda-selector.ts) and the `lambda-trail remediate` command sends them, so a trail
// changed by either records exactly the same events.
import { isQualifiedFunctionArn } from './lambda-arns';

/** `include`: record only these ARNs; `exclude`: record all but these; no mode: every function. */
export type ArnCondition = 'include' | 'exclude' | undefined;

/** One condition of an advanced event selector, as CloudFormation and the API spell it. */
export interface FieldSelectorSpelling {
  readonly Field: string;
  readonly Equals?: string[];
  readonly StartsWith?: string[];
  readonly NotEquals?: string[];
  readonly NotStartsWith?: string[];
}

/** An advanced event selector, as CloudFormation and the API spell it. */
export interface AdvancedSelectorSpelling {
  readonly Name: string;
  readonly FieldSelectors: FieldSelectorSpelling[];
}

/** The name of the Lambda data event selector for a selection of `count` ARNs. */
export function lambdaSelectorName(condition: ArnCondition, count: number): string {
  switch (condition) {
    case 'include': return `Lambda data events: only ${count} function(s)`;
    case 'exclude': return `Lambda data events: all functions except ${count}`;
    default: return 'Lambda data events: all functions';
  }
}

/**
 * The Lambda data event selector: Data events of AWS::Lambda::Function, read and write, optionally
 * limited by ARN. An unqualified ARN also matches its versions and aliases (`<arn>:<qualifier>`),
 * whichever ARN CloudTrail writes in the event; a qualified ARN matches only itself.
 *
 * @param isUnresolved true for a value that is not known yet (a CDK token): it may be unqualified,
 *   so its qualified forms are added too
 */
export function lambdaDataSelector(
  condition: ArnCondition, arns: readonly string[], isUnresolved: (arn: string) => boolean = () => false,
): AdvancedSelectorSpelling {
  const fieldSelectors: FieldSelectorSpelling[] = [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
  ];
  const prefixes = arns.filter(arn => isUnresolved(arn) || !isQualifiedFunctionArn(arn)).map(arn => `${arn}:`);
  if (condition === 'include') {
    fieldSelectors.push({ Field: 'resources.ARN', Equals: [...arns], ...(prefixes.length ? { StartsWith: prefixes } : {}) });
  } else if (condition === 'exclude') {
    fieldSelectors.push({ Field: 'resources.ARN', NotEquals: [...arns], ...(prefixes.length ? { NotStartsWith: prefixes } : {}) });
  }
  return { Name: lambdaSelectorName(condition, arns.length), FieldSelectors: fieldSelectors };
}

/** The selector that records management events, read and write (with advanced selectors, none are recorded without one). */
export function managementEventsSelector(): AdvancedSelectorSpelling {
  return { Name: 'Management events: read and write', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
}
