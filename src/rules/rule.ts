import { Coverage, FunctionModel } from '../model/coverage';
import { TrailModel } from '../model/trail-model';

/** How serious a finding is: an error fails `cdk synth --strict`-style gates and deployment pipelines, a warning informs. */
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
  /** How to fix it. */
  readonly fix: string;
  /** The controls it serves. */
  readonly controls: string[];
}

/** A resource of the app that the trail points to, with its resolved properties. */
export interface LinkedResource {
  readonly path: string;
  readonly properties: Record<string, any>;
}

/** What a trail rule may look at. */
export interface TrailFacts {
  readonly trail: TrailModel;
  /** The trail's bucket, when S3BucketName resolves to a bucket in the app. */
  readonly bucket?: LinkedResource;
  /** Policy statements of bucket policies in the app attached to that bucket (undefined when unknown). */
  readonly bucketPolicyStatements?: any[];
  /** The trail's key, when KMSKeyId resolves to a key in the app. */
  readonly key?: LinkedResource;
}

/** A rule over one trail: returns what is wrong, or undefined when the trail complies (or it cannot be known). */
export interface TrailRule extends RuleInfo {
  readonly appliesTo: 'trail';
  check(facts: TrailFacts): string | undefined;
}

/** A rule over one function and the coverage the app's trails give it. */
export interface FunctionRule extends RuleInfo {
  readonly appliesTo: 'function';
  check(fn: FunctionModel, coverage: Coverage): string | undefined;
}

export type Rule = TrailRule | FunctionRule;
