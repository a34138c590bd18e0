// The recorders the engine judges, as models of what they record: the trails and event data stores of the
// inputs (with what they link to), trails declared outside the inputs, and what could not be listed.
import { linkedFacts, liveStateOf } from './linked-resources';
import { runRule } from './rule-outcomes';
import { JudgeOptions } from './types';
import { AppTemplates } from '../model/app-templates';
import { UnlistedResources } from '../model/cloudformation';
import { Recorder, RecorderScenario } from '../model/coverage';
import { RecorderKind } from '../model/coverage-status';
import { functionArn } from '../model/lambda-arns';
import { managementEventsSelector } from '../model/lambda-data-selector';
import { FUNCTION_NAME } from '../model/resource-names';
import type { StackScope } from '../model/stack-scope';
import { Evaluator, inEveryScenario, NeedsCondition, ResourceRef, TooManyConditions, Scenario } from '../model/template-evaluator';
import { trailModelFromProperties, TrailModel } from '../model/trail-model';
import { printable, undecidableUnknownsIn, unknownValue } from '../model/unknown-value';
import { DeliveryFacts, TrailFacts } from '../rules/rule';
import { DELIVERY_RULES } from '../rules/rule-list';

export const TRAIL = 'AWS::CloudTrail::Trail';
export const EVENT_DATA_STORE = 'AWS::CloudTrail::EventDataStore';
export const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

const REFERENCE = /\u0003([^\u001f\u0004]*)\u001f([^\u0004]*)\u0004/g;

/**
 * Stands for the ARN of a function of the inputs in an external trail's selectors (the engine
 * replaces it with the ARN it computes for that function, so both compare equal).
 */
export function functionArnReference(stackId: string, logicalId: string): string {
  return `\u0003${stackId}\u001f${logicalId}\u0004`;
}

/** The scenario of a template without undecidable conditions. */
export const NO_CONDITIONS: Scenario = new Map();


/** One trail or event data store of the inputs in every scenario of its conditions, with the facts its rules read. */
export interface RecorderUnderJudgement extends Recorder {
  readonly ref: ResourceRef;
  readonly kind: RecorderKind;
  readonly facts: readonly { readonly scenario: Scenario; readonly facts?: Omit<TrailFacts, 'elsewhere'>; readonly unknowns: readonly string[] }[];
  /** Why it could not be read, when it could not. */
  readonly unreadable?: string;
}

/**
 * The trails and event data stores of an account and region that could not be listed, as one
 * recorder that may record anything there and never surely records anything: it leaves unknown what
 * no listed recorder decides. Event data stores may record every region of the account.
 */
export function unlistedRecorder(scope: StackScope, unlisted: UnlistedResources): Recorder | undefined {
  const reasons = [...new Set([unlisted.trails, unlisted.eventDataStores].filter((r): r is string => r !== undefined))];
  if (reasons.length === 0) return undefined;
  const reason = reasons.join('; ');
  const what = unlisted.trails && unlisted.eventDataStores ? 'trails and event data stores' : unlisted.trails ? 'trails' : 'event data stores';
  const label = `the ${what} of account ${printable(scope.account)} in ${printable(scope.region)}`;
  const model = trailModelFromProperties({
    IsLogging: unknownValue(reason),
    IsMultiRegionTrail: unlisted.eventDataStores ? unknownValue(reason) : false,
    IsOrganizationTrail: false,
    EventSelectors: unknownValue(reason),
  }, environment(scope));
  return {
    label,
    scenarios: [{ scenario: NO_CONDITIONS, exists: true, model, unknowns: reasons }],
    unknownBecause: `${label} could not be listed (${reason}), and one of them may record it`,
  };
}


export function environment(scope: StackScope) {
  return { account: scope.account, region: scope.region, partition: scope.partition };
}

