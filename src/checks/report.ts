import * as fs from 'fs';
import * as path from 'path';
import { RuleInfo } from '../rules/rule';

/** The report's name in the cloud assembly directory, unless LambdaTrailChecksProps.reportFileName says otherwise. */
export const DEFAULT_REPORT_FILE = 'lambda-trail-checks.json';

export interface ReportFinding {
  readonly id: string;
  readonly level: string;
  readonly title: string;
  readonly message: string;
  readonly fix: string;
  readonly controls: string[];
  /** Present when the finding is acknowledged. */
  readonly acknowledged?: { readonly reason: string; readonly on: string };
}

export interface ReportEntry {
  readonly path: string;
  readonly status: string;
  readonly findings: ReportFinding[];
  readonly [detail: string]: unknown;
}

/** The status of a trail or function from its findings. */
export function statusOf(findings: ReportFinding[]): string {
  const open = findings.filter(f => !f.acknowledged);
  if (open.some(f => f.level === 'error')) return 'non-compliant';
  if (open.length > 0) return 'compliant-with-warnings';
  return findings.length > 0 ? 'compliant-with-acknowledgements' : 'compliant';
}

export interface Report {
  readonly tool: string;
  readonly summary: Record<string, number>;
  readonly trails: ReportEntry[];
  readonly claimedCoverage: Record<string, unknown>[];
  readonly functions: ReportEntry[];
  readonly acknowledgements: { path: string; id: string; reason: string; accepted: boolean }[];
  readonly rules: RuleInfo[];
}

export function writeReport(directory: string, fileName: string, report: Report): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, fileName);
  fs.writeFileSync(file, JSON.stringify(report, undefined, 2));
  return file;
}
