// The engine's input and output: CloudFormation templates in, findings and coverage out. Every front
// end (the Aspect, the policy validation plugin, the `lambda-trail` CLI) turns what it has into
// `StackInput`s and reads a `Judgement`; acknowledgements and the report are applied after it.
import type { RegionCoverage } from '../model/coverage';
import { CoverageStatus, RecorderKind } from '../model/coverage-status';
import type { FunctionPlace } from '../model/lambda-arns';
import { FindingLevel, RuleInfo } from '../rules/rule';

/** A trail outside the inputs that the user says records their functions (an organization trail of another team). */
export interface ExternalTrailInput {
  readonly name: string;
  /** undefined: every account of the inputs (as an organization trail records them). */
  readonly account?: string;
  readonly organizationTrail: boolean;
  readonly multiRegion: boolean;
  readonly region?: string;
  /** CloudFormation-spelled advanced event selectors (management and Lambda), as `LambdaFunctionSelection` renders them. */
  readonly advancedEventSelectors: readonly unknown[];
}

export interface JudgeOptions {
  readonly externalTrails?: readonly ExternalTrailInput[];
  /**
   * Accounts and regions to answer for as a whole: do the logging recorders record Lambda invocations
   * there, for any function (`Judgement.regions`)? The AWS Config rule's account evaluation asks it.
   */
  readonly regions?: readonly FunctionPlace[];
}

/** What a finding is about: a resource of one of the inputs. */
export interface Subject {
  /** `StackInput.id` of the stack that holds it (a nested stack's id is its parent's id, `/`, its logical id). */
  readonly stackId: string;
  readonly logicalId: string;
  /** The construct path, or `<stack id>/<logical id>` when there is none. */
  readonly path: string;
  /** Account and region, or unknown markers. */
  readonly account: string;
  readonly region: string;
}

/** A rule's finding before acknowledgements. */
export interface RawFinding {
  readonly rule: RuleInfo;
  /** The level it is reported at (a rule that throws is reported as a warning). */
  readonly level: FindingLevel;
  /** What is wrong, with unknown markers left in (see `printable`). */
  readonly detail: string;
  /** For CLT0: the rule it could not decide (an acknowledgement of that rule acknowledges this finding). */
  readonly about?: string;
}

/** A trail or CloudTrail Lake event data store of the inputs, and its findings. */
export interface RecorderJudgement extends Subject {
  readonly kind: RecorderKind;
  /** The trail's name, when known. */
  readonly name?: string;
  /** Which Lambda invocations it records, for people. */
  readonly lambdaScope: string;
  /** Resource conditions and parameter-dependent scenarios it was judged under. */
  readonly assumptions: readonly string[];
  readonly findings: readonly RawFinding[];
}


/** A Lambda function of the inputs, which recorders record its invocations, and its findings. */
export interface FunctionJudgement extends Subject {
  /** Its ARN (unqualified), with unknown markers where its name, account or region is not known. */
  readonly arn: string;
  readonly status: CoverageStatus;
  /**
   * Labels of the recorders that record every invocation of it: each that does alone, or, when none
   * does, the ones that do together (each records some of its invocations).
   */
  readonly recordedBy: readonly string[];
  /** Why the status is unknown, when it is. */
  readonly unknownBecause?: string;
  /** Assumptions the verdict rests on (env-agnostic stacks, conditions). */
  readonly assumptions: readonly string[];
  readonly findings: readonly RawFinding[];
}

/** What could not be listed in an account and region (`StackInput.unlisted`), as the engine judged it. */
export interface UnlistedJudgement extends Subject {
  /** CLT0: what could not be listed and why, and what is left undecided. */
  readonly findings: readonly RawFinding[];
}

/** The engine's verdict on the inputs, before acknowledgements. */
export interface Judgement {
  readonly recorders: readonly RecorderJudgement[];
  readonly functions: readonly FunctionJudgement[];
  /** The accounts and regions where something could not be listed. */
  readonly unlisted: readonly UnlistedJudgement[];
  /** Assumptions that hold for the whole judgement (e.g. how env-agnostic stacks were judged). */
  readonly assumptions: readonly string[];
  /** For each of `JudgeOptions.regions`, in order: whether Lambda invocations are recorded there. */
  readonly regions?: readonly RegionCoverage[];
}

/** An acknowledgement as a front end found it (construct metadata, or the CLI's acknowledgements file). */
export interface FoundAcknowledgement {
  /** The id as written (`CLT5`, `Annotation::CLT5`, `LambdaTrailChecks::CLT5`). */
  readonly id: string;
  /** The rule id it names (`CLT5`), or undefined when it names no rule of this library. */
  readonly ruleId?: string;
  readonly reason: string;
  /** Where it was made (a construct path, `(app)` for the app, or a resource ARN). */
  readonly path: string;
}

/** How a front end finds acknowledgements. */
export interface AcknowledgementLookup {
  /**
   * The acknowledgement of `ruleId` that applies to the subject: made on it or on an ancestor (the
   * nearest wins), or, when the subject is an L2 construct, on its resource (the L2's default child).
   * A subject without a logical id (a construct's own warning) is the construct alone.
   */
  find(subject: Subject, ruleId: string): FoundAcknowledgement | undefined;
  /** Every acknowledgement made of this library's rule ids, so that those matching no finding are reported (CLT31). */
  all(): readonly FoundAcknowledgement[];
}
