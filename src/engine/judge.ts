// The engine: templates in, findings and coverage out. Every front end calls `judgeTemplates`. What a
// recorder is and what it links to are read by recorder-models.ts and linked-resources.ts; this file judges.
import { judging } from './judging-stopped';
import {
  EVENT_DATA_STORE, externalModel, FUNCTION_TYPES, NO_CONDITIONS, readRecorder, RecorderUnderJudgement, TRAIL, unlistedRecorder,
} from './recorder-models';
import { combineResults, finding, runRule, undecidedFinding } from './rule-outcomes';
import { FunctionJudgement, JudgeOptions, Judgement, RawFinding, RecorderJudgement, UnlistedJudgement } from './types';
import { AppTemplates } from '../model/app-templates';
import { StackInput, UnlistedResources } from '../model/cloudformation';
import {
  anyFunctionOf, combineCoverage, coverageByDeployment, coverageOf, coverageOfRegion, coversTrail, FunctionModel, Recorder,
  recordedAloneOrTogether, recordedByOthers, recordsManagement,
} from '../model/coverage';
import { CoverageStatus, RecorderKind } from '../model/coverage-status';
import { functionArn } from '../model/lambda-arns';
import { describeLambdaScope, lambdaRecording, recordsInvocationsSeenBy } from '../model/lambda-scope';
import { FUNCTION_NAME } from '../model/resource-names';
import type { StackScope } from '../model/stack-scope';
import { describeScenario, Evaluator, inEveryScenario, ResourceRef, TooManyConditions, Scenario } from '../model/template-evaluator';
import { andThen, answeredWhenAsked } from '../model/ternary';
import type { TrailModel } from '../model/trail-model';
import { printable, unknownValue, NOT_KNOWN } from '../model/unknown-value';
import { FUNCTION_RULES, TRAIL_RULES, CHECKS_OWN_RULES } from '../rules/rule-list';

export { functionArnReference } from './recorder-models';

/** A trail or event data store as an error names it: its kind, its name when known, and its path. */
function recorderSubject(ref: ResourceRef, label?: string): string {
  const kind = ref.scope.resourceType(ref.logicalId) === TRAIL ? 'trail' : 'event data store';
  const path = ref.scope.pathOf(ref.logicalId);
  return label && label !== path ? `${kind} ${label} (${path})` : `${kind} ${path}`;
}

const ENV_AGNOSTIC_ASSUMPTION = 'Env-agnostic stacks (no account or region at synth) are judged as deploying to one and the same account and region, and to the aws partition.';

/**
 * Judges the inputs: every trail and event data store against the rules, every function for a
 * recorder of its invocations. Never throws for what a template holds: what it cannot read or decide
 * is a CLT0 (trail) or CLT21 (function) finding. An exception the engine does not expect (a defect)
 * stops it with a `JudgingStopped` that names the trail or function and the cause.
 */
export function judgeTemplates(stacks: readonly StackInput[], options: JudgeOptions = {}): Judgement {
  const app = new AppTemplates(stacks);
  // Functions first: a trail's selectors often name them (through exports of their stacks).
  const functions = app.resourcesOfType(...FUNCTION_TYPES);
  const recorders = app.resourcesOfType(TRAIL, EVENT_DATA_STORE).map(ref => judging(recorderSubject(ref), () => readRecorder(app, ref)));
  const external: Recorder[] = (options.externalTrails ?? []).map(trail => ({
    label: `${trail.name} (external)`,
    scenarios: [{ scenario: new Map(), exists: true, model: judging(`the declared external trail ${trail.name}`, () => externalModel(app, trail)) }],
  }));
  const unlisted = stacks.filter(input => input.unlisted).map(input => ({ scope: app.scopes.find(s => s.id === input.id)!, what: input.unlisted! }));
  const unlistedRecorders = unlisted.flatMap(({ scope, what }) => unlistedRecorder(scope, what) ?? []);
  const covering: Recorder[] = [...recorders.filter(r => !r.unreadable), ...external, ...unlistedRecorders];

  const recorderJudgements = recorders.map(recorder =>
    judging(recorderSubject(recorder.ref, recorder.label), () => judgeRecorder(recorder, covering)));
  const functionJudgements = functions.flatMap(ref => judging(`function ${ref.scope.pathOf(ref.logicalId)}`, () => judgeFunction(app, ref, covering)));
  const unlistedJudgements = unlisted.map(({ scope, what }) => judging(`what could not be listed in ${scope.id}`, () => judgeUnlisted(scope, what, covering)));
  const envAgnostic = app.scopes.some(scope => scope.envAgnostic);
  return {
    recorders: recorderJudgements,
    functions: functionJudgements,
    unlisted: unlistedJudgements.flatMap(u => (u.findings.length ? [u] : [])),
    assumptions: [...(envAgnostic ? [ENV_AGNOSTIC_ASSUMPTION] : []), ...unlistedJudgements.flatMap(u => u.assumption ?? [])],
    ...(options.regions ? { regions: options.regions.map(place => judging(`Lambda recording in ${place.account}/${place.region}`, () => coverageOfRegion(place, covering))) } : {}),
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
    const coverage = coverageOf(anyFunctionOf(scope, scope.id), NO_CONDITIONS, covering);
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
