// From the engine's report on one account and region to AWS Config evaluations: one per Lambda
// function of the region, one per trail whose home is the region, and one for the account itself.
// AWS Config's custom rules accept COMPLIANT, NON_COMPLIANT and NOT_APPLICABLE only (no "insufficient
// data"), so what could not be read or decided is NON_COMPLIANT with an annotation that says what:
// unknown is never compliant.
import { CoverageStatus, FindingLevel, FunctionReportEntry, RecorderKind, RegionCoverage, Report, ReportFinding, TrailReportEntry } from 'cdk-compliant-lambda-trail/engine';

/** The compliance types a custom Lambda rule may report (PutEvaluations). */
export enum ComplianceType {
  COMPLIANT = 'COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

/** The AWS Config resource types the rule evaluates. */
export const FUNCTION_TYPE = 'AWS::Lambda::Function';
export const TRAIL_TYPE = 'AWS::CloudTrail::Trail';
export const ACCOUNT_TYPE = 'AWS::::Account';

/** PutEvaluations' limit on an annotation (Evaluation.Annotation, 256 characters). */
export const MAX_ANNOTATION = 256;

/** One evaluation, before it gets its OrderingTimestamp. */
export interface RuleEvaluation {
  readonly resourceType: string;
  /** AWS Config's resource id: a function's name, a trail's name, an account's id. */
  readonly resourceId: string;
  readonly compliance: ComplianceType;
  readonly annotation: string;
}

/** The account and region a run judges. */
export interface RuleScope {
  readonly account: string;
  readonly region: string;
}

/** What a run reports about its account and region. */
export interface RegionEvaluations {
  readonly functions: RuleEvaluation[];
  readonly trails: RuleEvaluation[];
  readonly account: RuleEvaluation;
}

/**
 * The evaluations of a report. `lambdaRecording` is the engine's answer for the region as a whole
 * (`Judgement.regions`): whether its logging trails record Lambda invocations, for any function.
 */
export function evaluationsOf(report: Report, scope: RuleScope, lambdaRecording: RegionCoverage): RegionEvaluations {
  const here = (entry: { account: string; region: string }) => entry.account === scope.account && entry.region === scope.region;
  const listed = report.functions.filter(here);
  const functions = listed.map(functionEvaluation);
  const recorded = listed.filter(f => f.status === CoverageStatus.RECORDED).length;
  const trails = report.trails
    .filter(t => t.kind === RecorderKind.TRAIL && here(t))
    .map(trailEvaluation);
  const unread = report.otherFindings.filter(o => o.path === `${scope.account}/${scope.region}` && !o.finding.acknowledged);
  // What the engine assumed of this region because something could not be listed (the functions, when every function there is recorded anyway).
  const notes = report.assumptions.filter(a => a.includes('could not be listed') && a.includes(scope.account) && a.includes(scope.region));
  return { functions, trails, account: accountEvaluation(scope, lambdaRecording, unread.map(o => o.finding), functions, recorded, notes) };
}

/** A function's name from its unqualified ARN (AWS Config's resource id of a function). */
export function functionNameOf(arn: string): string {
  return arn.slice(arn.indexOf(':function:') + ':function:'.length).split(':')[0];
}

/** A trail's name from its ARN (`arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`). */
export function trailNameOf(arn: string): string {
  return arn.slice(arn.indexOf(':trail/') + ':trail/'.length);
}

function functionEvaluation(fn: FunctionReportEntry): RuleEvaluation {
  const open = fn.findings.filter(f => !f.acknowledged);
  const acknowledged = fn.findings.filter(f => f.acknowledged).map(acknowledgedText);
  const base = { resourceType: FUNCTION_TYPE, resourceId: functionNameOf(fn.arn) };
  if (open.length) return { ...base, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation(open.map(openText)) };
  if (fn.status === CoverageStatus.RECORDED) {
    return { ...base, compliance: ComplianceType.COMPLIANT, annotation: annotation([`recorded by ${fn.recordedBy.join(', ')}`, ...acknowledged]) };
  }
  // Not recorded, yet nothing open: every finding that says so is acknowledged.
  if (acknowledged.length) return { ...base, compliance: ComplianceType.COMPLIANT, annotation: annotation(acknowledged) };
  // A status without a finding would be a gap in the engine: never compliant.
  const why = fn.unknownBecause ? `: ${fn.unknownBecause}` : '';
  return { ...base, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation([`${fn.status}${why}`]) };
}

function trailEvaluation(trail: TrailReportEntry): RuleEvaluation {
  const open = trail.findings.filter(f => !f.acknowledged);
  // An error, or what could not be read or decided (CLT0), makes it non-compliant; other warnings are named.
  const failing = open.filter(f => f.level === FindingLevel.ERROR || f.id === 'CLT0');
  const warnings = open.filter(f => !failing.includes(f));
  const acknowledged = trail.findings.filter(f => f.acknowledged).map(acknowledgedText);
  const base = { resourceType: TRAIL_TYPE, resourceId: trail.name ?? trailNameOf(trail.path) };
  if (failing.length) {
    return { ...base, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation([`open: ${idsOf(open)}`, ...failing.map(openText)]) };
  }
  const parts = warnings.length ? [`compliant; open warnings: ${idsOf(warnings)}`, ...warnings.map(openText)] : ['compliant'];
  return { ...base, compliance: ComplianceType.COMPLIANT, annotation: annotation([...parts, ...acknowledged]) };
}

function accountEvaluation(
  scope: RuleScope, lambdaRecording: RegionCoverage, unread: readonly ReportFinding[],
  functions: readonly RuleEvaluation[], recorded: number, notes: readonly string[],
): RuleEvaluation {
  const base = { resourceType: ACCOUNT_TYPE, resourceId: scope.account };
  const where = `${scope.account}/${scope.region}`;
  const notCompliant = functions.filter(f => f.compliance === ComplianceType.NON_COMPLIANT).length;
  const tally = `${functions.length - notCompliant} of ${functions.length} functions compliant`;
  if (unread.length) {
    return { ...base, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation(unread.map(openText)) };
  }
  switch (lambdaRecording.status) {
    case CoverageStatus.RECORDED:
      return { ...base, compliance: ComplianceType.COMPLIANT, annotation: annotation(notes.length ? notes : [`every function of ${where} is recorded by ${lambdaRecording.recordedBy.join(', ')}`, tally]) };
    case CoverageStatus.OUTSIDE_SCOPE:
      // Trails that record only named functions, none of which is one of the region's: nothing there is recorded.
      if (functions.length > 0 && recorded === 0) {
        const trails = lambdaRecording.lambdaTrailsThere.join(', ');
        return { ...base, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation([`CLT21: the logging trails of ${where} (${trails}) record invocations of named functions only, none of its ${functions.length} functions; ${tally}`]) };
      }
      return { ...base, compliance: ComplianceType.COMPLIANT, annotation: annotation(notes.length ? notes : [`invocations of some functions of ${where} are recorded by ${lambdaRecording.lambdaTrailsThere.join(', ')}`, tally]) };
    case CoverageStatus.NOT_RECORDED:
      return { ...base, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation([`CLT20: no logging trail records Lambda invocations in ${where}; ${tally}`]) };
    default:
      return {
        ...base,
        compliance: ComplianceType.NON_COMPLIANT,
        annotation: annotation([`CLT21: whether a trail records Lambda invocations in ${where} could not be decided${lambdaRecording.unknownBecause ? ` (${lambdaRecording.unknownBecause})` : ''}`]),
      };
  }
}

function openText(finding: ReportFinding): string {
  return `${finding.id}: ${finding.detail}`;
}

function acknowledgedText(finding: ReportFinding): string {
  return `${finding.id} acknowledged: ${finding.acknowledged!.reason}`;
}

function idsOf(findings: readonly ReportFinding[]): string {
  return [...new Set(findings.map(f => f.id))].join(', ');
}

/** Parts joined, within AWS Config's limit (cut with an ellipsis). */
export function annotation(parts: readonly string[]): string {
  const text = parts.filter(p => p !== '').join('; ');
  // Cut by code points, so that a character outside the BMP (in a reason) is never split in half.
  const chars = Array.from(text);
  return chars.length <= MAX_ANNOTATION ? text : `${chars.slice(0, MAX_ANNOTATION - 1).join('')}…`;
}
