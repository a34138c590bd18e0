// LambdaTrailConfigRule's handler: the third front end of the live reader, beside `lambda-trail audit`.
// AWS Config invokes it (a period, or a change of a trail or function); it reads its own account and
// region with the audit's reader (readLiveAccounts: the region's trails, shadow trails included and
// read in their home regions, event data stores, functions, buckets and keys), judges them with the
// engine, and reports one evaluation per function, per trail of the region and for the account.
// Bundled into the library's asset by scripts/bundle-config-rule-handler.ts (`index.handler`).
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  AcknowledgementLookup, buildReport, CloudFormationResource, CloudFormationTemplate, CoverageStatus, Judged, judgeTemplates,
  parseAcknowledgementEntries, PATH_METADATA, Report, StackInput,
} from 'cdk-compliant-lambda-trail/engine';
import { ConfigRuleEvent, parseConfigEvent, ResourceChange } from './config-event';
import { annotation, ComplianceType, evaluationsOf, FUNCTION_TYPE, functionNameOf, RuleEvaluation, TRAIL_TYPE, trailNameOf } from './evaluations';
import { accessFor } from './member-access';
import { discoveredIds, evaluatedResources, putEvaluations, withdrawals } from './put-evaluations';
import { reportKey, reportTargetOf, writeReport } from './report-writer';
import { FileAcknowledgements, NO_ACKNOWLEDGEMENTS } from '../acknowledgements-file';
import { readLiveAccounts } from '../audit/run-audit';
import { AwsClients, AwsSettings } from '../aws/aws-clients';
import { partitionOf } from '../aws/regions';

/** The environment variable that carries the construct's acknowledgements (JSON, the CLI's --acknowledgements format). */
export const ACKNOWLEDGEMENTS_ENV = 'LAMBDA_TRAIL_ACKNOWLEDGEMENTS';

/** The report's front end name for the rule's runs. */
export const FRONT_END = 'LambdaTrailConfigRule';

/** What a run did, returned to Lambda and logged. */
export interface ConfigRuleRun {
  readonly messageType: string;
  readonly account?: string;
  readonly region: string;
  /** Evaluations sent, by compliance type. */
  readonly sent: Record<ComplianceType, number>;
  /** PutEvaluations calls. */
  readonly putEvaluationsCalls: number;
  /** Why earlier results could not be checked for resources that are gone, when they could not. */
  readonly staleNotChecked?: string;
  /** Why trails were evaluated under their names rather than AWS Config's ids, when they were. */
  trailIdsAreNames?: string;
  /** The functions and trails of the region the run judged, when it read the region. */
  readonly judged?: { readonly functions: number; readonly trails: number };
  /** Where the run's JSON report was written (`s3://bucket/key`), when reports are on and the run judged the region. */
  readonly report?: string;
}

/** The Lambda entry point (`index.handler`). */
export async function handler(event: ConfigRuleEvent): Promise<ConfigRuleRun> {
  const run = await runConfigRule(event, process.env);
  // One line in the function's log group: what was sent, for whoever reads the rule's history.
  console.log(JSON.stringify({ lambdaTrailConfigRule: run }));
  return run;
}

/**
 * One run of the rule for an event, in the region and with the acknowledgements of `env`; `onCall`
 * sees every API call (the IAM policy test).
 */
