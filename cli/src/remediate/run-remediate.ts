// `lambda-trail remediate`: the control's implementation plan (record Lambda data events of every
// function, read and write, and management events) and backout plan (only some functions, then every
// function again) on a live trail. It reads what the audit reads in the trail's home region, plans the
// selector change, judges the trail as it would be with the engine, and with --apply makes the change
// and reads the trail back. Whatever it cannot read, or may not change, it refuses before any write.
import type { Trail } from '@aws-sdk/client-cloudtrail';
import {
  AcknowledgementLookup, buildReport, Judged, judgeTemplates, Judgement, Report, TrailReportEntry,
} from 'cdk-compliant-lambda-trail/engine';
import { applyChanges, WriteStep, writeSteps } from './apply-changes';
import { resolveFunctions, ResolvedFunction } from './function-scope';
import type { FunctionScope } from './plan-input';
import { planSelectors, SelectorPlan, SelectorSet } from './selector-plan';
import { AuditedTrail, liveStackInputs } from '../audit/live-stacks';
import { AuditReading, Caller, identifyCaller, readLiveAccounts, resolveHomeRegion } from '../audit/run-audit';
import { delegatedAdministrators, listFunctionNames, Readout } from '../aws/account-reader';
import { AwsClients, AwsSettings } from '../aws/aws-clients';
import { describeTrails, LiveTrail, parseTrailArn, readTrail, readTrailTags, TrailSelectors } from '../aws/trail-reader';
import { apiFailure, UsageError } from '../errors';
import { Progress } from '../progress';

const FRONT_END = 'lambda-trail remediate';

/** The tag CloudFormation puts on every resource of a stack. */
const STACK_NAME_TAG = 'aws:cloudformation:stack-name';
const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

export interface RemediateOptions {
  readonly settings: AwsSettings;
  /** `--trail`: a trail name or ARN. */
  readonly trail: string;
  /** `--only`: function names or ARNs; undefined means every function (`--all`). */
  readonly only?: readonly string[];
  readonly apply: boolean;
  /** `--force`: change a trail that CloudFormation owns (or whose owner cannot be read). */
  readonly force: boolean;
  readonly acknowledgements: AcknowledgementLookup;
  readonly progress?: Progress;
}

/** Who owns the trail's configuration: a CloudFormation stack (from its tags), nobody, or unknown. */
export type TrailOwner =
  | { readonly stackName: string; readonly logicalId?: string }
  | { readonly none: true }
  | { readonly unknown: string };

export interface TrailFacts {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  readonly homeRegion: string;
  readonly partition: string;
  readonly organizationTrail: boolean;
  readonly multiRegion: boolean;
  readonly isLogging: boolean;
}

export interface RemediationOutcome {
  readonly apply: boolean;
  /** The account of the credentials. */
  readonly caller: string;
  readonly trail: TrailFacts;
  readonly owner: TrailOwner;
  readonly scope: FunctionScope;
  readonly functions: readonly ResolvedFunction[];
  readonly plan: SelectorPlan;
  readonly startLogging: boolean;
  /** The writes the plan needs (empty: nothing to change). */
  readonly steps: readonly WriteStep[];
  /** Why nothing may be written (exit 2). */
  readonly refusal?: string;
  readonly applied: readonly WriteStep[];
  readonly notApplied: readonly WriteStep[];
  /** The write that failed (exit 1). */
  readonly failure?: string;
  /** What reading the trail back after the change showed, when it is not what was planned (exit 1). */
  readonly verification?: string;
  readonly verdict: {
    /** current: nothing to change; predicted: the trail as the plan would leave it; read back: after the change. */
    readonly basis: 'current' | 'predicted' | 'read back';
    readonly report: Report;
    readonly trail?: TrailReportEntry;
  };
}

