// The shared vocabulary of every layer: CloudFormation templates as the engine reads them, the
// stacks a front end hands to the engine, and what a live reader adds to them (LIVE_STATE_METADATA,
// PATH_METADATA). Nothing here imports anything: it is the bottom layer.

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

/**
 * The Metadata key under which a front end that reads live resources (the audit) names a resource
 * for people (its ARN), where a CDK app has `aws:cdk:path`.
 */
export const PATH_METADATA = 'lambda-trail:path';
