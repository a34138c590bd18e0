import type { ControlMapping } from './controls';
import type { LiveState } from '../model/cloudformation';
import type { Coverage } from '../model/coverage';
import type { Ternary } from '../model/ternary';
import type { TrailModel } from '../model/trail-model';

/** How serious a finding is: an error fails `cdk synth` and deployment pipelines, a warning informs (and fails under `--strict`). */
export enum FindingLevel {
  ERROR = 'error',
  WARNING = 'warning',
}

/** What every rule declares about itself; the report and docs/RULES.md carry it. */
export interface RuleInfo {
  /** Stable id, e.g. `CLT5`. */
  readonly id: string;
  readonly level: FindingLevel;
  /** One line: what is wrong. */
  readonly title: string;
  /** Why the rule exists. */
  readonly explanation: string;
  /** How to fix it in the app or template (the Aspect, the plugin, `lambda-trail check`). */
  readonly fix: string;
  /**
   * How to fix it in a live account (`lambda-trail audit` and `remediate` report this one): what to
   * run there, such as `lambda-trail remediate --trail TRAIL_ARN --all`. `TRAIL_ARN` stands for the
   * ARN of the trail the finding is about. Every rule of the rule list has one (a test says so);
   * without it a live finding carries `fix`.
   */
  readonly liveFix?: string;
  /** The controls it serves. */
  readonly controls: ControlMapping[];
  /** What the rule cannot decide before deployment, and what it reports then (docs/RULES.md). */
  readonly undecided?: string;
}

/** A rule's answer when it depends on what is not known: reported as CLT0, naming the rule and why. */
export class Undecided {
  constructor(public readonly reason: string) {}
}

/** What is wrong (a finding), `undefined` (nothing is), or `Undecided`. */
export type RuleResult = string | undefined | Undecided;

/** A resource of the inputs that the trail points to, with its evaluated properties. */
export interface LinkedResource {
  readonly path: string;
  /** Its ARN (`Fn::GetAtt <resource>.Arn`), with unknown markers where it is not known at synth. */
  readonly arn: string;
  readonly properties: Record<string, any>;
  /** What the AWS APIs show of it beyond its properties, for a live resource. */
  readonly liveState?: LiveState;
}

/**
 * What the other logging trails and event data stores that cover every account and region of the
 * trail record: one of them alone, or (where it says so) all of them together with the trail's own
 * selectors, condition by condition, as one trail with all their selectors would.
 */
export interface RecordedElsewhere {
  /** Lambda invocations (of some function the trail can see), by another recorder. */
  readonly lambda: Ternary;
  /** Management events, read and write, every one: by another recorder, or by them together with the trail. */
  readonly management: Ternary;
  /** Every invocation of every function the trail can see: by another recorder, or by them together with the trail. */
  readonly everyInvocation: Ternary;
}

/** What a trail rule may look at. */
export interface TrailFacts {
  readonly trail: TrailModel;
  /** The trail's bucket, when S3BucketName leads to a bucket of the inputs. */
  readonly bucket?: LinkedResource;
  /** Why the trail's bucket is not known when S3BucketName may (or may not) name a bucket of the inputs. */
  readonly bucketUndecided?: string;
  /** Policy statements of the bucket policies of the inputs attached to that bucket (undefined when unknown). */
  readonly bucketPolicyStatements?: any[];
  /** The trail's key, when KMSKeyId leads to a key of the inputs. */
  readonly key?: LinkedResource;
  /** What the AWS APIs show of the trail beyond its properties, for a live trail. */
  readonly liveState?: LiveState;
  /** What the other logging recorders that cover every account and region this trail covers record. */
  readonly elsewhere: RecordedElsewhere;
}

/** What a delivery rule may look at: the trail and what it links to, not what other trails record. */
export type DeliveryFacts = Omit<TrailFacts, 'elsewhere'>;

/** A rule over one trail: returns what is wrong, or undefined when the trail complies. */
export interface TrailRule extends RuleInfo {
  readonly appliesTo: 'trail';
  check(facts: TrailFacts): RuleResult;
}

/** A rule over one function and the coverage the trails give it. */
export interface FunctionRule extends RuleInfo {
  readonly appliesTo: 'function';
  check(coverage: Coverage): RuleResult;
}

/**
 * A trail rule whose finding means CloudTrail cannot deliver the trail's log files (its deployment
 * would fail, or delivery has stopped): such a trail records nothing, and coverage does not count it.
 */
export interface DeliveryRule extends TrailRule {
  readonly stopsDelivery: true;
  check(facts: DeliveryFacts): RuleResult;
}

export type Rule = TrailRule | FunctionRule;