export async function remediate(options: RemediateOptions): Promise<RemediationOutcome> {
  const progress = options.progress ?? new Progress(undefined);
  const arn = parseTrailArn(options.trail);
  const startRegion = arn?.region ?? await resolveHomeRegion(options.settings);
  // The trail first (one DescribeTrails), so that a trail that does not exist is said before anything else is read.
  const identified = await identifyCaller({ ...options.settings, region: startRegion }, 'remediate');
  const found = await findTrail(identified, options.trail, startRegion);
  // Then what the audit reads where the trail lives (a multi-region trail found by name from another region too).
  const homeRegion = found.HomeRegion ?? parseTrailArn(found.TrailARN)?.region ?? startRegion;
  const reading = await readLiveAccounts({
    command: 'remediate', settings: { ...options.settings, region: homeRegion }, caller: { ...identified, homeRegion }, regions: [homeRegion], progress,
  });
  const audited = reading.read.trails.find(t => t.trail.arn === found.TrailARN);
  if (!audited) throw new UsageError(`--trail ${options.trail}: ${found.TrailARN} no longer shows in ${homeRegion} (cloudtrail:DescribeTrails); nothing was changed`);
  const live = audited.trail;
  const caller = reading.accounts[0];
  const clients = AwsClients.fromSettings({ ...options.settings, region: live.homeRegion }).forAccount(caller);
  await checkMayChange(clients, live, caller);

  const selectors = known(live.selectors, () => `cannot plan a change to ${live.arn}: its event selectors could not be read (${unknownOf(live.selectors)}); PutEventSelectors replaces every selector, so remediate changes nothing it has not read`);
  const isLogging = known(live.isLogging, () => `cannot plan a change to ${live.arn}: its status could not be read (${unknownOf(live.isLogging)})`);
  const trail: TrailFacts = {
    arn: live.arn,
    name: live.name,
    account: live.account,
    homeRegion: live.homeRegion,
    partition: audited.partition,
    organizationTrail: live.description.IsOrganizationTrail === true,
    multiRegion: live.description.IsMultiRegionTrail === true,
    isLogging,
  };

  const functions = options.only ? await resolveFunctions(options.only, {
    partition: trail.partition,
    callerAccount: caller,
    homeRegion: trail.homeRegion,
    trailAccount: trail.account,
    organizationTrail: trail.organizationTrail,
    multiRegion: trail.multiRegion,
    functionsIn: functionLister(identified, reading),
    force: options.force,
  }) : [];
  const scope: FunctionScope = options.only ? { mode: 'only', arns: functions.map(f => f.arn) } : { mode: 'all' };

  const owner = ownerOf(await readTrailTags(clients, live));
  const needsManagement = managementNeeded(judgeTemplates(reading.inputs), trail.arn);
  const plan = planSelectors({ current: selectors, scope, partition: trail.partition, managementNeeded: needsManagement });
  const startLogging = !isLogging;
  const steps = writeSteps(plan.changed ? plan.after : undefined, startLogging);
  const refusal = plan.refusal ?? (steps.length ? ownerRefusal(owner, options.force) : undefined);

  const base = { apply: options.apply, caller, trail, owner, scope, functions, plan, startLogging, steps, ...(refusal ? { refusal } : {}) };
  const judge = (selectorsAfter: TrailSelectors, logging: boolean, basis: RemediationOutcome['verdict']['basis']) =>
    verdictOf(reading, audited, selectorsAfter, logging, options.acknowledgements, basis);
  const planned = toTrailSelectors(plan.after);

  if (refusal) {
    // Nothing may be written: the verdict is the trail's as it is, not that of a change that will not
    // be made (over a limit, its selectors are ones CloudTrail would reject).
    return { ...base, applied: [], notApplied: options.apply ? steps : [], verdict: judge(selectors, isLogging, 'current') };
  }
  if (!options.apply || steps.length === 0) {
    const basis = steps.length === 0 ? 'current' : 'predicted';
    return { ...base, applied: [], notApplied: options.apply ? steps : [], verdict: judge(planned, true, basis) };
  }

  progress.info(`changing ${trail.arn} in ${trail.homeRegion}: ${steps.map(s => s.action).join(', ')}`);
  const result = await applyChanges(clients, trail, plan.changed ? plan.after : undefined, startLogging);
  if (result.applied.length === 0) {
    return { ...base, ...result, verdict: judge(selectors, isLogging, 'current') };
  }
  // Read the trail back: the verdict is about what CloudTrail now holds, and a second plan must find nothing to do.
  const selectorsSent = result.applied.some(s => s.action === 'cloudtrail:PutEventSelectors');
  const loggingStarted = result.applied.some(s => s.action === 'cloudtrail:StartLogging');
  const after = await readTrail(clients, live.description);
  if ('unknown' in after.selectors || typeof after.isLogging !== 'boolean') {
    const reason = 'unknown' in after.selectors ? after.selectors.unknown : (after.isLogging as { unknown: string }).unknown;
    const assumed = selectorsSent ? planned : selectors;
    return { ...base, ...result, verification: `the trail could not be read back (${reason})`, verdict: judge(assumed, isLogging || loggingStarted, 'predicted') };
  }
  const again = planSelectors({ current: after.selectors, scope, partition: trail.partition, managementNeeded: needsManagement });
  const problems = [
    ...(selectorsSent && again.changed ? [`its selectors are not the ones sent (a new plan would still: ${again.changes.join('; ')})`] : []),
    ...(loggingStarted && !after.isLogging ? ['it is still not logging'] : []),
  ];
  return {
    ...base,
    ...result,
    ...(problems.length ? { verification: `reading the trail back shows that ${problems.join(' and ')}` } : {}),
    verdict: judge(after.selectors, after.isLogging, 'read back'),
  };
}

