import { CfnResource } from 'aws-cdk-lib';
import { valueEquals } from './event-matcher';
import { mayRecordInvocations, recordsInvocationsOf } from './lambda-scope';
import { environmentOf, functionArnOf } from './symbolic-resolver';
import { and, or, Ternary } from './ternary';
import { TrailModel } from './trail-model';

/** A Lambda function of the app, where it runs and its symbolic ARN. */
export interface FunctionModel {
  readonly path: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
}

export function functionModelOf(resource: CfnResource): FunctionModel {
  const env = environmentOf(resource);
  return { path: resource.node.path, arn: functionArnOf(resource), region: env.region, account: env.account };
}

/** A trail as coverage sees it: its model and a name for people. */
export interface CoveringTrail {
  readonly label: string;
  readonly model: TrailModel;
}

export enum CoverageStatus {
  /** A trail records every invocation of the function. */
  RECORDED = 'recorded',
  /** Trails record Lambda invocations in the function's account and region, but not of this function. */
  OUTSIDE_SCOPE = 'outside-scope',
  /** No trail records Lambda invocations in the function's account and region. */
  NOT_RECORDED = 'not-recorded',
  /** It depends on values not known at synth. */
  UNKNOWN = 'unknown',
}

export interface Coverage {
  readonly status: CoverageStatus;
  /** Trails that record the function's invocations. */
  readonly recordedBy: string[];
  /** Trails that record Lambda invocations in the function's account and region (when not recorded). */
  readonly lambdaTrailsThere: string[];
}

/** Does the trail see events of this account and region at all? */
export function trailSees(trail: TrailModel, account: string, region: string): Ternary {
  return and(
    or(trail.organization, valueEquals(account, trail.account)),
    or(trail.multiRegion, valueEquals(region, trail.region)),
  );
}

/** Decides, independently of construct order, which trails record a function's invocations. */
export function coverageOf(fn: FunctionModel, trails: CoveringTrail[]): Coverage {
  const verdicts = trails.map(t => {
    const sees = trailSees(t.model, fn.account, fn.region);
    return { t, v: sees === false ? false : and(sees, recordsInvocationsOf(t.model, fn.arn)) };
  });
  const recordedBy = verdicts.filter(x => x.v === true).map(x => x.t.label);
  if (recordedBy.length > 0) return { status: CoverageStatus.RECORDED, recordedBy, lambdaTrailsThere: [] };
  if (verdicts.some(x => x.v === undefined)) return { status: CoverageStatus.UNKNOWN, recordedBy, lambdaTrailsThere: [] };
  const lambdaTrailsThere = trails
    .filter(t => and(trailSees(t.model, fn.account, fn.region), mayRecordInvocations(t.model)) !== false)
    .map(t => t.label);
  return {
    status: lambdaTrailsThere.length > 0 ? CoverageStatus.OUTSIDE_SCOPE : CoverageStatus.NOT_RECORDED,
    recordedBy,
    lambdaTrailsThere,
  };
}
