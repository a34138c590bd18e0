// The gate: unacknowledged errors stop `cdk synth` (and `cdk deploy`) in every app layout, with a
// message that lists each finding once and how to acknowledge it. This file decides and words the
// verdict; synthesis-edge.ts is the one place that acts on the process (stderr, exit code, throw).
import { IConstruct } from 'constructs';
import { PLUGIN_NAMESPACE } from '../engine/acknowledgement-ids';
import { descriptionOf } from '../engine/finding-message';
import { ReportFinding } from '../engine/report-types';
import { LambdaTrailError } from '../errors';
import { CHECKS_OWN_RULES } from '../rules/rule-list';
import { CONSTRUCT_WARNINGS } from '../trail/construct-warnings';

/** A finding and the construct it is on. */
export interface PathFinding {
  readonly path: string;
  readonly finding: ReportFinding;
}

/** Thrown by the gate in process: unacknowledged errors of `LambdaTrailChecks` (code `UnacknowledgedErrors`). */
export class LambdaTrailChecksFailed extends LambdaTrailError {
  constructor(message: string, public readonly findings: readonly PathFinding[], root: IConstruct) {
    super('UnacknowledgedErrors', message, root);
    this.name = 'LambdaTrailChecksFailed';
    // Node prints the stack under the message: the message is the useful part, not aws-cdk-lib's frames.
    this.stack = `${this.name}: ${message}`;
  }
}

/** The id a finding is acknowledged with, as the CLI prints it for warnings and plugin findings. */
export function acknowledgementIdOf(ruleId: string): string {
  return `${PLUGIN_NAMESPACE}::${ruleId}`;
}

/**
 * The gate's message: every unacknowledged error once, grouped by construct, with the fix and the id
 * to acknowledge it with; then the open warnings, one line each (the CLI prints no annotation of an
 * app that fails, and a warning such as CLT31 may say why an acknowledgement did not take).
 */
export function gateMessage(errors: readonly PathFinding[], warnings: readonly PathFinding[] = [], reportFile?: string): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [`LambdaTrailChecks: ${plural(errors.length, 'unacknowledged error')} ${errors.length === 1 ? 'stops' : 'stop'} synthesis${reportFile ? ` (report: ${reportFile})` : ''}`];
  for (const [where, findings] of byConstruct(errors)) {
    lines.push('', where);
    for (const finding of findings) {
      const id = printedAcknowledgementId(finding);
      lines.push(
        `  ${descriptionOf(finding)}`,
        `    Fix: ${finding.fix}`,
        ...(id ? [`    Acknowledge with '${id}'`] : []),
      );
    }
  }
  if (warnings.length > 0) {
    lines.push('', `and ${plural(warnings.length, 'warning')}:`);
    for (const [where, findings] of byConstruct(warnings)) {
      for (const finding of findings) {
        const id = printedAcknowledgementId(finding);
        lines.push(`  ${where}: ${descriptionOf(finding)}${id ? ` (acknowledge with '${id}')` : ''}`);
      }
    }
  }
  lines.push('', 'Acknowledge a finding that does not apply on its construct or an ancestor, with a reason an auditor can check:',
    "  Validations.of(construct).acknowledge({ id: 'LambdaTrailChecks::CLT5', reason: '...' })");
  return lines.join('\n');
}

/**
 * The id that acknowledges a finding, as the CDK CLI shows ids: the plugin's namespace for the
 * checks' findings; a construct's own warning (CLT40 to CLT45) by its plain id, as the construct
 * annotated it; none for CLT30 and CLT31 (fixed, not acknowledged).
 */
function printedAcknowledgementId(finding: ReportFinding): string | undefined {
  if (!finding.acknowledgeWith) return undefined;
  return CONSTRUCT_WARNINGS.some(w => w.id === finding.id) ? finding.acknowledgeWith : acknowledgementIdOf(finding.id);
}

function byConstruct(findings: readonly PathFinding[]): Map<string, ReportFinding[]> {
  const grouped = new Map<string, ReportFinding[]>();
  for (const { path, finding } of findings) grouped.set(path || '(app)', [...grouped.get(path || '(app)') ?? [], finding]);
  return grouped;
}

/**
 * The line the gate prints when it passes: the CDK CLI shows no warning of a stack inside a Stage
 * (with no selector it selects none of them), so without it a CDK Pipelines app's open warnings,
 * and the CLT31 of a mistyped acknowledgement, would go unseen.
 */
export function passMessage(warnings: readonly PathFinding[], reportFile?: string): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const unmatched = warnings.filter(w => w.finding.id === CHECKS_OWN_RULES.CLT31.id).length;
  const ids = [...new Set(warnings.map(w => w.finding.id))].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  const open = warnings.length === 0
    ? 'no open warnings'
    : `${plural(warnings.length, 'open warning')} (${ids.join(', ')})${unmatched ? `, ${plural(unmatched, 'acknowledgement')} matching no finding` : ''}`;
  return `LambdaTrailChecks: no unacknowledged errors, ${open}${reportFile ? `; report: ${reportFile}` : ''}`;
}

/** What the gate concludes of a run of the checks: pass or fail, and the message that says so. */
export interface GateVerdict {
  /** True when no unacknowledged error is left. */
  readonly passed: boolean;
  /** The pass line, or the failure message with every unacknowledged error. */
  readonly message: string;
  /** The unacknowledged errors (none when it passed). */
  readonly errors: readonly PathFinding[];
}

/** The gate's verdict on a run: a pure function; synthesis-edge.ts turns it into what the process does. */
export function gateVerdict(errors: readonly PathFinding[], warnings: readonly PathFinding[], reportFile?: string): GateVerdict {
  return errors.length === 0
    ? { passed: true, message: passMessage(warnings, reportFile), errors }
    : { passed: false, message: gateMessage(errors, warnings, reportFile), errors };
}
