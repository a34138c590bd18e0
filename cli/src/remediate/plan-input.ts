// What planning a selector change starts from (the trail's selectors, the functions to record) and
// what planning in one selector kind returns: shared by selector-plan.ts and the planners of each
// kind (plan-basic.ts, plan-advanced.ts), which it calls.
import type { TrailSelectors } from '../aws/trail-reader';

/** Which functions the trail should record Lambda data events for. */
export type FunctionScope =
  | { readonly mode: 'all' }
  /** The backout plan: only these function ARNs (unqualified ones with their versions and aliases). */
  | { readonly mode: 'only'; readonly arns: readonly string[] };

/** What a selector change is planned from. */
export interface PlanInput {
  readonly current: TrailSelectors;
  readonly scope: FunctionScope;
  /** The trail's partition (`arn:<partition>:lambda` is every function in a basic selector). */
  readonly partition: string;
  /**
   * Add the management events (read, write) the trail does not record. False when another logging
   * trail of its account and regions records them (the audit raises no CLT4): every further copy of
   * management events is billed, and the control holds for the trails together.
   */
  readonly managementNeeded: boolean;
}

/** The outcome of planning in one selector kind: the new set, or the reason it needs advanced selectors. */
export interface KindPlan<S> {
  readonly selectors: readonly S[];
  readonly changes: string[];
  readonly kept: string[];
  readonly notes: string[];
  /** Basic only: why the change cannot be made with basic selectors. */
  readonly needsAdvanced?: string;
  /** Why the change cannot be made at all. */
  readonly refusal?: string;
}