export async function runConfigRule(event: ConfigRuleEvent, env: NodeJS.ProcessEnv, onCall?: AwsSettings['onCall']): Promise<ConfigRuleRun> {
  const trigger = parseConfigEvent(event);
  const region = env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set; expected the Lambda runtime to set it to the region of the rule');
  const acknowledgements = acknowledgementsOf(env);
  const settings: AwsSettings = { region, env, onCall };
  // An organization rule's run for a member: the member role's credentials for every call (member-access.ts).
  const access = await accessFor(event.accountId, region, settings);
  const config = access.clients.config(region);
  const change = trigger.change;
  const startedAt = new Date();
  let report: Report | undefined;
  const send = async (evaluations: RuleEvaluation[], extra: Partial<ConfigRuleRun> = {}): Promise<ConfigRuleRun> => {
    const calls = evaluations.length ? await putEvaluations(config, event.resultToken, trigger.orderingTimestamp, evaluations) : 0;
    const run = { messageType: trigger.messageType, region, sent: tally(evaluations), putEvaluationsCalls: calls, ...extra };
    return report ? { ...run, ...await writeRunReport(settings, env, report, run, startedAt) } : run;
  };

  // A function that is gone: nothing else changed, so nothing needs reading.
  if (change?.gone && change.resourceType === FUNCTION_TYPE) {
    return send([notApplicable(FUNCTION_TYPE, change.resourceId, change.status)], { account: event.accountId });
  }

  const reading = await readLiveAccounts({ settings, regions: [region], command: FRONT_END, caller: access.caller });
  const account = reading.accounts[0];
  const partition = reading.read.regions[0]?.partition ?? partitionOf(region);
  const functionArn = (name: string) => `arn:${partition}:lambda:${region}:${account}:function:${name}`;
  const changedFunction = change?.resourceType === FUNCTION_TYPE ? change.resourceName ?? change.resourceId : undefined;
  // A function just created may not be listed yet (ListFunctions is eventually consistent): it is judged all the same.
  const inputs = changedFunction ? withFunction(reading.inputs, account, region, functionArn(changedFunction)) : reading.inputs;
  // The account's evaluation: whether the region's logging trails record Lambda invocations at all, for any function.
  const judgement = judgeTemplates(inputs, { regions: [{ partition, account, region }] });
  report = buildReport(judgement, { acknowledgements, frontEnd: FRONT_END, judged: Judged.LIVE });
  const evaluations = evaluationsOf(report, { account, region }, judgement.regions![0]);
  const base: Partial<ConfigRuleRun> = { account, judged: { functions: evaluations.functions.length, trails: evaluations.trails.length } };

  if (changedFunction) {
    const found = evaluations.functions.find(f => f.resourceId === changedFunction);
    // Config's own resource id, whatever the engine names the function by.
    return send(found ? [{ ...found, resourceId: change!.resourceId }] : [], base);
  }

  const trails = await withConfigIds(config, evaluations.trails, change);
  const all = [...evaluations.functions, ...trails.evaluations, evaluations.account];
  if (change?.gone && change.resourceType === TRAIL_TYPE && !trails.evaluations.some(t => t.resourceId === change.resourceId)) {
    all.push(notApplicable(TRAIL_TYPE, change.resourceId, change.status));
  }
  if (trails.namesBecause) base.trailIdsAreNames = trails.namesBecause;
  if (trigger.messageType !== 'ScheduledNotification' || !event.configRuleName) return send(all, base);

  // A periodic run also withdraws the results of resources that are gone (deleted while AWS Config
  // did not record their type, or before the rule saw the change): only of the kinds the run could
  // list in full, and under ids it knows are AWS Config's, so that a resource it could not see is
  // never withdrawn. An earlier result of a kind it could not list is judged again: what could not be
  // read is NON_COMPLIANT, never left COMPLIANT from an earlier run.
  const kinds = kindsOf(reading.read.regions[0], trails.discoveryFailed, judgement.regions![0].status === CoverageStatus.RECORDED);
  const previous = await evaluatedResources(config, event.configRuleName, [FUNCTION_TYPE, TRAIL_TYPE]);
  if ('unknown' in previous) return send(all, { ...base, staleNotChecked: previous.unknown });
  const when = `${trigger.messageType} ${trigger.orderingTimestamp.toISOString()}`;
  const stale = withdrawals(previous.value.filter(p => kinds.listed.includes(p.resourceType)), all, `no longer in ${account}/${region} (${when})`);
  const unread = previous.value
    .filter(p => kinds.unread.has(p.resourceType) && !all.some(e => e.resourceType === p.resourceType && e.resourceId === p.resourceId))
    .map(p => ({ ...p, compliance: ComplianceType.NON_COMPLIANT, annotation: annotation([`CLT0: could not be judged again (${when}): ${kinds.unread.get(p.resourceType)}`]) }));
  // A trail evaluated under its name because AWS Config's inventory could not be read: its verdict also
  // goes to an earlier result under its ARN, the id AWS Config gave it then.
  const sameTrail = trails.discoveryFailed === undefined ? [] : previous.value
    .filter(p => p.resourceType === TRAIL_TYPE && p.resourceId.startsWith('arn:') && !all.some(e => e.resourceType === TRAIL_TYPE && e.resourceId === p.resourceId))
    .flatMap(p => trails.evaluations.filter(t => t.resourceId === trailNameOf(p.resourceId)).map(t => ({ ...t, resourceId: p.resourceId })));
  return send([...all, ...stale, ...unread, ...sameTrail], base);
}

/**
 * The trails' evaluations under AWS Config's ids of them (its inventory's, or the changed item's), so
 * that each lands on the trail AWS Config shows; under their names when AWS Config records no trail
 * or its inventory could not be read (then `namesBecause` says why).
 */
async function withConfigIds(
  config: ConfigServiceClient, trails: readonly RuleEvaluation[], change: ResourceChange | undefined,
): Promise<{ evaluations: RuleEvaluation[]; namesBecause?: string; discoveryFailed?: string }> {
  if (!trails.length) return { evaluations: [] };
  const discovered = await discoveredIds(config, TRAIL_TYPE, trailNameOf);
  const ids = 'value' in discovered ? discovered.value : new Map<string, string>();
  if (change?.resourceType === TRAIL_TYPE) {
    ids.set(change.resourceName ?? change.resourceId, change.resourceId);
    if (change.arn) ids.set(trailNameOf(change.arn), change.resourceId);
  }
  const evaluations = trails.map(t => ({ ...t, resourceId: ids.get(t.resourceId) ?? t.resourceId }));
  const unmatched = trails.filter(t => !ids.has(t.resourceId)).map(t => t.resourceId);
  if (!unmatched.length) return { evaluations };
  const why = 'unknown' in discovered ? discovered.unknown : 'AWS Config\'s inventory holds none of them (it does not record AWS::CloudTrail::Trail, or not yet)';
  return { evaluations, namesBecause: `${unmatched.join(', ')}: ${why}`, ...('unknown' in discovered ? { discoveryFailed: discovered.unknown } : {}) };
}

