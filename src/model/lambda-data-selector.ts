// The advanced event selectors this library writes, in the spelling of CloudFormation and of the
// CloudTrail API (the same field and operator names): the constructs render them (through
// src/trail/lambda-selector.ts) and the `lambda-trail remediate` command sends them, so a trail
// changed by either records exactly the same events.
import { isQualifiedFunctionArn } from './lambda-arns';
import { AdvancedSelector, FieldSelector, OPERATORS } from './trail-model';
import { printable } from './unknown-value';

/** `include`: record only these ARNs; `exclude`: record all but these; no mode: every function. */
export type ArnCondition = 'include' | 'exclude' | undefined;

/** One condition of an advanced event selector, as CloudFormation and the API spell it. */
export interface FieldSelectorSpelling {
  readonly Field: string;
  readonly Equals?: string[];
  readonly StartsWith?: string[];
  readonly EndsWith?: string[];
  readonly NotEquals?: string[];
  readonly NotStartsWith?: string[];
  readonly NotEndsWith?: string[];
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

/** What a management events selector records besides its category: one side, further conditions, a name. */
export interface ManagementSelectorOptions {
  /** `readOnly` Equals this value: 'true' (read-only events) or 'false' (write events); both sides when absent. */
  readonly readOnly?: string;
  /** Further conditions: the sources a user chose to exclude (`eventSource NotEquals kms.amazonaws.com`). */
  readonly conditions?: readonly FieldSelectorSpelling[];
  /** @default - `Management events: <read and write | read | write>` */
  readonly name?: string;
}

/**
 * The selector that records management events: every one, read and write, unless limited to one side
 * or by conditions. With advanced selectors, management events are recorded only by such a selector;
 * a trail without selectors records what the one with no options records. The constructs, the event
 * matcher (for basic selectors and trails without selectors), the checks' declared external trails and
 * `lambda-trail remediate` all take it from here.
 */
export function managementEventsSelector(options: ManagementSelectorOptions = {}): AdvancedSelectorSpelling {
  const { readOnly, conditions = [] } = options;
  return {
    Name: options.name ?? `Management events: ${readWriteWords(readOnly)}`,
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Management'] },
      ...(readOnly !== undefined ? [{ Field: 'readOnly', Equals: [readOnly] }] : []),
      ...conditions,
    ],
  };
}

/** `read and write` (no readOnly condition), `read` (readOnly true), `write` (readOnly false). */
export function readWriteWords(readOnly: string | undefined): string {
  if (readOnly === undefined) return 'read and write';
  if (readOnly === 'true') return 'read';
  if (readOnly === 'false') return 'write';
  return `readOnly ${printable(readOnly)}`;
}

/** A condition of the model (`readAdvancedSelectors` reads the spelling into it) as CloudFormation and the API spell it. */
export function spellFieldSelector(selector: FieldSelector): FieldSelectorSpelling {
  const operators = OPERATORS.filter(op => selector.operators[op] !== undefined).map(op => ({ [op]: [...selector.operators[op]!] }));
  return Object.assign({ Field: selector.field }, ...operators);
}

/** An advanced selector of the model as CloudFormation and the API spell it (a selector without a name gets an empty one). */
export function spellAdvancedSelector(selector: AdvancedSelector): AdvancedSelectorSpelling {
  return { Name: selector.name ?? '', FieldSelectors: selector.fieldSelectors.map(spellFieldSelector) };
}
