// The report's types: a contract with auditors' tooling, described by docs/report.schema.json.
// The Aspect writes it as lambda-trail-checks.json; the `lambda-trail` CLI prints it with --format json.
import { CoverageStatus, RecorderKind } from '../model/coverage-status';
import type { ControlMapping } from '../rules/controls';
import { FindingLevel } from '../rules/rule';

/**
 * The report's schema version: a new major version when a field changes meaning or goes away, a new
 * minor version when one is added (2.1.0: a finding's `detail`).
 */
export const REPORT_SCHEMA_VERSION = '2.1.0';

/** The verdict on one trail (or event data store) from its findings. */
export enum ReportStatus {
  COMPLIANT = 'compliant',
  COMPLIANT_WITH_ACKNOWLEDGEMENTS = 'compliant-with-acknowledgements',
  COMPLIANT_WITH_WARNINGS = 'compliant-with-warnings',
  NON_COMPLIANT = 'non-compliant',
}

export type { ControlMapping } from '../rules/controls';

/**
 * One finding, its parts apart (as aws-cdk-lib's PolicyViolation keeps `description` and `fix`): read
 * `title`, `detail` and `fix`; `message` joins them in one line (finding-message.ts).
 */
export interface ReportFinding {
  readonly id: string;
  readonly level: FindingLevel;
  readonly title: string;
  /** What is wrong with this subject (since schema 2.1.0). */
  readonly detail: string;
  /** `[<id>] <title>: <detail>. Fix: <fix>`, in one line. */
  readonly message: string;
  /** How to fix it: the rule's fix for an app or template, its live fix (naming the trail) for a live account. */
  readonly fix: string;
  readonly controls: ControlMapping[];
  /** The id to acknowledge it with (`Validations.of(construct).acknowledge({ id, reason })`, or the CLI's acknowledgements file). */
  readonly acknowledgeWith?: string;
  /** Present when the finding is acknowledged. */
  readonly acknowledged?: { readonly reason: string; readonly on: string };
}

export interface TrailReportEntry {
  readonly kind: RecorderKind;
  /** Construct path, `<stack>/<logical id>` of a template, or the ARN of a live trail. */
  readonly path: string;
  readonly name?: string;
  readonly account: string;
  readonly region: string;
  readonly lambdaScope: string;
  readonly status: ReportStatus;
  readonly assumptions: string[];
  readonly findings: ReportFinding[];
}

export interface FunctionReportEntry {
  readonly path: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly status: CoverageStatus;
  readonly recordedBy: string[];
  readonly unknownBecause?: string;
  readonly assumptions: string[];
  readonly findings: ReportFinding[];
}

/** A trail outside the app that the user declared (LambdaTrailChecksProps.externalTrails). */
export interface ClaimedCoverageEntry {
  readonly name: string;
  readonly account: string;
  readonly organizationTrail: boolean;
  /** `all`, or the one region it records. */
  readonly regions: string;
  readonly functions: string;
}

export interface AcknowledgementEntry {
  /** Where it was made: a construct path (`(app)` for the app itself), or the CLI's acknowledgements file entry. */
  readonly path: string;
  readonly id: string;
  readonly reason: string;
  /** False when the reason is under 10 characters (CLT30). */
  readonly accepted: boolean;
  /** False when it matches no finding (CLT31). */
  readonly matched: boolean;
}

/**
 * A finding about something other than a trail or function: an acknowledgement (CLT30, CLT31), a
 * construct's own warning, what could not be listed in an account and region (CLT0 on `<account>/<region>`).
 */
export interface OtherFindingEntry {
  readonly path: string;
  readonly finding: ReportFinding;
}

export interface RuleReportEntry {
  readonly id: string;
  readonly level: FindingLevel;
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
  readonly controls: ControlMapping[];
}

export interface ReportSummary {
  readonly trails: number;
  readonly functions: number;
  readonly functionsRecorded: number;
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
}

export interface Report {
  readonly schemaVersion: string;
  readonly tool: {
    readonly name: string;
    readonly version: string;
    /** `LambdaTrailChecks` (Aspect), `LambdaTrailChecksPlugin`, `lambda-trail check`, `lambda-trail audit`, `lambda-trail remediate` (its verdict), `LambdaTrailConfigRule` (a run of the Config rule). */
    readonly frontEnd: string;
  };
  /** When the report was made (ISO 8601). */
  readonly generatedAt: string;
  /** Assumptions the whole verdict rests on. */
  readonly assumptions: string[];
  /**
   * The verdict on everything the report covers: `non-compliant` when an error is not acknowledged
   * (the Aspect then stops synthesis; the CLI exits 1).
   */
  readonly status: ReportStatus;
  readonly summary: ReportSummary;
  readonly trails: TrailReportEntry[];
  readonly claimedCoverage: ClaimedCoverageEntry[];
  readonly functions: FunctionReportEntry[];
  readonly acknowledgements: AcknowledgementEntry[];
  readonly otherFindings: OtherFindingEntry[];
  readonly rules: RuleReportEntry[];
}
