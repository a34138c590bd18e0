// The engine: templates in, findings and coverage out. Every front end calls `judgeTemplates`.
import { FunctionJudgement, JudgeOptions, Judgement, RawFinding, RecorderJudgement, UnlistedJudgement } from './types';
import { AppTemplates } from '../model/app-templates';
import { LIVE_STATE_METADATA, LiveState, StackInput, UnlistedResources } from '../model/cloudformation';
import {
  combineCoverage, coverageByDeployment, coverageOf, coversTrail, FunctionModel, Recorder, RecorderScenario, recordedAloneOrTogether,
  recordedByOthers, recordsManagement,
} from '../model/coverage';
import { CoverageStatus, RecorderKind } from '../model/coverage-status';
import { functionArn } from '../model/lambda-arns';
import { managementEventsSelector } from '../model/lambda-data-selector';
import { describeLambdaScope, lambdaRecording, recordsInvocationsSeenBy } from '../model/lambda-scope';
import { statementsOf } from '../model/policy-statements';
import { FUNCTION_NAME } from '../model/resource-names';
import type { StackScope } from '../model/stack-scope';
import { describeScenario, Evaluator, inEveryScenario, NeedsCondition, NO_VALUE, ResourceRef, TooManyConditions, Scenario } from '../model/template-evaluator';
import { andThen, answeredWhenAsked } from '../model/ternary';
import { trailModelFromProperties, TrailModel } from '../model/trail-model';
import { hasUnknown, NOT_KNOWN, NOT_KNOWN_BECAUSE, printable, undecidableUnknownsIn, unknownValue, valueEquals } from '../model/unknown-value';
import { DeliveryFacts, FindingLevel, LinkedResource, RuleInfo, TrailFacts, Undecided } from '../rules/rule';
import { CHECKS_OWN_RULES, DELIVERY_RULES, FUNCTION_RULES, TRAIL_RULES } from '../rules/rule-list';

const TRAIL = 'AWS::CloudTrail::Trail';
const EVENT_DATA_STORE = 'AWS::CloudTrail::EventDataStore';
const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

const REFERENCE = /\u0003([^\u001f\u0004]*)\u001f([^\u0004]*)\u0004/g;

/**
 * Stands for the ARN of a function of the inputs in an external trail's selectors (the engine
 * replaces it with the ARN it computes for that function, so both compare equal).
 */
export function functionArnReference(stackId: string, logicalId: string): string {
  return `\u0003${stackId}\u001f${logicalId}\u0004`;
}

/** The scenario of a template without undecidable conditions. */
const NO_CONDITIONS: Scenario = new Map();

const ENV_AGNOSTIC_ASSUMPTION = 'Env-agnostic stacks (no account or region at synth) are judged as deploying to one and the same account and region, and to the aws partition.';

/** One trail or event data store of the inputs in every scenario of its conditions, with the facts its rules read. */
interface RecorderUnderJudgement extends Recorder {
  readonly ref: ResourceRef;
  readonly kind: RecorderKind;
  readonly facts: readonly { readonly scenario: Scenario; readonly facts?: Omit<TrailFacts, 'elsewhere'>; readonly unknowns: readonly string[] }[];
  /** Why it could not be read, when it could not. */
  readonly unreadable?: string;
}

/**
 * Judges the inputs: every trail and event data store against the rules, every function for a
 * recorder of its invocations. Never throws for what a template holds: what it cannot read or decide
 * is a CLT0 (trail) or CLT21 (function) finding.
 */
