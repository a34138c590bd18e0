// What `remediate` prints: the plan (the trail, who owns it, the writes, the exact selectors before and
// after with their cost against CloudTrail's limits, what is kept and why) and the verdict of the
// trail as the change leaves it; with --format json, the same as one document.
import { MAX_ADVANCED_VALUES, MAX_BASIC_SELECTORS, MAX_DATA_RESOURCES, printable } from 'cdk-compliant-lambda-trail/engine';
import { findingLines } from './summary';
import type { RemediationOutcome } from '../remediate/run-remediate';
import { describeCost, SelectorSet } from '../remediate/selector-plan';

export function formatPlan(outcome: RemediationOutcome): string {
  const { trail, plan, owner } = outcome;
  const lines: string[] = [`lambda-trail remediate: ${trail.arn}`];
  lines.push(`  account ${trail.account}, home region ${trail.homeRegion} (changes are made there), ${trail.multiRegion ? 'multi-region' : 'single-region'}, `
    + `${trail.organizationTrail ? 'organization trail' : 'not an organization trail'}, ${trail.isLogging ? 'logging' : 'not logging'}`);
  if ('stackName' in owner) {
    lines.push(`  owner: CloudFormation stack ${owner.stackName}${owner.logicalId ? ` (logical id ${owner.logicalId})` : ''}: the change belongs in that stack's code.`);
    lines.push(`    In CDK: ${outcome.scope.mode === 'all' ? 'CompliantLambdaTrail (every function, read and write)' : 'CostLimitedLambdaTrail with LambdaFunctionSelection.only([...]) (these functions), and CompliantLambdaTrail under the same id to go back'}; in a template: the trail's AdvancedEventSelectors as below.`);
  } else if ('unknown' in owner) {
    lines.push(`  owner: unknown (${owner.unknown})`);
  } else {
    lines.push('  owner: no CloudFormation stack (no aws:cloudformation:stack-name tag)');
  }
  lines.push(`  functions: ${outcome.scope.mode === 'all' ? 'every function, read and write (--all)' : `only ${outcome.functions.map(f => (f.given === f.arn ? f.arn : `${f.given} (${f.arn})`)).join(', ')}, read and write, with their versions and aliases (--only)`}`);
  lines.push('');

  if (outcome.steps.length === 0) {
    lines.push('Nothing to change: the trail already records what was asked, and is logging.');
  } else {
    lines.push(outcome.apply ? 'Changes:' : 'Changes (dry run: nothing is changed without --apply):');
    for (const [index, step] of outcome.steps.entries()) {
      lines.push(`  ${index + 1}. ${step.action}: ${step.does}`);
      if (step.action === 'cloudtrail:PutEventSelectors') for (const change of plan.changes) lines.push(`       - ${change}`);
      if (step.action === 'cloudtrail:StartLogging') lines.push('       - the trail is not logging, so it records nothing (CLT7)');
    }
  }
  if (plan.changed && plan.kept.length) lines.push(`Kept exactly as read: ${plan.kept.join(', ')}`);
  if (outcome.functions.some(f => f.unchecked)) {
    for (const f of outcome.functions.filter(x => x.unchecked)) lines.push(`Note: ${f.unchecked}`);
  }
  for (const note of plan.notes) lines.push(`Note: ${note}`);
  lines.push('');
  lines.push(`Event selectors before (${plan.before.kind}; ${describeCost(plan.costBefore)}):`);
  lines.push(...selectorLines(plan.before));
  if (plan.changed) {
    lines.push(`Event selectors after (${plan.after.kind}; ${describeCost(plan.costAfter)}):`);
    lines.push(...selectorLines(plan.after));
  }
  lines.push('');

  const result = resultLines(outcome);
  if (result.length) lines.push(...result, '');
  lines.push(...verdictLines(outcome));
  return `${lines.join('\n')}\n`;
}

function selectorLines(set: SelectorSet): string[] {
  if (set.selectors.length === 0) return ['  (none: CloudTrail records management events, read and write, and no data events)'];
  // One selector per line, exactly as sent (or read): what is kept reads the same before and after.
  return set.selectors.map(selector => `  ${JSON.stringify(selector)}`);
}