export function readRecorder(app: AppTemplates, ref: ResourceRef): RecorderUnderJudgement {
  const kind = ref.scope.resourceType(ref.logicalId) === TRAIL ? RecorderKind.TRAIL : RecorderKind.EVENT_DATA_STORE;
  const path = ref.scope.pathOf(ref.logicalId);
  try {
    const perScenario = inEveryScenario(scenario => {
      const ev = new Evaluator(app, scenario);
      if (!ev.exists(ref)) return { scenario, exists: false };
      const properties = ev.value(ref.scope, ref.scope.resource(ref.logicalId)?.Properties ?? {});
      if (kind === RecorderKind.EVENT_DATA_STORE) {
        const store = eventDataStoreModel(properties, environment(ref.scope));
        return { scenario, exists: true, model: store, unknowns: [...undecidableUnknownsIn(properties)] };
      }
      const model = trailModelFromProperties(properties, environment(ref.scope));
      const { bucketPolicyDocuments, ...linked } = linkedFacts(app, ev, model);
      const delivery = { ...linked, liveState: liveStateOf(ref) };
      const facts = { ...delivery, trail: withDelivery(delivery) };
      // What is not known, to say so in CLT0 and CLT21: the trail's properties and what it links to.
      const unknowns = undecidableUnknownsIn([properties, facts.bucket?.properties, bucketPolicyDocuments, facts.key?.properties]);
      return { scenario, exists: true, model: facts.trail, unknowns: [...unknowns], facts };
    });
    const scenarios: RecorderScenario[] = perScenario.map(b => b.value);
    const named = scenarios.find(w => w.model?.name)?.model?.name;
    return {
      ref,
      kind,
      label: named && scenarios.every(w => !w.model || w.model.name === named) ? named : path,
      scenarios,
      facts: perScenario.filter(b => b.value.exists).map(b => ({ scenario: b.scenario, facts: b.value.facts, unknowns: b.value.unknowns ?? [] })),
    };
  } catch (e) {
    // The one thing of a template the checks know they cannot read: too many combinations of
    // conditions to judge each. Anything else is a defect, which stops the judgement.
    if (e instanceof TooManyConditions) return { ref, kind, label: path, scenarios: [], facts: [], unreadable: e.message };
    throw e;
  }
}

/**
 * A CloudTrail Lake event data store as a recorder (AWS::CloudTrail::EventDataStore): without
 * AdvancedEventSelectors it records all management events; it is multi-region unless said otherwise.
 */
function eventDataStoreModel(properties: Record<string, any>, where: ReturnType<typeof environment>): TrailModel {
  return trailModelFromProperties({
    TrailName: properties.Name,
    IsLogging: properties.IngestionEnabled ?? true,
    IsMultiRegionTrail: properties.MultiRegionEnabled ?? true,
    IsOrganizationTrail: properties.OrganizationEnabled ?? false,
    IncludeGlobalServiceEvents: true,
    EnableLogFileValidation: true,
    KMSKeyId: properties.KmsKeyId,
    AdvancedEventSelectors: properties.AdvancedEventSelectors ?? [managementEventsSelector()],
  }, where);
}

/**
 * The trail as coverage sees it: recording nothing when a delivery rule (CLT12, CLT14) finds that
 * CloudTrail cannot deliver its log files, and not known to record when that is undecided.
 */
function withDelivery(facts: DeliveryFacts): TrailModel {
  let failing = false;
  const undecided: string[] = [];
  for (const rule of DELIVERY_RULES) {
    const outcome = runRule(() => rule.check(facts));
    if (outcome.kind === 'finding') failing = true;
    else if (outcome.kind !== 'ok') undecided.push(`${rule.id}: ${outcome.reason}`);
  }
  if (failing) return { ...facts.trail, delivers: false };
  if (undecided.length) return { ...facts.trail, delivers: undefined, deliveryUnknown: undecided.join('; ') };
  return facts.trail;
}

/** The model of a declared external trail; function references resolved against the inputs. */
export function externalModel(app: AppTemplates, trail: NonNullable<JudgeOptions['externalTrails']>[number]): TrailModel {
  const ev = new Evaluator(app, new Map());
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(REFERENCE, (_match, stackId: string, logicalId: string) => referencedFunctionArn(app, ev, stackId, logicalId));
    if (Array.isArray(value)) return value.map(resolve);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  };
  return trailModelFromProperties({
    IsLogging: true,
    IsMultiRegionTrail: trail.multiRegion,
    IsOrganizationTrail: trail.organizationTrail,
    AdvancedEventSelectors: resolve(trail.advancedEventSelectors),
  }, {
    account: trail.account ?? unknownValue(`account of ${trail.name}`),
    region: trail.region ?? unknownValue(`region of ${trail.name}`),
    partition: 'aws',
  });
}

function referencedFunctionArn(app: AppTemplates, ev: Evaluator, stackId: string, logicalId: string): string {
  const scope = app.scopes.find(s => s.id === stackId);
  if (!scope || !FUNCTION_TYPES.includes(scope.resourceType(logicalId) ?? '')) return unknownValue(`function ${logicalId} of ${stackId}`);
  try {
    return functionArn(scope, ev.physicalName({ scope, logicalId }, FUNCTION_NAME));
  } catch (e) {
    if (e instanceof NeedsCondition) return unknownValue(`ARN of ${scope.pathOf(logicalId)}`);
    throw e;
  }
}
