// The selector change `remediate` makes, planned as a pure function of what GetEventSelectors returned.
// PutEventSelectors replaces a trail's whole selector set, so the plan starts from every selector the
// trail has and changes only what records Lambda data events (and adds management events the trail
// lacks); everything else is sent back exactly as it was read. Basic selectors stay basic unless the
// change cannot be expressed with them (then they are converted to the advanced ones the engine reads
// them as, `basicSelectorsAsAdvanced`); CloudTrail's limits are checked here, before anything is sent.
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import {
  basicSelectorsAsAdvanced, countAdvancedValues, MAX_ADVANCED_VALUES, MAX_BASIC_SELECTORS, MAX_DATA_RESOURCES, readAdvancedSelectors,
} from 'cdk-compliant-lambda-trail/engine';
import { planAdvanced } from './plan-advanced';
import { DEFAULT_BASIC_SELECTOR, planBasic } from './plan-basic';
import type { KindPlan, PlanInput } from './plan-input';
import type { TrailSelectors } from '../aws/trail-reader';
import { count } from '../output/count';

/** A trail's selectors: basic or advanced (CloudTrail never has both). */
export type SelectorSet =
  | { readonly kind: 'basic'; readonly selectors: readonly EventSelector[] }
  | { readonly kind: 'advanced'; readonly selectors: readonly AdvancedEventSelector[] };

/** What a selector set costs against CloudTrail's limits. */
export type SelectorCost =
  | { readonly kind: 'basic'; readonly selectors: number; readonly dataResources: number }
  | { readonly kind: 'advanced'; readonly values: number };

export interface SelectorPlan {
  readonly before: SelectorSet;
  /** What PutEventSelectors would send (equal to `before` when nothing changes). */
  readonly after: SelectorSet;
  readonly changed: boolean;
  /** Basic selectors converted to advanced ones, and why. */
  readonly convertedBecause?: string;
  /** Each change, for people. */
  readonly changes: readonly string[];
  /** Selectors sent back exactly as they were read. */
  readonly kept: readonly string[];
  /** What the plan deliberately leaves as it is, and what that means for the verdict. */
  readonly notes: readonly string[];
  readonly costBefore: SelectorCost;
  readonly costAfter: SelectorCost;
  /** Why the change cannot be made (over a CloudTrail limit, a selector that cannot be converted): nothing may be sent. */
  readonly refusal?: string;
}

function selectorSetOf(current: TrailSelectors): SelectorSet {
  if (current.advancedEventSelectors?.length) return { kind: 'advanced', selectors: current.advancedEventSelectors };
  return { kind: 'basic', selectors: current.eventSelectors ?? [] };
}

/** Plans the selectors that make the trail record the scope's Lambda data events, read and write. */
export function planSelectors(input: PlanInput): SelectorPlan {
  const before = selectorSetOf(input.current);
  const costBefore = costOf(before);
  if (before.kind === 'advanced') {
    return finish(before, costBefore, { kind: 'advanced', plan: planAdvanced(before.selectors, input) });
  }
  // No selectors at all means CloudTrail's default selector: plan from it, so that it is kept.
  const basic = before.selectors.length ? before.selectors : [DEFAULT_BASIC_SELECTOR];
  const basicPlan = planBasic(basic, input);
  const overLimit = basicPlan.needsAdvanced ? undefined : basicLimitProblem(basicPlan.selectors);
  const needsAdvanced = basicPlan.needsAdvanced ?? (overLimit ? `the change would need ${overLimit}` : undefined);
  if (!needsAdvanced) return finish(before, costBefore, { kind: 'basic', plan: basicPlan });
  // The engine's reading of the basic selectors (the one the verdict gives), as advanced selectors.
  const conversion = basicSelectorsAsAdvanced(basic);
  if ('refusal' in conversion) {
    return finish(before, costBefore, { kind: 'basic', plan: { ...basicPlan, refusal: `${needsAdvanced}, so the basic selectors must become advanced ones, but ${conversion.refusal}` } });
  }
  const advancedPlan = planAdvanced(conversion.selectors as AdvancedEventSelector[], input);
  const converted = `convert the ${count(basic.length, 'basic selector')} to ${count(conversion.selectors.length, 'advanced selector')} with the same meaning (${needsAdvanced})`;
  return finish(before, costBefore, { kind: 'advanced', plan: { ...advancedPlan, changes: [converted, ...advancedPlan.changes], kept: [] } }, needsAdvanced);
}

