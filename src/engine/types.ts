// The engine's input and output: CloudFormation templates in, findings and coverage out. Every front
// end (the Aspect, the policy validation plugin, the `lambda-trail` CLI) turns what it has into
// `StackInput`s and reads a `Judgement`; acknowledgements and the report are applied after it.
import { FindingLevel, RuleInfo } from '../rules/rule';

/** A CloudFormation template, as JSON (or YAML, parsed). Intrinsic functions are left as they are. */
export interface CloudFormationTemplate {
  readonly Resources?: Record<string, CloudFormationResource>;
  readonly Parameters?: Record<string, { readonly Type?: string; readonly Default?: unknown; readonly [key: string]: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Outputs?: Record<string, { readonly Value?: unknown; readonly Export?: { readonly Name?: unknown }; readonly Condition?: string }>;
  readonly Transform?: unknown;
  readonly [key: string]: unknown;
}

/** One resource of a template. */
export interface CloudFormationResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/**
 * One stack to judge: its template and where it deploys. Values the front end cannot know (an
 * env-agnostic stack's account, a property the AWS API would not return) are left out or written
 * as `unknownValue(...)` markers: the engine treats them as unknown, never as compliant.
 */
export interface StackInput {
  /** Unique among the inputs; names the stack for people (a construct path such as `Prod/Audit`, or a file path). */
  readonly id: string;
  /** The CloudFormation stack name (generated function names start with it). */
  readonly stackName: string;
  /** The account it deploys to; undefined for an env-agnostic stack. */
  readonly account?: string;
  /** The region it deploys to; undefined for an env-agnostic stack. */
  readonly region?: string;
  /**
   * The template. A front end with a construct tree may pass a `TemplateSource` instead, which
   * renders resources only when the engine asks for them.
   */
  readonly template: CloudFormationTemplate | TemplateSource;
  /** Templates of nested stacks (`AWS::CloudFormation::Stack` resources of this template), by logical id. */
  readonly nestedStacks?: Readonly<Record<string, StackInput>>;
  /** Parameter values given at deployment; parameters not listed are unknown (their defaults are not assumed). */
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** What the front end could not list in this stack's account and region (a live audit's failed calls). */
  readonly unlisted?: UnlistedResources;
}

/**
 * What a front end could not list in one account and region, each with why (the call that failed).
 * Nothing is made up in its place: no trail or function is judged or counted for it. The report
 * says what could not be listed (CLT0 on the stack's id), and a function that no listed trail
 * records is unknown there (CLT21), never recorded and never CLT20.
 */
export interface UnlistedResources {
  /**
   * Its trails: one of them may record the functions of this account and region. (A multi-region or
   * organization trail shows in every region it records, so listing another region shows it.)
   */
  readonly trails?: string;
  /**
   * Its CloudTrail Lake event data stores: one of them may record the account's functions in every
   * region (a multi-region store is listed only in its home region).
   */
  readonly eventDataStores?: string;
  /**
   * Its functions: none is counted. Unless the listed trails record every function there, whether all
   * of them are recorded cannot be decided (CLT0 naming CLT20 or CLT21).
   */
  readonly functions?: string;
}

/**
 * The Metadata key under which a front end that reads live resources (the audit) writes what the
 * AWS APIs show of a trail, bucket or key beyond its CloudFormation properties (`LiveState`).
 */
export const LIVE_STATE_METADATA = 'lambda-trail:live-state';

/**
 * What the AWS APIs show of a live trail, bucket or key beyond its CloudFormation properties, for
 * the delivery rules (CLT12, CLT14). A value the APIs would not give is an `unknownValue(...)`.
 */
export interface LiveState {
  /** The bucket does not exist: the API's answer (S3 NoSuchBucket). */
  readonly missing?: string;
  /** The key's state (kms:DescribeKey KeyState): CloudTrail encrypts only with an Enabled key. */
  readonly keyState?: string;
  /** The S3 error CloudTrail last met delivering the trail's log files (cloudtrail:GetTrailStatus LatestDeliveryError). */
  readonly deliveryError?: string;
  /** When CloudTrail last delivered a log file of the trail (LatestDeliveryTime, ISO 8601), to date the error. */
  readonly latestDelivery?: string;
  /** The id of the organization an organization trail records (organizations:DescribeOrganization). */
  readonly organizationId?: string;
}

/**
 * A template that renders itself on demand (the Aspect's view of a stack: rendering every resource
 * of a large app twice would double synth time).
 */
export interface TemplateSource {
  /** The logical ids of the resources of a type. */
  resourcesOfType(type: string): string[];
  /** The type of the resource with this logical id; undefined when there is none. */
  typeOf(logicalId: string): string | undefined;
  /** One resource, rendered and resolved to template JSON; undefined when there is none. */
  resource(logicalId: string): CloudFormationResource | undefined;
  /**
   * The resource's Type, Condition and Metadata, with only its name property (FunctionName,
   * BucketName, TrailName) among the Properties: all the engine reads of most functions.
   */
  header?(logicalId: string): CloudFormationResource | undefined;
  /** The construct path of a resource, for findings and acknowledgements. */
  pathOf(logicalId: string): string | undefined;
  /** Parameters, Conditions, Mappings and Outputs (small; rendered once). */
  sections(): Pick<CloudFormationTemplate, 'Parameters' | 'Conditions' | 'Mappings' | 'Outputs' | 'Transform'>;
}

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

export enum RecorderKind {
  TRAIL = 'trail',
  EVENT_DATA_STORE = 'event-data-store',
}

/** A trail or CloudTrail Lake event data store of the inputs, and its findings. */
export interface RecorderJudgement extends Subject {
  readonly kind: RecorderKind;
  /** The trail's name, when known. */
  readonly name?: string;
  /** Which Lambda invocations it records, for people. */
  readonly lambdaScope: string;
  /** Resource conditions and parameter-dependent branches it was judged under. */
  readonly assumptions: readonly string[];
  readonly findings: readonly RawFinding[];
}

export enum CoverageStatus {
  /** The logging trails and event data stores of its account and region record every invocation of the function (one alone, or together). */
  RECORDED = 'recorded',
  /** Trails record Lambda invocations in the function's account and region, but not of this function. */
  OUTSIDE_SCOPE = 'outside-scope',
  /** No trail records Lambda invocations in the function's account and region. */
  NOT_RECORDED = 'not-recorded',
  /** It depends on values not known (parameters, conditions, imports, generated names, unreadable resources). */
  UNKNOWN = 'unknown',
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