/** The function names of the caller's account in a region: as read for the verdict, or listed once (ListFunctions) for --only. */
function functionLister(caller: Caller, reading: AuditReading): (region: string) => Promise<Readout<readonly string[]>> {
  const listed = new Map<string, Promise<Readout<readonly string[]>>>();
  return region => {
    const read = reading.read.regions.find(r => r.account === caller.account && r.region === region)?.functions;
    if (read) return Promise.resolve(read);
    if (!listed.has(region)) {
      listed.set(region, listFunctionNames(caller.clients, region).then(value => ({ value }), error => ({ unknown: apiFailure('lambda:ListFunctions', error) })));
    }
    return listed.get(region)!;
  };
}

/** The trail named by `--trail` among the trails DescribeTrails shows in the region (shadow trails included). */
async function findTrail(caller: Caller, given: string, region: string): Promise<Trail & { TrailARN: string }> {
  let trails: (Trail & { TrailARN: string })[];
  try {
    trails = await describeTrails(caller.clients, region);
  } catch (error) {
    throw new UsageError(`--trail ${given}: the trails of account ${caller.account} in ${region} cannot be listed (${apiFailure('cloudtrail:DescribeTrails', error)})`);
  }
  const byArn = trails.filter(t => t.TrailARN === given);
  const matches = byArn.length ? byArn : trails.filter(t => t.Name === given);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(`--trail ${given}: ${matches.length} trails of that name show in ${region} (${matches.map(t => t.TrailARN).join(', ')}); pass the ARN of the one to change`);
  }
  const owner = parseTrailArn(given)?.account;
  if (owner && owner !== caller.account) {
    throw new UsageError(`--trail ${given}: the trail belongs to account ${owner}, and your credentials to account ${caller.account}, where it does not show. `
      + 'A trail is changed from its own account; an organization trail from the organization\'s management account or a delegated administrator account for CloudTrail.');
  }
  throw new UsageError(`--trail ${given}: no trail ${owner ? 'with this ARN' : 'of this name'} in account ${caller.account}, region ${region} (cloudtrail:DescribeTrails, shadow trails included); expected the name or ARN of a trail (lambda-trail audit lists them)`);
}

