// CloudTrail's limits on a trail's event selectors (AWS CloudTrail User Guide, "Quotas in AWS
// CloudTrail" and "Logging data events"): the constructs refuse to exceed them and CLT13 reports
// templates that do.
import type { AdvancedSelector } from './trail-model';

/** The service principal CloudTrail acts as in key, bucket, topic and role policies. */
export const CLOUDTRAIL_SERVICE_PRINCIPAL = 'cloudtrail.amazonaws.com';

/** Basic event selectors per trail. */
export const MAX_BASIC_SELECTORS = 5;

/** Data resources (values) across all basic event selectors of a trail. */
export const MAX_DATA_RESOURCES = 250;

/** Values across all conditions of all advanced event selectors of a trail. */
export const MAX_ADVANCED_VALUES = 500;

/**
 * How many values a trail's advanced event selectors use, as CloudTrail counts them against
 * `MAX_ADVANCED_VALUES`: every value of every operator of every field selector.
 */
export function countAdvancedValues(selectors: readonly AdvancedSelector[]): number {
  let values = 0;
  for (const selector of selectors) {
    for (const field of selector.fieldSelectors) {
      for (const list of Object.values(field.operators)) values += list?.length ?? 0;
    }
  }
  return values;
}