export function judgeTemplates(stacks: readonly StackInput[], options: JudgeOptions = {}): Judgement {
  const app = new AppTemplates(stacks);
  // Functions first: a trail's selectors often name them (through exports of their stacks).
  const functions = app.resourcesOfType(...FUNCTION_TYPES);
  const recorders = app.resourcesOfType(TRAIL, EVENT_DATA_STORE).map(ref => readRecorder(app, ref));
  const external: Recorder[] = (options.externalTrails ?? []).map(trail => ({
    label: `${trail.name} (external)`,
    scenarios: [{ scenario: new Map(), exists: true, model: externalModel(app, trail) }],
  }));
  const unlisted = stacks.filter(input => input.unlisted).map(input => ({ scope: app.scopes.find(s => s.id === input.id)!, what: input.unlisted! }));
  const unlistedRecorders = unlisted.flatMap(({ scope, what }) => unlistedRecorder(scope, what) ?? []);
  const covering: Recorder[] = [...recorders.filter(r => !r.unreadable), ...external, ...unlistedRecorders];

  const recorderJudgements = recorders.map(recorder => judgeRecorder(recorder, covering));
  const functionJudgements = functions.flatMap(ref => judgeFunction(app, ref, covering));
  const unlistedJudgements = unlisted.map(({ scope, what }) => judgeUnlisted(scope, what, covering));
  const envAgnostic = app.scopes.some(scope => scope.envAgnostic);
  return {
    recorders: recorderJudgements,
    functions: functionJudgements,
    unlisted: unlistedJudgements.flatMap(u => (u.findings.length ? [u] : [])),
    assumptions: [...(envAgnostic ? [ENV_AGNOSTIC_ASSUMPTION] : []), ...unlistedJudgements.flatMap(u => u.assumption ?? [])],
  };
}

/**
 * The trails and event data stores of an account and region that could not be listed, as one
 * recorder that may record anything there and never surely records anything: it leaves unknown what
 * no listed recorder decides. Event data stores may record every region of the account.
 */