/** An organization trail shows in member accounts too, but only its management account or CloudTrail's delegated administrator may change it. */
async function checkMayChange(clients: AwsClients, trail: LiveTrail, caller: string): Promise<void> {
  if (trail.account === caller) return;
  const label = `--trail ${trail.arn}`;
  if (trail.description.IsOrganizationTrail !== true) {
    throw new UsageError(`${label}: the trail belongs to account ${trail.account}, and your credentials to account ${caller}; a trail is changed from its own account`);
  }
  const admins = await delegatedAdministrators(clients, trail.homeRegion, 'cloudtrail.amazonaws.com');
  if ('value' in admins && admins.value.includes(caller)) return;
  const why = 'value' in admins ? `it is not among CloudTrail's delegated administrators (${admins.value.join(', ') || 'none'})` : `${admins.unknown}`;
  throw new UsageError(`${label} is an organization trail of the management account ${trail.account}; account ${caller} of your credentials may not change it: ${why}. `
    + `Run remediate with credentials of ${trail.account} or of a delegated administrator account for CloudTrail.`);
}

function ownerOf(tags: { value: Record<string, string> } | { unknown: string }): TrailOwner {
  if ('unknown' in tags) return { unknown: tags.unknown };
  const stackName = tags.value[STACK_NAME_TAG];
  if (!stackName) return { none: true };
  return { stackName, ...(tags.value[LOGICAL_ID_TAG] ? { logicalId: tags.value[LOGICAL_ID_TAG] } : {}) };
}

function ownerRefusal(owner: TrailOwner, force: boolean): string | undefined {
  if (force) return undefined;
  if ('stackName' in owner) {
    return `the trail belongs to the CloudFormation stack ${owner.stackName}${owner.logicalId ? ` (logical id ${owner.logicalId})` : ''}: make the change in that stack's code, `
      + 'or its next update puts the old selectors back. Pass --force to change it here anyway (the stack then drifts).';
  }
  if ('unknown' in owner) {
    return `whether a CloudFormation stack owns the trail cannot be read (${owner.unknown}); pass --force to change it anyway`;
  }
  return undefined;
}

/** Management events are added only where the account lacks them (CLT4, or CLT0 because CLT4 could not be decided). */
function managementNeeded(judgement: Judgement, trailArn: string): boolean {
  const recorder = judgement.recorders.find(r => r.path === trailArn);
  if (!recorder) return true;
  return recorder.findings.some(f => f.rule.id === 'CLT4' || (f.rule.id === 'CLT0' && f.about === 'CLT4'));
}

/** The engine's verdict on the account and region with the trail as given (the same reading the audit does). */
function verdictOf(
  reading: AuditReading, audited: AuditedTrail, selectors: TrailSelectors, isLogging: boolean,
  acknowledgements: AcknowledgementLookup, basis: RemediationOutcome['verdict']['basis'],
): RemediationOutcome['verdict'] {
  const trails = reading.read.trails.map(t => (t === audited ? { ...t, trail: { ...t.trail, selectors, isLogging } } : t));
  const inputs = liveStackInputs(reading.read.regions, trails, reading.read.unreachable, reading.read.otherRegions);
  const judged = buildReport(judgeTemplates(inputs), { acknowledgements, frontEnd: FRONT_END, judged: Judged.LIVE });
  const report = { ...judged, assumptions: [...judged.assumptions, ...reading.assumptions] };
  return { basis, report, trail: report.trails.find(t => t.path === audited.trail.arn) };
}

function toTrailSelectors(set: SelectorSet): TrailSelectors {
  return set.kind === 'basic' ? { eventSelectors: [...set.selectors] } : { advancedEventSelectors: [...set.selectors] };
}

function known<T>(value: T | { readonly unknown: string }, message: () => string): T {
  if (typeof value === 'object' && value !== null && 'unknown' in value) throw new UsageError(message());
  return value as T;
}

function unknownOf(value: unknown): string {
  return (value as { unknown: string }).unknown;
}