function finish(
  before: SelectorSet,
  costBefore: SelectorCost,
  planned: { kind: 'basic'; plan: KindPlan<EventSelector> } | { kind: 'advanced'; plan: KindPlan<AdvancedEventSelector> },
  convertedBecause?: string,
): SelectorPlan {
  const after: SelectorSet = planned.kind === 'basic'
    ? { kind: 'basic', selectors: planned.plan.selectors }
    : { kind: 'advanced', selectors: planned.plan.selectors };
  const changed = planned.plan.changes.length > 0;
  const costAfter = costOf(after);
  const refusal = planned.plan.refusal ?? (changed ? limitProblem(after) : undefined);
  return {
    before,
    after: changed ? after : before,
    changed,
    ...(convertedBecause && changed ? { convertedBecause } : {}),
    changes: planned.plan.changes,
    kept: planned.plan.kept,
    notes: planned.plan.notes,
    costBefore,
    costAfter: changed ? costAfter : costBefore,
    ...(refusal ? { refusal } : {}),
  };
}

function costOf(set: SelectorSet): SelectorCost {
  if (set.kind === 'advanced') return { kind: 'advanced', values: advancedValues(set.selectors) };
  return { kind: 'basic', selectors: set.selectors.length, dataResources: dataResourceCount(set.selectors) };
}

/** `3 of 5 basic selectors, 12 of 250 data resources` / `14 of 500 advanced selector values`. */
export function describeCost(cost: SelectorCost): string {
  if (cost.kind === 'advanced') return `${cost.values} of ${MAX_ADVANCED_VALUES} advanced selector values`;
  return `${cost.selectors} of ${MAX_BASIC_SELECTORS} basic selectors, ${cost.dataResources} of ${MAX_DATA_RESOURCES} data resources`;
}

/** Values across every condition of the advanced selectors, as CloudTrail counts them (the engine's count, the one CLT13 uses). */
export function advancedValues(selectors: readonly AdvancedEventSelector[]): number {
  return countAdvancedValues(readAdvancedSelectors(selectors as unknown[]));
}

function dataResourceCount(selectors: readonly EventSelector[]): number {
  return selectors.flatMap(s => s.DataResources ?? []).reduce((n, r) => n + (r.Values?.length ?? 0), 0);
}

function basicLimitProblem(selectors: readonly EventSelector[]): string | undefined {
  const problems: string[] = [];
  if (selectors.length > MAX_BASIC_SELECTORS) problems.push(`${selectors.length} basic selectors (CloudTrail allows ${MAX_BASIC_SELECTORS})`);
  const resources = dataResourceCount(selectors);
  if (resources > MAX_DATA_RESOURCES) problems.push(`${resources} data resources (CloudTrail allows ${MAX_DATA_RESOURCES})`);
  return problems.length ? problems.join(' and ') : undefined;
}

function limitProblem(set: SelectorSet): string | undefined {
  if (set.kind === 'basic') {
    const problem = basicLimitProblem(set.selectors);
    return problem ? `the change would need ${problem}` : undefined;
  }
  const values = advancedValues(set.selectors);
  if (values <= MAX_ADVANCED_VALUES) return undefined;
  return `the change would need ${values} advanced selector values, over CloudTrail's limit of ${MAX_ADVANCED_VALUES} per trail`;
}
