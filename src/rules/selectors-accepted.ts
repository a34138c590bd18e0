import { LAMBDA_CONTROL } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { countAdvancedValues, MAX_ADVANCED_VALUES, MAX_BASIC_SELECTORS, MAX_DATA_RESOURCES } from '../model/cloudtrail-limits';
import { OPERATORS } from '../model/trail-model';
const EQUALS_ONLY_FIELDS = ['readOnly', 'eventCategory', 'resources.type'];

/** CLT13: selectors CloudTrail would reject at deployment. */
export const selectorsAccepted: TrailRule = {
  id: 'CLT13',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Event selectors CloudTrail would reject',
  explanation: 'CloudTrail rejects a trail with both basic and advanced selectors, over 5 basic selectors or 250 data resources, over 500 values across advanced selectors, or an operator other than Equals on readOnly, eventCategory or resources.type. The deployment would fail.',
  fix: 'Use advanced selectors only; record all functions with one selector instead of listing them; use only Equals on readOnly, eventCategory and resources.type.',
  controls: [LAMBDA_CONTROL],
  check({ trail }) {
    const problems: string[] = [];
    if (trail.basicSelectors.length > 0 && trail.advancedSelectors.length > 0) problems.push('basic and advanced event selectors are mixed');
    if (trail.basicSelectors.length > MAX_BASIC_SELECTORS) problems.push(`${trail.basicSelectors.length} basic selectors (at most ${MAX_BASIC_SELECTORS})`);
    const dataResources = trail.basicSelectors.flatMap(s => s.dataResources).reduce((n, r) => n + r.values.length, 0);
    if (dataResources > MAX_DATA_RESOURCES) problems.push(`${dataResources} data resources (at most ${MAX_DATA_RESOURCES})`);
    const fields = trail.advancedSelectors.flatMap(s => s.fieldSelectors);
    const values = countAdvancedValues(trail.advancedSelectors);
    if (values > MAX_ADVANCED_VALUES) problems.push(`${values} values across advanced selectors (at most ${MAX_ADVANCED_VALUES})`);
    for (const field of fields) {
      const used = OPERATORS.filter(op => field.operators[op] !== undefined);
      if (used.length === 0) problems.push(`field selector ${field.field} has no operator`);
      if (EQUALS_ONLY_FIELDS.includes(field.field) && used.some(op => op !== 'Equals')) {
        problems.push(`${field.field} accepts only Equals, not ${used.filter(op => op !== 'Equals').join(', ')}`);
      }
    }
    return problems.length ? problems.join('; ') : undefined;
  },
};