function resultLines(outcome: RemediationOutcome): string[] {
  if (outcome.refusal) return [`Refused, nothing was changed: ${outcome.refusal}`];
  if (!outcome.apply) return outcome.steps.length ? ['Dry run: nothing was changed. Run the same command with --apply to make these changes.'] : [];
  const lines: string[] = [];
  for (const step of outcome.applied) lines.push(`Applied: ${step.action} (${step.does})`);
  for (const step of outcome.notApplied) lines.push(`Not applied: ${step.action} (${step.does})`);
  if (outcome.failure) lines.push(`Failed: ${outcome.failure}`);
  if (outcome.verification) lines.push(`Check failed: ${outcome.verification}`);
  return lines;
}

function verdictLines(outcome: RemediationOutcome): string[] {
  const { verdict, trail } = outcome;
  const heading = {
    'current': 'Verdict (the trail as it is)',
    'predicted': outcome.verification ? 'Verdict after the change (predicted: the trail could not be read back)' : 'Verdict after the change (predicted)',
    'read back': 'Verdict after the change (read back from CloudTrail)',
  }[verdict.basis];
  const lines = [`${heading}, as lambda-trail audit judges account ${outcome.caller}, region ${trail.homeRegion}:`];
  const entry = verdict.trail;
  if (!entry) return [...lines, '  the trail is not in the verdict'];
  lines.push(`  trail ${printable(entry.path)} [${entry.status}] records Lambda invocations of: ${printable(entry.lambdaScope)}`);
  findingLines(entry.findings, lines);
  // What the change leaves open, so that a verdict that stays non-compliant is no surprise.
  const open = [...new Set(entry.findings.filter(f => !f.acknowledged).map(f => f.id))];
  if (open.length && !outcome.refusal) {
    const what = verdict.basis === 'current' ? 'open' : `open after ${verdict.basis === 'predicted' ? 'this' : 'the'} change`;
    lines.push(`  ${what}: ${open.join(', ')} (remediate changes only the trail's selectors and logging; each fix is above)`);
  }
  const functions = verdict.report.functions.filter(f => f.account === outcome.caller && f.region === trail.homeRegion);
  const byStatus = new Map<string, number>();
  for (const f of functions) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
  const counts = [...byStatus.entries()].map(([status, n]) => `${n} ${status}`).join(', ');
  lines.push(`  functions of account ${outcome.caller} in ${trail.homeRegion}: ${functions.length}${functions.length ? ` (${counts})` : ''}; lambda-trail audit judges every region`);
  return lines;
}

/** The plan and its outcome as one JSON document (`--format json`). */
export function planJson(outcome: RemediationOutcome): unknown {
  const { trail, plan } = outcome;
  return {
    command: 'remediate',
    mode: outcome.apply ? 'apply' : 'dry-run',
    caller: outcome.caller,
    trail,
    owner: outcome.owner,
    functions: outcome.scope.mode === 'all' ? 'all' : outcome.functions,
    writes: outcome.steps,
    changes: plan.changes,
    kept: plan.kept,
    notes: [...outcome.functions.filter(f => f.unchecked).map(f => f.unchecked), ...plan.notes],
    selectors: {
      before: plan.before,
      after: plan.after,
      ...(plan.convertedBecause ? { convertedBecause: plan.convertedBecause } : {}),
      costBefore: plan.costBefore,
      costAfter: plan.costAfter,
      limits: { basicSelectors: MAX_BASIC_SELECTORS, dataResources: MAX_DATA_RESOURCES, advancedValues: MAX_ADVANCED_VALUES },
    },
    ...(outcome.refusal ? { refused: outcome.refusal } : {}),
    applied: outcome.applied.map(s => s.action),
    notApplied: outcome.notApplied.map(s => s.action),
    ...(outcome.failure ? { failure: outcome.failure } : {}),
    ...(outcome.verification ? { verification: outcome.verification } : {}),
    verdict: { basis: outcome.verdict.basis, trail: outcome.verdict.trail, report: outcome.verdict.report },
  };
}
