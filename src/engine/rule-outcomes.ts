// What a rule said in each scenario, and the findings that follow: a finding when it holds in every
// scenario, CLT0 about the rule when it is undecided or holds in some only.
import { RawFinding } from './types';
import { describeScenario, Scenario } from '../model/template-evaluator';
import { NOT_KNOWN_BECAUSE, printable } from '../model/unknown-value';
import { RuleInfo, Undecided } from '../rules/rule';
import { CHECKS_OWN_RULES } from '../rules/rule-list';

export type Outcome = { kind: 'finding'; detail: string } | { kind: 'ok' } | { kind: 'undecided'; reason: string };

/**
 * What a rule says: a finding, nothing, or undecided (what it could not know, as an `Undecided`). A rule
 * that throws has a defect: the exception goes on to the caller, which stops the judgement
 * (judging-stopped.ts) rather than report a defect as a finding.
 */
export function runRule(check: () => string | undefined | Undecided): Outcome {
  const result = check();
  if (result === undefined) return { kind: 'ok' };
  if (result instanceof Undecided) return { kind: 'undecided', reason: result.reason };
  return { kind: 'finding', detail: result };
}

/** A scenario of a trail's conditions, and what of the trail is not known in it. */
export interface ScenarioUnknowns {
  readonly scenario: Scenario;
  readonly unknowns: readonly string[];
}

/**
 * One rule over every scenario of the conditions: a finding when it holds in every scenario (where the
 * resource exists), nothing when in none, CLT0 naming the rule otherwise.
 */
export function combineResults(rule: RuleInfo, results: readonly (Outcome | undefined)[], perScenario: readonly ScenarioUnknowns[]): RawFinding[] {
  const outcomes = results.map((r, i) => ({ r, ...perScenario[i] })).filter((x): x is ScenarioUnknowns & { r: Outcome } => x.r !== undefined);
  if (outcomes.length === 0) return [];
  const findings = outcomes.filter(x => x.r.kind === 'finding');
  if (findings.length === outcomes.length) {
    return [finding(rule, (findings[0].r as { detail: string }).detail)];
  }
  const undecided = outcomes.filter(x => x.r.kind === 'undecided');
  if (undecided.length === 0 && findings.length === 0) return [];
  const reasons = [
    ...undecided.map(x => withUnknowns((x.r as { reason: string }).reason, x.unknowns)),
    ...(findings.length > 0 ? [`it holds only when ${findings.map(x => describeScenario(x.scenario)).join(' or when ')} (${(findings[0].r as { detail: string }).detail})`] : []),
  ];
  return [undecidedFinding(rule, `could not decide ${rule.id} (${rule.title}): ${[...new Set(reasons)].join('; ')}`)];
}

/** A rule's reason with what is not known in its scenario, unless the reason names it already (the audit's API errors). */
function withUnknowns(reason: string, unknowns: readonly string[]): string {
  const missing = unknowns.filter(u => !printable(reason).includes(u));
  return missing.length > 0 ? `${reason} (${NOT_KNOWN_BECAUSE}${missing.join('; ')})` : reason;
}

export function finding(rule: RuleInfo, detail: string): RawFinding {
  return { rule, level: rule.level, detail };
}

/** CLT0 about a rule it could not decide: acknowledging that rule acknowledges this too. */
export function undecidedFinding(about: RuleInfo, detail: string): RawFinding {
  return { rule: CHECKS_OWN_RULES.CLT0, level: CHECKS_OWN_RULES.CLT0.level, detail, about: about.id };
}