/**
 * The run's report to S3 when the construct turned reports on, after its evaluations were sent: a
 * failed write fails the run (Lambda's Errors metric) and says that the evaluations went through.
 */
async function writeRunReport(
  settings: AwsSettings, env: NodeJS.ProcessEnv, report: Report, run: ConfigRuleRun, startedAt: Date,
): Promise<Pick<ConfigRuleRun, 'report'>> {
  const target = reportTargetOf(env);
  if (!target) return {};
  const key = reportKey(target, run.account ?? 'unknown-account', run.region, startedAt, run.messageType);
  const sent = `the evaluations were sent (${run.sent.COMPLIANT + run.sent.NON_COMPLIANT + run.sent.NOT_APPLICABLE} in ${run.putEvaluationsCalls} PutEvaluations calls)`;
  await writeReport(AwsClients.fromSettings(settings).s3(run.region), target, key, report, sent);
  return { report: `s3://${target.bucket}/${key}` };
}

function acknowledgementsOf(env: NodeJS.ProcessEnv): AcknowledgementLookup {
  const text = env[ACKNOWLEDGEMENTS_ENV];
  if (!text) return NO_ACKNOWLEDGEMENTS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${ACKNOWLEDGEMENTS_ENV}: not JSON (${(error as Error).message})`);
  }
  const read = parseAcknowledgementEntries(parsed);
  if ('problem' in read) throw new Error(`${ACKNOWLEDGEMENTS_ENV}: ${read.problem}`);
  return new FileAcknowledgements(read.entries, 'LambdaTrailConfigRule acknowledgements');
}

/** The inputs with this function added to the account and region's stack, unless listed already. */
function withFunction(inputs: readonly StackInput[], account: string, region: string, arn: string): readonly StackInput[] {
  const index = inputs.findIndex(i => i.account === account && i.region === region);
  const stack: StackInput = index >= 0
    ? inputs[index]
    : { id: `${account}/${region}`, stackName: `lambda-trail-config-rule-${account}-${region}`, account, region, template: { Resources: {} } };
  // The audit's inputs are plain templates (liveStackInputs), never a construct tree's TemplateSource.
  const template = stack.template as CloudFormationTemplate;
  const resources: Record<string, CloudFormationResource> = { ...(template.Resources ?? {}) };
  if (Object.values(resources).some(r => (r.Metadata as Record<string, unknown> | undefined)?.[PATH_METADATA] === arn)) return inputs;
  resources.LambdaTrailConfigRuleChangedFunction = {
    Type: 'AWS::Lambda::Function',
    Properties: { FunctionName: functionNameOf(arn) },
    Metadata: { [PATH_METADATA]: arn },
  };
  const updated = { ...stack, template: { ...template, Resources: resources } };
  return index >= 0 ? inputs.map((input, i) => (i === index ? updated : input)) : [...inputs, updated];
}

/**
 * The resource types whose every resource of the region the run listed under AWS Config's ids
 * (`listed`), and the ones it could not list, with why (`unread`). Functions that could not be listed
 * while every function of the region is recorded (`everyFunctionRecorded`) are neither: their earlier
 * results stand, since any function that still exists there is recorded.
 */
function kindsOf(
  region: { functions: { value: unknown } | { unknown: string }; trailsUnknown?: string } | undefined,
  trailIdsUnknown: string | undefined,
  everyFunctionRecorded: boolean,
): { listed: string[]; unread: Map<string, string> } {
  const unread = new Map<string, string>();
  if (!region) return { listed: [], unread };
  const functionsUnknown = 'unknown' in region.functions ? region.functions.unknown : undefined;
  if (functionsUnknown !== undefined && !everyFunctionRecorded) unread.set(FUNCTION_TYPE, `the region's functions could not be listed (${functionsUnknown})`);
  if (region.trailsUnknown !== undefined) unread.set(TRAIL_TYPE, `the region's trails could not be listed (${region.trailsUnknown})`);
  const listed = [
    ...(functionsUnknown === undefined ? [FUNCTION_TYPE] : []),
    // A trail evaluated under its name because AWS Config's inventory could not be read may hold an earlier result under its ARN.
    ...(region.trailsUnknown === undefined && trailIdsUnknown === undefined ? [TRAIL_TYPE] : []),
  ];
  return { listed, unread };
}

function notApplicable(resourceType: string, resourceId: string, status: string): RuleEvaluation {
  const why = status.startsWith('ResourceDeleted') ? `deleted (${status})` : 'left the rule\'s scope';
  return { resourceType, resourceId, compliance: ComplianceType.NOT_APPLICABLE, annotation: why };
}

function tally(evaluations: readonly RuleEvaluation[]): Record<ComplianceType, number> {
  const counts = { [ComplianceType.COMPLIANT]: 0, [ComplianceType.NON_COMPLIANT]: 0, [ComplianceType.NOT_APPLICABLE]: 0 };
  for (const e of evaluations) counts[e.compliance]++;
  return counts;
}

