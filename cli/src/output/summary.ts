// The readable summary `check` and `audit` print on stdout: each trail with its findings and fixes,
// the functions that are not recorded (those with the same verdict together), and the totals.
import { CoverageStatus, descriptionOf, FunctionReportEntry, printable, Report, ReportFinding } from 'cdk-compliant-lambda-trail/engine';
import { count } from './count';

/** What an audit could not read in full: regions (`<account>/<region>`) and whole accounts. */
export interface Unread {
  readonly regions: readonly string[];
  readonly accounts: readonly string[];
}

/** Formats the report for people. Functions that are recorded and have no finding are counted, not listed. */
export function formatSummary(report: Report, heading: string, unread: Unread = { regions: [], accounts: [] }): string {
  const lines: string[] = [heading];
  if (report.trails.length === 0) lines.push('  no trail or event data store found');
  for (const trail of report.trails) {
    const where = `${trail.account}/${trail.region}`;
    lines.push(`  ${trail.kind === 'event-data-store' ? 'event data store' : 'trail'} ${text(trail.path)} (${text(where)}) [${trail.status}] records Lambda invocations of: ${text(trail.lambdaScope)}`);
    findingLines(trail.findings, lines);
  }
  for (const entry of report.claimedCoverage) {
    lines.push(`  claimed: ${entry.name} (${entry.account}, ${entry.organizationTrail ? 'organization trail, ' : ''}regions: ${entry.regions}) records ${entry.functions}`);
  }
  const quiet = report.functions.filter(f => f.status === CoverageStatus.RECORDED && f.findings.length === 0);
  for (const group of sameVerdict(report.functions.filter(f => !quiet.includes(f)))) {
    const [fn] = group;
    const recordedBy = fn.recordedBy.length ? ` recorded by ${fn.recordedBy.map(text).join(', ')}` : '';
    const because = fn.unknownBecause ? ` (${text(fn.unknownBecause)})` : '';
    if (group.length === 1) {
      lines.push(`  function ${text(fn.arn || fn.path)} [${fn.status}]${recordedBy}${because}`);
    } else {
      const names = group.slice(0, LISTED_NAMES).map(nameOf);
      const more = group.length > LISTED_NAMES ? `, and ${group.length - LISTED_NAMES} more (--format json lists each)` : '';
      lines.push(`  ${group.length} functions of ${text(fn.account)}/${text(fn.region)} [${fn.status}]${recordedBy}${because}: ${names.join(', ')}${more}`);
    }
    findingLines(fn.findings, lines);
  }
  if (quiet.length) lines.push(`  ${count(quiet.length, 'more function')} recorded with no finding (--format json lists each)`);
  for (const other of report.otherFindings) {
    lines.push(`  ${text(other.path)}`);
    findingLines([other.finding], lines);
  }
  for (const assumption of report.assumptions) lines.push(`  assumed: ${text(assumption)}`);
  const s = report.summary;
  lines.push('');
  const notRead = [
    ...(unread.regions.length ? [`${count(unread.regions.length, 'region')} could not be read in full (${unread.regions.join(', ')})`] : []),
    ...(unread.accounts.length ? [`${count(unread.accounts.length, 'account')} could not be read (${unread.accounts.join(', ')})`] : []),
  ].map(part => `; ${part}`).join('');
  lines.push(`${count(s.trails, 'trail')}, ${count(s.functions, 'function')} (${s.functionsRecorded} recorded): ${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}, ${s.acknowledged} acknowledged${notRead}.`);
  return `${lines.join('\n')}\n`;
}

/** Names listed for a group of functions with the same verdict; the count says how many there are. */
const LISTED_NAMES = 10;

/**
 * The functions in groups that share the same account and region, status and findings (with their
 * fixes): the summary prints each group once, the count first. A group of one is a function.
 */
function sameVerdict(functions: readonly FunctionReportEntry[]): FunctionReportEntry[][] {
  const groups = new Map<string, FunctionReportEntry[]>();
  for (const fn of functions) {
    const findings = fn.findings.map(f => [f.id, f.level, f.message, f.fix, f.acknowledged?.on, f.acknowledged?.reason]);
    const key = JSON.stringify([fn.account, fn.region, fn.status, fn.recordedBy, fn.unknownBecause, findings]);
    const group = groups.get(key);
    if (group) group.push(fn);
    else groups.set(key, [fn]);
  }
  return [...groups.values()];
}

/** A function in a group: its name in a live account (the path is its ARN), its path in templates. */
function nameOf(fn: FunctionReportEntry): string {
  return fn.path.startsWith('arn:') ? fn.path.slice(fn.path.lastIndexOf(':') + 1) : text(fn.path);
}

export function findingLines(findings: readonly ReportFinding[], lines: string[]): void {
  for (const f of findings) {
    if (f.acknowledged) {
      lines.push(`      ${f.id} ${f.level}, acknowledged on ${text(f.acknowledged.on)}: "${f.acknowledged.reason}"`);
    } else {
      lines.push(`      ${f.level.toUpperCase()} ${text(descriptionOf(f))}`);
      lines.push(`        fix: ${text(f.fix)}`);
    }
  }
}

/** Unknown markers as `<reason>`: the report may carry them in paths and scopes. */
function text(value: string): string {
  return printable(value);
}