function unlistedRecorder(scope: StackScope, unlisted: UnlistedResources): Recorder | undefined {
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

/**
 * CLT0 on an account and region where something could not be listed: what, and why. When only its
 * functions could not be listed and the listed recorders record every function there, that is an
 * assumption instead (nothing is undecided).
 */
function judgeUnlisted(scope: StackScope, unlisted: UnlistedResources, covering: readonly Recorder[]): UnlistedJudgement & { assumption?: string } {
  const where = `account ${printable(scope.account)}, region ${printable(scope.region)}`;
  const subject = { stackId: scope.id, logicalId: '', path: scope.id, account: scope.account, region: scope.region };
  const parts: string[] = [];
  // A reason given once: a region that refuses the credentials refuses every call.
  const because = (reason: string, earlier: readonly (string | undefined)[]) => (earlier.includes(reason) ? ' (for the same reason)' : ` (${reason})`);
  if (unlisted.trails) parts.push(`its trails could not be listed (${unlisted.trails}): none of them is judged or counted, and a function there that no other trail records is unknown (CLT21)`);
  if (unlisted.eventDataStores) {
    parts.push(`its CloudTrail Lake event data stores could not be listed${because(unlisted.eventDataStores, [unlisted.trails])}: a function of the account that no other trail records is unknown (CLT21)`);
  }
  let assumption: string | undefined;
  if (unlisted.functions) {
    const anyFunction: FunctionModel = {
      path: scope.id,
      arn: functionArn(scope, unknownValue(`a function of ${where}`)),
      account: scope.account,
      region: scope.region,
    };
    const coverage = coverageOf(anyFunction, NO_CONDITIONS, covering);
    const listed = `its functions could not be listed${because(unlisted.functions, [unlisted.trails, unlisted.eventDataStores])}`;
    if (coverage.status === CoverageStatus.RECORDED) {
      assumption = `The functions of ${where} could not be listed (${unlisted.functions}); every function there is recorded by ${coverage.recordedBy.join(', ')}.`;
    } else if (coverage.status === CoverageStatus.NOT_RECORDED) {
      parts.push(`${listed}, and no trail records Lambda invocations there: could not decide CLT20 (each function there would be one)`);
    } else if (coverage.status === CoverageStatus.OUTSIDE_SCOPE) {
      parts.push(`${listed}, and ${coverage.lambdaTrailsThere.join(', ')} record only some functions there: could not decide CLT21 for them`);
    } else {
      // Unknown because of this region's own unlisted trails, the part above says why; otherwise coverage does.
      const why = unlisted.trails || unlisted.eventDataStores ? '' : ` (${coverage.unknownBecause})`;
      parts.push(`${listed}: could not decide whether they are recorded${why}`);
    }
  }
  const findings = parts.length ? [finding(CHECKS_OWN_RULES.CLT0, `${where}: ${parts.join('; ')}`)] : [];
  return { ...subject, findings, ...(assumption ? { assumption } : {}) };
}

function environment(scope: StackScope) {
  return { account: scope.account, region: scope.region, partition: scope.partition };
}

function readRecorder(app: AppTemplates, ref: ResourceRef): RecorderUnderJudgement {
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
    if (e instanceof TooManyConditions || !(e instanceof NeedsCondition)) {
      return { ref, kind, label: path, scenarios: [], facts: [], unreadable: (e as Error).message };
    }
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

/** What the AWS APIs showed of a live resource beyond its properties (the audit writes it into its Metadata). */
function liveStateOf(ref: ResourceRef): LiveState | undefined {
  const state = ref.scope.resource(ref.logicalId)?.Metadata?.[LIVE_STATE_METADATA];
  return state && typeof state === 'object' ? state as LiveState : undefined;
}

/** The facts a trail's rules read, and the policy documents read for them (to say what of them is not known). */
type LinkedFacts = Omit<TrailFacts, 'elsewhere' | 'liveState'> & { readonly bucketPolicyDocuments: unknown[] };

/** The bucket, its policies' statements and the key a trail's properties lead to, in one scenario. */
function linkedFacts(app: AppTemplates, ev: Evaluator, trail: TrailModel): LinkedFacts {
  const bucketRef = trail.s3BucketName === undefined ? undefined : findBucket(app, ev, trail.s3BucketName);
  let bucket: LinkedResource | undefined;
  let bucketPolicyStatements: any[] | undefined;
  const bucketPolicyDocuments: unknown[] = [];
  if (bucketRef && ev.exists(bucketRef)) {
    bucket = linkedResource(ev, bucketRef);
    bucketPolicyStatements = [];
    for (const policy of app.resourcesOfType('AWS::S3::BucketPolicy')) {
      if (!ev.exists(policy)) continue;
      const properties = ev.value(policy.scope, policy.scope.resource(policy.logicalId)?.Properties ?? {});
      const target = typeof properties.Bucket === 'string' ? findBucket(app, ev, properties.Bucket) : undefined;
      if (target?.scope !== bucketRef.scope || target.logicalId !== bucketRef.logicalId) {
        if (typeof properties.Bucket === 'string' && !hasUnknown(properties.Bucket)) continue;
        if (target === undefined && typeof properties.Bucket === 'string' && hasUnknown(properties.Bucket) && !ev.links.has(properties.Bucket)) {
          // A policy on a bucket the inputs cannot name: it might be this one.
          bucketPolicyStatements = undefined;
          break;
        }
        continue;
      }
      bucketPolicyDocuments.push(properties.PolicyDocument);
      const statements = statementsOf(properties.PolicyDocument);
      if (statements === undefined) {
        bucketPolicyStatements = undefined;
        break;
      }
      bucketPolicyStatements.push(...statements);
    }
  }
  const bucketUndecided = bucket || trail.s3BucketName === undefined ? undefined : mayNameBucket(app, ev, trail.s3BucketName);
  // A key of the inputs can be named before deployment only by Ref or Fn::GetAtt (its id exists
  // once it is created): any other KMSKeyId (a literal ARN, a parameter, an import from outside
  // the inputs) names a key outside them.
  const keyRef = trail.kmsKeyId === undefined ? undefined : findKey(app, ev, trail);
  const key = keyRef && ev.exists(keyRef) ? linkedResource(ev, keyRef) : undefined;
  return { trail, bucket, bucketUndecided, bucketPolicyStatements, key, bucketPolicyDocuments };
}

/**
 * When an S3BucketName the inputs cannot resolve (a parameter, an import) may still be the name a
 * bucket of the inputs is given: which ones, for an Undecided; undefined when it names none of them.
 * A generated bucket name exists only once the bucket is created, so a value known before
 * deployment cannot be one.
 */
function mayNameBucket(app: AppTemplates, ev: Evaluator, value: string): string | undefined {
  const candidates = app.resourcesOfType('AWS::S3::Bucket').filter(ref => {
    try {
      const given = ref.scope.header(ref.logicalId)?.Properties?.BucketName;
      if (given === undefined || !ev.exists(ref)) return false;
      const name = ev.value(ref.scope, given);
      return typeof name !== 'string' || valueEquals(value, name) !== false;
    } catch (e) {
      if (e instanceof NeedsCondition) return true;
      throw e;
    }
  });
  if (candidates.length === 0) return undefined;
  return `S3BucketName ${printable(value)} is ${NOT_KNOWN} and may name ${candidates.map(ref => ref.scope.pathOf(ref.logicalId)).join(', ')}`;
}

function findBucket(app: AppTemplates, ev: Evaluator, name: string): ResourceRef | undefined {
  const linked = ev.links.get(name);
  if (linked) return linked.scope.resourceType(linked.logicalId) === 'AWS::S3::Bucket' ? linked : undefined;
  if (hasUnknown(name)) return undefined;
  return app.resourcesOfType('AWS::S3::Bucket').find(ref => {
    const given = ref.scope.header(ref.logicalId)?.Properties?.BucketName;
    return given !== undefined && ev.value(ref.scope, given) === name;
  });
}

/**
 * The key a KMSKeyId names: a key of the inputs by Ref or Fn::GetAtt, or through an alias of the
 * inputs (`alias/<name>` or the alias ARN), whose TargetKeyId leads to the key.
 */
function findKey(app: AppTemplates, ev: Evaluator, trail: TrailModel): ResourceRef | undefined {
  const keyId = trail.kmsKeyId!;
  const linked = ev.links.get(keyId);
  if (linked) return linked.scope.resourceType(linked.logicalId) === 'AWS::KMS::Key' ? linked : undefined;
  // `alias/<name>` names an alias of the trail's account and region; an alias ARN names its own.
  const aliasArn = /^arn:[^:]+:kms:([^:]*):([^:]*):(alias\/.+)$/.exec(keyId);
  const alias = aliasArn?.[3] ?? (keyId.startsWith('alias/') ? keyId : undefined);
  if (alias === undefined || hasUnknown(alias)) return undefined;
  const region = aliasArn?.[1] ?? trail.region;
  const account = aliasArn?.[2] ?? trail.account;
  for (const ref of app.resourcesOfType('AWS::KMS::Alias')) {
    if (valueEquals(ref.scope.account, account) === false || valueEquals(ref.scope.region, region) === false || !ev.exists(ref)) continue;
    const properties = ev.value(ref.scope, ref.scope.resource(ref.logicalId)?.Properties ?? {});
    if (!properties || typeof properties !== 'object') continue;
    if (properties.AliasName !== alias || typeof properties.TargetKeyId !== 'string') continue;
    const target = ev.links.get(properties.TargetKeyId);
    return target && target.scope.resourceType(target.logicalId) === 'AWS::KMS::Key' ? target : undefined;
  }
  return undefined;
}

function linkedResource(ev: Evaluator, ref: ResourceRef): LinkedResource {
  const properties = ev.value(ref.scope, ref.scope.resource(ref.logicalId)?.Properties ?? {});
  const arn = ev.value(ref.scope, { 'Fn::GetAtt': [ref.logicalId, 'Arn'] });
  return {
    path: ref.scope.pathOf(ref.logicalId),
    arn: typeof arn === 'string' ? arn : unknownValue(`ARN of ${ref.scope.pathOf(ref.logicalId)}`),
    properties: properties === NO_VALUE ? {} : properties,
    liveState: liveStateOf(ref),
  };
}

function judgeRecorder(recorder: RecorderUnderJudgement, covering: readonly Recorder[]): RecorderJudgement {
  const { scope, logicalId } = recorder.ref;
  const subject = { stackId: scope.id, logicalId, path: scope.pathOf(logicalId), account: scope.account, region: scope.region };
  const checksRule = CHECKS_OWN_RULES.CLT0;
  if (recorder.unreadable) {
    return {
      ...subject,
      kind: recorder.kind,
      lambdaScope: 'unknown',
      assumptions: [],
      findings: [finding(checksRule, `the checks could not read this ${recorder.kind === RecorderKind.TRAIL ? 'trail' : 'event data store'} (${recorder.unreadable}); it is left out of coverage`)],
    };
  }
  const existing = recorder.scenarios.filter(w => w.exists && w.model);
  const conditional = recorder.scenarios.length > 1 || recorder.scenarios.some(w => w.scenario.size > 0);
  const assumptions = conditional
    ? [`Judged in every scenario of the conditions it depends on: ${recorder.scenarios.map(w => `${describeScenario(w.scenario) || 'unconditional'}${w.exists ? '' : ' (not created)'}`).join('; ')}.`]
    : [];
  // A store that ingests nothing records nothing, whatever its selectors say (a trail that is not
  // logging says so in its CLT7; no rule judges a store).
  const scopes = [...new Set(existing.map(w => (recorder.kind === RecorderKind.EVENT_DATA_STORE && w.model!.isLogging === false
    ? 'nothing: it ingests no events (IngestionEnabled false, or ingestion stopped)'
    : describeLambdaScope(w.model!))))];
  const lambdaScope = scopes.length === 0 ? 'not created in any scenario' : scopes.join(' / or, depending on conditions, / ');
  const findings: RawFinding[] = [];
  if (recorder.kind === RecorderKind.TRAIL) {
    const others = covering.filter(r => r !== recorder);
    // What the other recorders of this trail's account and regions record, alone or together with this
    // trail's selectors: asked once per scenario, and only by the rules of a trail that does not record
    // it itself.
    const ruleInputs = recorder.facts.map(({ scenario, facts }) => {
      if (!facts) return undefined;
      const covers = (model: TrailModel) => coversTrail(model, facts.trail);
      return {
        ...facts,
        elsewhere: answeredWhenAsked({
          lambda: () => recordedByOthers(others, scenario, model => andThen(covers(model), () => recordsInvocationsSeenBy(model, facts.trail))),
          management: () => recordedAloneOrTogether(others, scenario, covers, recordsManagement, facts.trail),
          everyInvocation: () => recordedAloneOrTogether(others, scenario, covers, model => lambdaRecording(model).all, facts.trail),
        }),
      };
    });
    for (const rule of TRAIL_RULES) {
      const results = ruleInputs.map(input => (input ? runRule(() => rule.check(input)) : undefined));
      findings.push(...combineResults(rule, results, recorder.facts));
    }
  }
  return {
    ...subject,
    kind: recorder.kind,
    name: recorder.label !== subject.path ? recorder.label : undefined,
    lambdaScope,
    assumptions,
    findings,
  };
}

type Outcome = { kind: 'finding'; detail: string } | { kind: 'ok' } | { kind: 'undecided'; reason: string } | { kind: 'failed'; reason: string };

function runRule(check: () => string | undefined | Undecided): Outcome {
  try {
    const result = check();
    if (result === undefined) return { kind: 'ok' };
    if (result instanceof Undecided) return { kind: 'undecided', reason: result.reason };
    return { kind: 'finding', detail: result };
  } catch (e) {
    return { kind: 'failed', reason: (e as Error).message };
  }
}

/** A scenario of a trail's conditions, and what of the trail is not known in it. */
interface ScenarioUnknowns {
  readonly scenario: Scenario;
  readonly unknowns: readonly string[];
}

/**
 * One rule over every scenario of the conditions: a finding when it holds in every scenario (where the
 * resource exists), nothing when in none, CLT0 naming the rule otherwise.
 */
function combineResults(rule: RuleInfo, results: readonly (Outcome | undefined)[], perScenario: readonly ScenarioUnknowns[]): RawFinding[] {
  const outcomes = results.map((r, i) => ({ r, ...perScenario[i] })).filter((x): x is ScenarioUnknowns & { r: Outcome } => x.r !== undefined);
  if (outcomes.length === 0) return [];
  const failed = outcomes.find(x => x.r.kind === 'failed');
  if (failed) {
    return [{ rule, level: FindingLevel.WARNING, detail: `the rule could not be evaluated (${(failed.r as { reason: string }).reason})` }];
  }
  const findings = outcomes.filter(x => x.r.kind === 'finding');
  if (findings.length === outcomes.length) {
    return [finding(rule, (findings[0].r as { detail: string }).detail)];
  }
  const undecided = outcomes.filter(x => x.r.kind === 'undecided');
  if (undecided.length === 0 && findings.length === 0) return [];
  const reasons = [
    ...undecided.map(x => withUnknowns((x.r as { reason: string }).reason, x.unknowns)),
    ...(findings.length > 0 ? [`it holds only when ${findings.map(x => describeScenario(x.scenario)).join(' or when ')} (${(findings[0].r as { detail: string }).detail})`] : []),
  ];
  return [undecidedFinding(rule, `could not decide ${rule.id} (${rule.title}): ${[...new Set(reasons)].join('; ')}`)];
}

/** A rule's reason with what is not known in its scenario, unless the reason names it already (the audit's API errors). */
function withUnknowns(reason: string, unknowns: readonly string[]): string {
  const missing = unknowns.filter(u => !printable(reason).includes(u));
  return missing.length > 0 ? `${reason} (${NOT_KNOWN_BECAUSE}${missing.join('; ')})` : reason;
}

function finding(rule: RuleInfo, detail: string): RawFinding {
  return { rule, level: rule.level, detail };
}

/** CLT0 about a rule it could not decide: acknowledging that rule acknowledges this too. */
function undecidedFinding(about: RuleInfo, detail: string): RawFinding {
  return { rule: CHECKS_OWN_RULES.CLT0, level: CHECKS_OWN_RULES.CLT0.level, detail, about: about.id };
}

function judgeFunction(app: AppTemplates, ref: ResourceRef, covering: readonly Recorder[]): FunctionJudgement[] {
  const { scope, logicalId } = ref;
  const path = scope.pathOf(logicalId);
  const assumptions = scope.envAgnostic ? ['env-agnostic stack: judged as deploying to the account and region of the app\'s other env-agnostic stacks'] : [];
  let perScenario: { scenario: Scenario; value: FunctionModel | undefined }[];
  const header = scope.header(logicalId);
  const literalName = header?.Properties?.[FUNCTION_NAME.property];
  if (header && header.Condition === undefined && (literalName === undefined || typeof literalName === 'string')) {
    // Most functions: no condition and a literal or generated name, so a single scenario and no evaluator.
    const name = typeof literalName === 'string' ? literalName : new Evaluator(app, NO_CONDITIONS).physicalName(ref, FUNCTION_NAME);
    perScenario = [{ scenario: NO_CONDITIONS, value: { path, arn: functionArn(scope, name), account: scope.account, region: scope.region } }];
  } else {
    try {
      perScenario = inEveryScenario(scenario => {
        const ev = new Evaluator(app, scenario);
        if (!ev.exists(ref)) return undefined;
        return { path, arn: functionArn(scope, ev.physicalName(ref, FUNCTION_NAME)), account: scope.account, region: scope.region };
      });
    } catch (e) {
      if (!(e instanceof TooManyConditions)) throw e;
      perScenario = [{ scenario: NO_CONDITIONS, value: { path, arn: unknownValue(`ARN of ${path}`), account: scope.account, region: scope.region } }];
    }
  }
  const existing = perScenario.filter((b): b is { scenario: Scenario; value: FunctionModel } => b.value !== undefined);
  if (existing.length === 0) return [];
  // Judged in each deployment where it exists: per scenario of its conditions, and per scenario of a
  // recorder that records it in some scenarios only.
  const coverage = combineCoverage(existing.flatMap(b => coverageByDeployment(b.value, b.scenario, covering)))!;
  if (coverage.throughOrganization?.length) {
    assumptions.push(`recorded by organization trail(s) of another account (${coverage.throughOrganization.join(', ')}): judged on the assumption that account ${printable(scope.account)} belongs to that organization`);
  }
  if (existing.length < perScenario.length) assumptions.push(`created only when ${existing.map(b => describeScenario(b.scenario)).join(' or when ')}: judged as created`);
  const findings: RawFinding[] = [];
  for (const rule of FUNCTION_RULES) {
    const outcome = runRule(() => rule.check(coverage));
    if (outcome.kind === 'finding') findings.push(finding(rule, outcome.detail));
    else if (outcome.kind === 'failed') findings.push({ rule, level: FindingLevel.WARNING, detail: `the rule could not be evaluated (${outcome.reason})` });
    else if (outcome.kind === 'undecided') findings.push(undecidedFinding(rule, `could not decide ${rule.id} (${rule.title}): ${outcome.reason}`));
  }
  return [{
    stackId: scope.id,
    logicalId,
    path,
    account: scope.account,
    region: scope.region,
    arn: existing.length === 1 || existing.every(b => b.value.arn === existing[0].value.arn) ? existing[0].value.arn : unknownValue(`ARN of ${path}, which depends on conditions`),
    status: coverage.status,
    recordedBy: coverage.recordedBy,
    unknownBecause: coverage.status === CoverageStatus.UNKNOWN ? coverage.unknownBecause ?? `values ${NOT_KNOWN}` : undefined,
    assumptions,
    findings,
  }];
}

/** The model of a declared external trail; function references resolved against the inputs. */
function externalModel(app: AppTemplates, trail: NonNullable<JudgeOptions['externalTrails']>[number]): TrailModel {
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
