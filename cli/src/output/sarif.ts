// SARIF 2.1.0 for code-scanning tools: one run, every rule with its help text and controls, one result
// per finding with where it is (a template file and logical id for `check`, the resource ARN as a
// logical location for `audit`), and acknowledged findings as suppressions with their justification.
import { FindingLevel, printable, Report, ReportFinding } from 'cdk-compliant-lambda-trail/engine';
import type { Log, Location, ReportingDescriptor, Result } from 'sarif';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/compliantlambdatrail/cdk-compliant-lambda-trail';

/** Where a finding's subject is, for SARIF. */
export type Locate = (subjectPath: string) => Location[];

/** The subject's ARN or path as a logical location (what `audit` reports). */
export function logicalLocation(subjectPath: string): Location[] {
  const name = subjectPath.split(/[:/]/).filter(Boolean).pop() ?? subjectPath;
  return [{ logicalLocations: [{ name, fullyQualifiedName: subjectPath, kind: 'resource' }] }];
}

export function toSarif(report: Report, locate: Locate = logicalLocation): Log {
  const rules: ReportingDescriptor[] = report.rules.map(rule => ({
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.explanation },
    help: {
      text: `${rule.explanation}\nFix: ${rule.fix}\nControls: ${rule.controls.map(c => `${c.framework} ${c.id} (${c.title})`).join('; ')}`,
      markdown: `${rule.explanation}\n\n**Fix:** ${rule.fix}\n\n**Controls:**\n${rule.controls.map(c => `- ${c.framework} ${c.id}: ${c.title}`).join('\n')}`,
    },
    helpUri: `${INFORMATION_URI}/blob/main/docs/RULES.md#${rule.id.toLowerCase()}`,
    defaultConfiguration: { level: sarifLevel(rule.level) },
    properties: {
      tags: ['cloudtrail', 'lambda', 'compliance', ...new Set(rule.controls.map(c => c.framework))],
      controls: rule.controls.map(c => ({ ...c })),
    },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = [];
  const add = (subjectPath: string, finding: ReportFinding) => {
    results.push({
      ruleId: finding.id,
      ...(ruleIndex.has(finding.id) ? { ruleIndex: ruleIndex.get(finding.id) } : {}),
      level: sarifLevel(finding.level),
      message: { text: printable(finding.message) },
      locations: locate(subjectPath),
      partialFingerprints: { 'lambdaTrailSubject/v1': `${finding.id}:${printable(subjectPath)}` },
      ...(finding.acknowledged ? {
        suppressions: [{ kind: 'external', status: 'accepted', justification: `${finding.acknowledged.reason} (acknowledged on ${printable(finding.acknowledged.on)})` }],
      } : {}),
      properties: { acknowledgeWith: finding.acknowledgeWith },
    });
  };
  for (const trail of report.trails) for (const f of trail.findings) add(trail.path, f);
  for (const fn of report.functions) for (const f of fn.findings) add(fn.path, f);
  for (const other of report.otherFindings) add(other.path, other.finding);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'lambda-trail',
          fullName: `${report.tool.name} (${report.tool.frontEnd})`,
          version: report.tool.version,
          informationUri: INFORMATION_URI,
          rules,
        },
      },
      invocations: [{ executionSuccessful: true }],
      results,
      properties: { summary: { ...report.summary }, assumptions: report.assumptions.map(assumption => printable(assumption)) },
    }],
  };
}

function sarifLevel(level: FindingLevel | string): 'error' | 'warning' {
  return level === FindingLevel.ERROR ? 'error' : 'warning';
}

/** A rule title as an identifier-like name (SARIF's `name` is a short PascalCase label). */
function ruleName(title: string): string {
  return title.replace(/[^A-Za-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean).slice(0, 8)
    .map(w => w[0].toUpperCase() + w.slice(1)).join('');
}
