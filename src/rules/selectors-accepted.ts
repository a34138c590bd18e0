import { LAMBDA_CONTROL } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { BASIC_DATA_RESOURCE_TYPES } from '../model/basic-selectors';
import { countAdvancedValues, MAX_ADVANCED_VALUES, MAX_BASIC_SELECTORS, MAX_DATA_RESOURCES } from '../model/cloudtrail-limits';
import { AdvancedSelector, FieldSelector, Operator, OPERATORS } from '../model/trail-model';
import { hasUnknown, NOT_KNOWN, printable } from '../model/unknown-value';

/**
 * The fields and operators a trail's advanced event selectors accept, per event category (AWS
 * CloudFormation, "AWS::CloudTrail::Trail AdvancedFieldSelector"; AWS CloudTrail API Reference,
 * "AdvancedFieldSelector"). Fields the documentation lists only for event data stores (eventName,
 * eventType, sessionCredentialFromConsole and userIdentity.arn on management events) and the
 * categories only event data stores have (Insight, ConfigurationItem, Evidence, ActivityAuditLog)
 * are rejected on a trail.
 */
interface FieldRule {
  readonly operators: readonly Operator[];
  /** The only values it accepts. */
  readonly values?: readonly string[];
}
const ANY: readonly Operator[] = OPERATORS;
const EQUALS: readonly Operator[] = ['Equals'];
const TRAIL_FIELDS: Record<string, Record<string, FieldRule>> = {
  Management: {
    eventCategory: { operators: EQUALS },
    readOnly: { operators: EQUALS, values: ['true', 'false'] },
    // For management events on trails: only NotEquals kms.amazonaws.com or rdsdata.amazonaws.com.
    eventSource: { operators: ['NotEquals'], values: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
  },
  Data: {
    'eventCategory': { operators: EQUALS },
    'resources.type': { operators: EQUALS },
    'readOnly': { operators: EQUALS, values: ['true', 'false'] },
    'eventName': { operators: ANY },
    'eventSource': { operators: ANY },
    'eventType': { operators: ANY },
    'resources.ARN': { operators: ANY },
    'sessionCredentialFromConsole': { operators: ['Equals', 'NotEquals'] },
    'userIdentity.arn': { operators: ANY },
  },
  NetworkActivity: {
    'eventCategory': { operators: EQUALS },
    'eventSource': { operators: EQUALS },
    'eventName': { operators: ANY },
    'errorCode': { operators: EQUALS, values: ['VpceAccessDenied'] },
    'vpcEndpointId': { operators: ANY },
    'userIdentity.arn': { operators: ANY },
  },
};
const EVENT_DATA_STORE_CATEGORIES = ['Insight', 'ConfigurationItem', 'Evidence', 'ActivityAuditLog'];
/** Basic selectors may exclude only these sources (AWS CloudFormation, "AWS::CloudTrail::Trail EventSelector"). */
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

/** CLT13: selectors CloudTrail would reject at deployment. */
export const selectorsAccepted: TrailRule = {
  id: 'CLT13',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Event selectors CloudTrail would reject',
  explanation: 'CloudTrail rejects a trail with both basic and advanced selectors, over 5 basic selectors or 250 data resources, a basic data resource of a type other than AWS::DynamoDB::Table, AWS::Lambda::Function and AWS::S3::Object (AWS CloudTrail API Reference, "DataResource"), ExcludeManagementEventSources other than kms.amazonaws.com and rdsdata.amazonaws.com, over 500 values across advanced selectors, an advanced selector without eventCategory, a data selector without exactly one resources.type, and a field or operator its event category does not accept on a trail (AWS CloudFormation, "AWS::CloudTrail::Trail AdvancedFieldSelector"): management selectors accept only eventCategory, readOnly and eventSource NotEquals kms.amazonaws.com or rdsdata.amazonaws.com; readOnly, eventCategory and resources.type accept only Equals. The deployment would fail.',
  fix: 'Use advanced selectors only (they accept every data resource type); record all functions with one selector instead of listing them; give every data selector eventCategory Equals Data and one resources.type; use only the fields and operators the AdvancedFieldSelector documentation lists for trails.',
  liveFix: 'Replace the selectors with ones CloudTrail accepts (advanced selectors only, within its limits): lambda-trail remediate --trail TRAIL_ARN --all plans them when the others are valid; otherwise aws cloudtrail put-event-selectors --trail-name TRAIL_ARN.',
  controls: [LAMBDA_CONTROL],
  undecided: 'When the selectors, or fields or values in them, are not known before deployment (a parameter, an import, a condition that removes an element): CLT0 naming CLT13. A template is never faulted for what holds in only some scenarios of its conditions.',
  check({ trail }) {
    if (trail.selectorsUnknown) return new Undecided(`the event selectors are ${NOT_KNOWN}`);
    const problems: string[] = [];
    const unknown: string[] = [];
    if (trail.basicSelectors.length > 0 && trail.advancedSelectors.length > 0) problems.push('basic and advanced event selectors are mixed');
    if (trail.basicSelectors.length > MAX_BASIC_SELECTORS) problems.push(`${trail.basicSelectors.length} basic selectors (at most ${MAX_BASIC_SELECTORS})`);
    const dataResources = trail.basicSelectors.flatMap(s => s.dataResources).reduce((n, r) => n + r.values.length, 0);
    if (dataResources > MAX_DATA_RESOURCES) problems.push(`${dataResources} data resources (at most ${MAX_DATA_RESOURCES})`);
    for (const type of new Set(trail.basicSelectors.flatMap(s => s.dataResources.map(r => r.type)))) {
      if (hasUnknown(type)) unknown.push(`the Type of a basic selector's data resource (${printable(type)})`);
      else if (!BASIC_DATA_RESOURCE_TYPES.includes(type)) problems.push(`a basic selector's data resource has Type '${type}'; basic selectors accept only ${BASIC_DATA_RESOURCE_TYPES.join(', ')} (other types need advanced selectors)`);
    }
    for (const source of trail.basicSelectors.flatMap(s => s.excludeManagementEventSources)) {
      if (hasUnknown(source)) unknown.push(`ExcludeManagementEventSources ${printable(source)}`);
      else if (!EXCLUDABLE_SOURCES.includes(source)) problems.push(`ExcludeManagementEventSources accepts only ${EXCLUDABLE_SOURCES.join(' and ')}, not ${source}`);
    }
    const values = countAdvancedValues(trail.advancedSelectors);
    if (values > MAX_ADVANCED_VALUES) problems.push(`${values} values across advanced selectors (at most ${MAX_ADVANCED_VALUES})`);
    trail.advancedSelectors.forEach((selector, i) => checkSelector(selector, `selector ${selector.name !== undefined ? `'${printable(selector.name)}'` : i + 1}`, problems, unknown));
    if (problems.length) return problems.join('; ');
    return unknown.length ? new Undecided(`${NOT_KNOWN}: ${unknown.join('; ')}`) : undefined;
  },
};

function checkSelector(selector: AdvancedSelector, label: string, problems: string[], unknown: string[]): void {
  if (selector.fieldSelectors.length === 0) {
    problems.push(`${label} has no field selectors`);
    return;
  }
  const categories = selector.fieldSelectors.filter(f => f.field === 'eventCategory');
  const categoryValues = categories.flatMap(f => f.operators.Equals ?? []);
  if (categories.length === 0) {
    if (selector.fieldSelectors.some(f => hasUnknown(f.field))) unknown.push(`${label}: a field name`);
    else problems.push(`${label} has no eventCategory field selector (it is required)`);
  }
  const knownCategories = categoryValues.filter(v => !hasUnknown(v));
  if (categoryValues.some(hasUnknown)) unknown.push(`${label}: eventCategory`);
  for (const category of knownCategories) {
    if (!TRAIL_FIELDS[category]) {
      problems.push(`${label}: eventCategory ${category} ${EVENT_DATA_STORE_CATEGORIES.includes(category) ? 'is for event data stores only, not trails' : 'is not an event category (Management, Data or NetworkActivity on a trail)'}`);
    }
  }
  // A field is accepted when one of the selector's categories accepts it (several categories in one
  // selector are not documented: the checks do not reject what they cannot show to be rejected).
  const rules = knownCategories.filter(c => TRAIL_FIELDS[c]).map(c => TRAIL_FIELDS[c]);
  const typeSelectors = selector.fieldSelectors.filter(f => f.field === 'resources.type');
  if (knownCategories.includes('Data') && knownCategories.length === 1 && categoryValues.length === 1) {
    if (typeSelectors.length === 0) problems.push(`${label}: a data event selector needs a resources.type field selector`);
  }
  if (typeSelectors.length > 1) problems.push(`${label}: only one resources.type field selector is allowed per selector`);
  if (knownCategories.includes('NetworkActivity') && knownCategories.length === 1 && !selector.fieldSelectors.some(f => f.field === 'eventSource')) {
    problems.push(`${label}: a network activity event selector needs an eventSource field selector`);
  }
  for (const field of selector.fieldSelectors) checkField(field, label, rules, knownCategories, problems, unknown);
}

function checkField(
  field: FieldSelector, label: string, rules: readonly Record<string, FieldRule>[], categories: readonly string[],
  problems: string[], unknown: string[],
): void {
  const used = OPERATORS.filter(op => field.operators[op] !== undefined);
  if (hasUnknown(field.field)) {
    unknown.push(`${label}: field ${printable(field.field)}`);
    return;
  }
  if (!/^[\w.]+$/.test(field.field)) problems.push(`${label}: ${field.field} is not a field name`);
  if (used.length === 0) problems.push(`${label}: field selector ${field.field} has no operator`);
  for (const op of used) {
    if ((field.operators[op] ?? []).length === 0) problems.push(`${label}: ${field.field} ${op} has no values (at least one is required)`);
  }
  if (rules.length === 0) return;
  const accepting = rules.map(r => r[field.field]).filter((r): r is FieldRule => r !== undefined);
  if (accepting.length === 0) {
    problems.push(`${label}: ${field.field} is not a field a trail accepts for ${categories.join(' or ')} events`);
    return;
  }
  const badOperators = used.filter(op => !accepting.some(r => r.operators.includes(op)));
  if (badOperators.length) {
    const allowed = [...new Set(accepting.flatMap(r => r.operators))];
    problems.push(`${label}: ${field.field} accepts only ${allowed.join(', ')}, not ${badOperators.join(', ')}`);
  }
  for (const op of used.filter(o => !badOperators.includes(o))) {
    for (const value of field.operators[op] ?? []) {
      if (hasUnknown(value)) {
        if (accepting.some(r => r.values)) unknown.push(`${label}: ${field.field} ${op} ${printable(value)}`);
        continue;
      }
      if (accepting.every(r => r.values && !r.values.includes(value))) {
        const allowed = [...new Set(accepting.flatMap(r => r.values ?? []))];
        problems.push(`${label}: ${field.field} ${op} accepts only ${allowed.join(', ')}, not ${value}`);
      }
    }
  }
}
