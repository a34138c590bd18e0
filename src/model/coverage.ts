// The one place that decides which trails (and event data stores) record a function's invocations,
// and which record what another trail leaves out. Order-independent and app-wide: a trail records
// the functions of every stack of its account (every account of the organization for an
// organization trail) in its region (every region for a multi-region trail). What the logging
// recorders of an account and region record is a union, condition by condition: CloudTrail records
// an event in every recorder whose selectors match it, so two recorders record what one recorder with
// the selectors of both would (`recordedTogether`).
import { CoverageStatus } from './coverage-status';
import { effectiveSelectors, FieldRange, invocationEvent, managementEvent, recordsEvent } from './event-matcher';
import { functionArn, FunctionPlace } from './lambda-arns';
import { mayRecordInvocationsIn, recordsInvocationsOf } from './lambda-scope';
import { Memo } from './memo';
import { canOccurTogether, describeScenario, joinScenarios, MAX_SCENARIOS, Scenario, ScenarioResult } from './template-evaluator';
import { and, andThen, every, not, or, some, Ternary } from './ternary';
import { AdvancedSelector, isRecording, TrailModel } from './trail-model';
import { hasUnknown, NOT_FULLY_KNOWN, NOT_KNOWN, NOT_KNOWN_BECAUSE, printable, unknownValue, valueEquals } from './unknown-value';

/** A function in one scenario of its template's conditions. */
export interface FunctionModel {
  readonly path: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
}

/** A trail or event data store in one scenario of its template's conditions. */
export interface RecorderScenario {
  readonly scenario: Scenario;
  /** False when its resource condition is false in this scenario: it is not created. */
  readonly exists: boolean;
  readonly model?: TrailModel;
  /** What of its properties is not known (the unknown values' descriptions), to say why a verdict is unknown. */
  readonly unknowns?: readonly string[];
}

/** A trail or event data store as coverage sees it: a name for people and its model in every scenario. */
export interface Recorder {
  readonly label: string;
  readonly scenarios: readonly RecorderScenario[];
  /** Why nothing about it is known, for people (recorders a front end could not list). */
  readonly unknownBecause?: string;
}

/** How a function is covered, with the reasons. */
export interface Coverage {
  readonly fn: FunctionModel;
  readonly status: CoverageStatus;
  /**
   * Recorders that record every invocation of the function: each one that does alone, or, when none
   * does, the ones that do together (each records some of its invocations).
   */
  readonly recordedBy: string[];
  /** Recorders that record Lambda invocations (of other functions) in the function's account and region. */
  readonly lambdaTrailsThere: string[];
  /** Why the status is unknown. */
  readonly unknownBecause?: string;
  /**
   * Organization trails of another account (or one not known) among `recordedBy`: they record the
   * function only if its account belongs to their organization, which the inputs cannot show.
   */
  readonly throughOrganization?: string[];
}

/** Does the trail see events of this account and region at all? */
export function trailSees(trail: TrailModel, account: string, region: string): Ternary {
  const seesAccount = trail.organization === true || or(trail.organization, valueEquals(account, trail.account));
  if (seesAccount === false) return false;
  return and(seesAccount, trail.multiRegion === true || or(trail.multiRegion, valueEquals(region, trail.region)));
}

/** Does `other` log every account and region that `trail` logs? */
export function coversTrail(other: TrailModel, trail: TrailModel): Ternary {
  return and(
    isRecording(other),
    or(other.organization, and(not(trail.organization), valueEquals(trail.account, other.account))),
    or(other.multiRegion, and(not(trail.multiRegion), valueEquals(trail.region, other.region))),
  );
}

/** Management events, read and write, are all recorded. */
export function recordsManagement(trail: TrailModel): Ternary {
  return and(recordsEvent(trail, managementEvent(true)), recordsEvent(trail, managementEvent(false)));
}

/**
 * `f` over the recorder's scenarios that can occur with `scenario` (the scenario of the subject asking):
 * true when it holds in all of them, false in none, undefined otherwise. A scenario where the recorder
 * is not created counts as false.
 */
export function inEveryScenarioOf(recorder: Recorder, scenario: Scenario, f: (model: TrailModel) => Ternary): Ternary {
  let sawTrue = false;
  let sawFalse = false;
  let sawUnknown = false;
  for (const own of recorder.scenarios) {
    if (!canOccurTogether(own.scenario, scenario)) continue;
    const v = own.exists && own.model ? f(own.model) : false;
    if (v === true) sawTrue = true;
    else if (v === false) sawFalse = true;
    else sawUnknown = true;
  }
  if (sawUnknown || (sawTrue && sawFalse)) return undefined;
  return sawTrue;
}

/**
 * Whether some recorder records what `f` asks in every deployment `scenario` allows: recorders whose
 * scenarios disagree are judged in each of their scenarios, so that a trail per deployment (one under
 * `IsProd`, one under `IsDev`) records in all of them.
 */
export function recordedByOthers(recorders: readonly Recorder[], scenario: Scenario, f: (model: TrailModel) => Ternary): Ternary {
  const { results } = inEachDeployment(
    recorders, scenario, f, w => some(recorders, recorder => inEveryScenarioOf(recorder, w, f)), v => v !== undefined,
  );
  return results.length === 1 ? results[0].value : every(results, r => r.value);
}

/**
 * Whether the recorders that `belong` record what `question` asks, one of them alone or all of them
 * together with the subject's `own` selectors (`recordedTogether`).
 */
export function recordedAloneOrTogether(
  recorders: readonly Recorder[],
  scenario: Scenario,
  belongs: (model: TrailModel) => Ternary,
  question: (model: TrailModel) => Ternary,
  own?: TrailModel,
): Ternary {
  if (recordedByOthers(recorders, scenario, model => andThen(belongs(model), () => question(model))) === true) return true;
  return recordedTogether(recorders, scenario, belongs, question, own).answer;
}

/** What recorders record together (`recordedTogether`), and which recorders decide it. */
export interface Together {
  readonly answer: Ternary;
  /** When the answer is true: the recorders certainly in the union (they see the subject and record). */
  readonly members: readonly Recorder[];
  /** When the answer is unknown: the recorders that may be in the union, or whose selectors leave it undecided. */
  readonly undecided: readonly Recorder[];
}

/**
 * Whether the recorders record something together: one recorder with the selectors of every one that
 * `belongs` (it sees the subject's accounts and regions, and records) and the subject's `own`
 * selectors, whatever the subject's state. Every question asked is monotone (more selectors record
 * more), so it is answered by bounds: true when the recorders that certainly belong record it
 * together, false when not even every one that may belong does, unknown otherwise. A recorder belongs
 * certainly only when it has one scenario that can occur with `scenario`, exists there, `belongs` is
 * true of it and its selectors are known; one whose scenarios differ may belong in any of them.
 */
export function recordedTogether(
  recorders: readonly Recorder[],
  scenario: Scenario,
  belongs: (model: TrailModel) => Ternary,
  question: (together: TrailModel) => Ternary,
  own?: TrailModel,
): Together {
  const certain: TrailModel[] = own && !own.selectorsUnknown ? [own] : [];
  const possible: TrailModel[] = own ? [own] : [];
  const members: Recorder[] = [];
  const maybe: Recorder[] = [];
  for (const recorder of recorders) {
    const inScenario = recorder.scenarios.filter(b => canOccurTogether(b.scenario, scenario));
    const only = inScenario.length === 1 && inScenario[0].exists ? inScenario[0].model : undefined;
    if (only) {
      const v = belongs(only);
      if (v === false) continue;
      possible.push(only);
      if (v === true && !only.selectorsUnknown) {
        certain.push(only);
        members.push(recorder);
      } else {
        maybe.push(recorder);
      }
      continue;
    }
    const models = inScenario.flatMap(b => (b.exists && b.model && belongs(b.model) !== false ? [b.model] : []));
    if (models.length > 0) maybe.push(recorder);
    possible.push(...models);
  }
  const scope = own ?? possible[0];
  if (certain.length > 0 && question(asOneRecorder(scope, certain)) === true) return { answer: true, members, undecided: [] };
  if (possible.length === 0 || question(asOneRecorder(scope, possible)) === false) return { answer: false, members: [], undecided: [] };
  return { answer: undefined, members: [], undecided: maybe.length > 0 ? maybe : members };
}

const UNIONS = new Memo<TrailModel, string, TrailModel>();
const MODEL_IDS = new WeakMap<TrailModel, number>();
let nextModelId = 0;

function idOf(model: TrailModel): number {
  let id = MODEL_IDS.get(model);
  if (id === undefined) {
    id = nextModelId++;
    MODEL_IDS.set(model, id);
  }
  return id;
}

/** Records nothing: a union of recorders none of whose selectors records anything. */
const NOTHING: AdvancedSelector[] = [{ fieldSelectors: [{ field: 'eventCategory', operators: { Equals: [] } }] }];

/**
 * One recorder with the selectors of all of them (each as the advanced selectors it stands for),
 * logging, where `scope` is (whose accounts and regions it sees). Kept per scope and members, so the
 * matcher's caches serve every function of an account and region.
 */
function asOneRecorder(scope: TrailModel, models: readonly TrailModel[]): TrailModel {
  const distinct = [...new Set(models)];
  if (distinct.length === 1 && distinct[0] === scope && isRecording(scope) === true) return scope;
  return UNIONS.get(scope, distinct.map(idOf).sort((a, b) => a - b).join(','), () => {
    const selectors = distinct.flatMap(m => (m.selectorsUnknown ? [] : effectiveSelectors(m)));
    return {
      ...scope,
      isLogging: true,
      delivers: true,
      deliveryUnknown: undefined,
      basicSelectors: [],
      advancedSelectors: selectors.length > 0 ? selectors : NOTHING,
      selectorsUnknown: distinct.some(m => m.selectorsUnknown),
    };
  });
}

/**
 * `judge` in `scenario`, and while its answer is not `decided`, in each scenario of the first recorder
 * that records what `f` asks in some of its scenarios that can occur with the scenario but not in all
 * (the scenario's answers joined to the scenario's): the deployments the recorders tell apart, each
 * judged with what records in it. Only such a recorder can decide an undecided answer: where no
 * recorder records in every scenario, none records, or it is not known. At most `MAX_SCENARIOS`;
 * `gaveUp` when telling more apart would have taken more.
 */
function inEachDeployment<T>(
  recorders: readonly Recorder[], scenario: Scenario, f: (model: TrailModel) => Ternary,
  judge: (scenario: Scenario) => T, decided: (value: T) => boolean,
): { results: ScenarioResult<T>[]; gaveUp: boolean } {
  const results: ScenarioResult<T>[] = [];
  const pending: Scenario[] = [scenario];
  let gaveUp = false;
  while (pending.length > 0) {
    const w = pending.pop()!;
    const value = judge(w);
    const split = decided(value) ? undefined : scenariosTellingApart(recorders, w, f);
    if (split && results.length + pending.length + split.length <= MAX_SCENARIOS) {
      pending.push(...split.reverse());
      continue;
    }
    gaveUp ||= split !== undefined;
    results.push({ scenario: w, value });
  }
  return { results, gaveUp };
}

/** The scenarios (joined to `scenario`) of the first recorder that records what `f` asks in some of its scenarios that can occur with `scenario`, not in all. */
function scenariosTellingApart(recorders: readonly Recorder[], scenario: Scenario, f: (model: TrailModel) => Ternary): Scenario[] | undefined {
  for (const recorder of recorders) {
    if (recorder.scenarios.length < 2) continue;
    const perScenario = recorder.scenarios.filter(b => canOccurTogether(b.scenario, scenario));
    const answers = new Set(perScenario.map(b => (b.exists && b.model ? f(b.model) : false)));
    if (answers.has(true) && answers.size > 1) return perScenario.map(b => joinScenarios(scenario, b.scenario));
  }
  return undefined;
}

/**
 * Decides, independently of construct order, which recorders record a function's invocations in the
 * deployments `scenario` (the function's scenario) allows: in each deployment the recorders tell apart
 * (`coverageByDeployment`), combined (`combineCoverage`).
 */
export function coverageOf(fn: FunctionModel, scenario: Scenario, recorders: readonly Recorder[]): Coverage {
  return combineCoverage(coverageByDeployment(fn, scenario, recorders))!;
}

/**
 * A function's coverage in each deployment `scenario` allows that the recorders tell apart: one when
 * that decides it, else one per scenario of a recorder that records the function in some scenarios
 * only. When more than `MAX_SCENARIOS` would be needed, the undecided ones say so.
 */
export function coverageByDeployment(fn: FunctionModel, scenario: Scenario, recorders: readonly Recorder[]): ScenarioResult<Coverage>[] {
  const records = (model: TrailModel) => recordsFunction(model, fn);
  const judge = (w: Scenario) => coverageIn(fn, w, recorders);
  const { results, gaveUp } = inEachDeployment(recorders, scenario, records, judge, c => c.status !== CoverageStatus.UNKNOWN);
  if (!gaveUp) return results;
  const tooMany = `telling apart the deployments its conditions allow would take more than ${MAX_SCENARIOS} combinations of conditions, the most the checks judge`;
  return results.map(r => (r.value.status === CoverageStatus.UNKNOWN ? { ...r, value: { ...r.value, unknownBecause: `${r.value.unknownBecause}; ${tooMany}` } } : r));
}

/** Which recorders record a function's invocations, each judged in all its scenarios that can occur with `scenario`. */
function coverageIn(fn: FunctionModel, scenario: Scenario, recorders: readonly Recorder[]): Coverage {
  // Plain loops: coverage is asked of every function of the app.
  const records = (model: TrailModel) => recordsFunction(model, fn);
  const recordedAlone: Recorder[] = [];
  const undecided: Recorder[] = [];
  for (const recorder of recorders) {
    const v = inEveryScenarioOf(recorder, scenario, records);
    if (v === undefined) undecided.push(recorder);
    else if (v === true) recordedAlone.push(recorder);
  }
  if (recordedAlone.length > 0) return recorded(fn, scenario, recordedAlone);
  // No recorder records every invocation alone; the ones that see the function may together (one
  // records some callers, another the others).
  const together = recordedTogether(recorders, scenario, model => and(trailSees(model, fn.account, fn.region), isRecording(model)),
    model => recordsInvocationsOf(model, fn.arn));
  if (together.answer === true) {
    // Named: the ones that record some of its invocations.
    const invokedSome = invocationEvent(fn.arn, FieldRange.SOME);
    const parts = together.members.filter(recorder => inEveryScenarioOf(recorder, scenario, model => recordsEvent(model, invokedSome)) !== false);
    return recorded(fn, scenario, parts);
  }
  if (undecided.length > 0 || together.answer === undefined) {
    const unknownBecause = undecided.length > 0 ? explainUnknown(fn, undecided, scenario) : explainTogether(fn, together.undecided, scenario);
    return { fn, status: CoverageStatus.UNKNOWN, recordedBy: [], lambdaTrailsThere: [], unknownBecause };
  }
  // Trails that record invocations of some function of this account and region, though not of this
  // one: the function is outside their scope (CLT21). A trail whose Lambda selector records no
  // invocation there (`eventName NotEquals Invoke`, other functions' region) does not count (CLT20).
  const lambdaTrailsThere = recorders
    .filter(recorder => inEveryScenarioOf(recorder, scenario, model => {
      return andThen(trailSees(model, fn.account, fn.region), () => mayRecordInvocationsIn(model, fn.account, fn.region));
    }) !== false)
    .map(recorder => recorder.label);
  return {
    fn,
    status: lambdaTrailsThere.length > 0 ? CoverageStatus.OUTSIDE_SCOPE : CoverageStatus.NOT_RECORDED,
    recordedBy: [],
    lambdaTrailsThere,
  };
}

/** A function recorded by these recorders (alone, or together), and whether only organization trails of other accounts are among them. */
function recorded(fn: FunctionModel, scenario: Scenario, by: readonly Recorder[]): Coverage {
  const recordedBy = by.map(recorder => recorder.label);
  const sameAccount = by.some(recorder => inEveryScenarioOf(recorder, scenario, model => valueEquals(fn.account, model.account)) === true);
  const throughOrganization = sameAccount ? {} : { throughOrganization: [...recordedBy] };
  return { fn, status: CoverageStatus.RECORDED, recordedBy, lambdaTrailsThere: [], ...throughOrganization };
}

/** Why the recorders that see a function may record every invocation of it together, though none does alone. */
function explainTogether(fn: FunctionModel, undecided: readonly Recorder[], scenario: Scenario): string {
  const reasons = undecided.map(recorder => {
    if (recorder.unknownBecause) return recorder.unknownBecause;
    const seen = recorder.scenarios.find(b => canOccurTogether(b.scenario, scenario) && b.exists && b.model);
    return seen?.model ? `${recorder.label}: ${whyUnknown(seen.model, fn, seen.unknowns ?? [])}` : recorder.label;
  });
  return `the trails and event data stores that see it may record every invocation together, condition by condition (${reasons.join('; ')})`;
}

function explainUnknown(fn: FunctionModel, undecided: readonly Recorder[], scenario: Scenario): string {
  const reasons: string[] = [];
  for (const recorder of undecided) {
    if (recorder.unknownBecause) {
      reasons.push(recorder.unknownBecause);
      continue;
    }
    const perScenario = recorder.scenarios.filter(b => canOccurTogether(b.scenario, scenario));
    const verdicts = perScenario.map(b => (b.exists && b.model ? recordsFunction(b.model, fn) : false));
    const undecidedIn = perScenario.find((_b, i) => verdicts[i] === undefined);
    if (undecidedIn?.model) {
      reasons.push(`${recorder.label} may record it: ${whyUnknown(undecidedIn.model, fn, undecidedIn.unknowns ?? [])}`);
    } else {
      reasons.push(`whether ${recorder.label} records it depends on conditions (${perScenario.map((b, i) => `${describeScenario(b.scenario) || 'unconditional'}${b.exists ? '' : ' (not created)'}: ${verdicts[i] ? 'recorded' : 'not recorded'}`).join(' / ')})`);
    }
  }
  return reasons.join('; ');
}

/** What makes a trail's recording of a function unknown, for people: the property, and what of the trail is not known. */
function whyUnknown(model: TrailModel, fn: FunctionModel, unknowns: readonly string[]): string {
  const notKnown = unknowns.length > 0 ? ` (${NOT_KNOWN_BECAUSE}${unknowns.join('; ')})` : '';
  if (model.isLogging === undefined) return `whether it is logging (IsLogging) is ${NOT_KNOWN}${notKnown}`;
  if (model.delivers === undefined) return `whether CloudTrail can deliver its log files is ${NOT_KNOWN} (${model.deliveryUnknown ?? `values ${NOT_KNOWN}`})${notKnown}`;
  if (trailSees(model, fn.account, fn.region) === undefined) {
    return `whether it sees account ${printable(fn.account)} and region ${printable(fn.region)} is ${NOT_KNOWN}`;
  }
  if (model.selectorsUnknown) return `its event selectors are ${NOT_KNOWN}${notKnown}`;
  if (hasUnknown(fn.arn)) return `the function's ARN is ${NOT_FULLY_KNOWN} (${printable(fn.arn)}) and its selectors test the ARN`;
  return `its selectors depend on ${unknowns.length > 0 ? `what is ${NOT_KNOWN}: ${unknowns.join('; ')}` : `values ${NOT_KNOWN}`}`;
}

function recordsFunction(model: TrailModel, fn: FunctionModel): Ternary {
  return andThen(trailSees(model, fn.account, fn.region), () => recordsInvocationsOf(model, fn.arn));
}

/** A coverage status for people. */
const STATUS_WORDS: Record<CoverageStatus, string> = {
  [CoverageStatus.RECORDED]: 'recorded',
  [CoverageStatus.OUTSIDE_SCOPE]: 'outside the scope of the trails that record Lambda there',
  [CoverageStatus.NOT_RECORDED]: 'recorded by no trail',
  [CoverageStatus.UNKNOWN]: NOT_KNOWN,
};

/**
 * Combines a function's coverage in each deployment it is judged in (the scenarios of its own
 * conditions, and those the recorders tell apart): the same in all, or unknown, saying in which
 * deployments it is what.
 */
export function combineCoverage(perScenario: readonly ScenarioResult<Coverage>[]): Coverage | undefined {
  if (perScenario.length <= 1) return perScenario[0]?.value;
  const coverages = perScenario.map(b => b.value);
  const [first] = coverages;
  if (coverages.every(c => c.status === first.status)) {
    const union = (list: (c: Coverage) => readonly string[] | undefined) => [...new Set(coverages.flatMap(c => list(c) ?? []))];
    const throughOrganization = union(c => c.throughOrganization);
    const unknownBecause = union(c => (c.unknownBecause === undefined ? [] : [c.unknownBecause]));
    return {
      fn: first.fn,
      status: first.status,
      recordedBy: union(c => c.recordedBy),
      lambdaTrailsThere: union(c => c.lambdaTrailsThere),
      ...(throughOrganization.length > 0 ? { throughOrganization } : {}),
      ...(unknownBecause.length > 0 ? { unknownBecause: unknownBecause.join('; ') } : {}),
    };
  }
  const byStatus = new Map<CoverageStatus, ScenarioResult<Coverage>[]>();
  for (const own of perScenario) byStatus.set(own.value.status, [...byStatus.get(own.value.status) ?? [], own]);
  const parts = [...byStatus].map(([status, inStatus]) => {
    const reasons = [...new Set(inStatus.flatMap(b => b.value.unknownBecause ?? []))];
    const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
    return `${STATUS_WORDS[status]}${why} when ${inStatus.map(b => describeScenario(b.scenario) || 'unconditional').join(' or when ')}`;
  });
  return {
    fn: first.fn,
    status: CoverageStatus.UNKNOWN,
    recordedBy: [],
    lambdaTrailsThere: [],
    unknownBecause: `it depends on conditions: ${parts.join('; ')}`,
  };
}

/** Whether the logging recorders of an account and region record Lambda invocations there, for any function. */
export interface RegionCoverage {
  readonly account: string;
  readonly region: string;
  /**
   * RECORDED: every function of the region, whatever its name (`recordedBy`); OUTSIDE_SCOPE: some
   * functions only (`lambdaTrailsThere`); NOT_RECORDED: none; UNKNOWN: not decided (`unknownBecause`).
   */
  readonly status: CoverageStatus;
  readonly recordedBy: readonly string[];
  readonly lambdaTrailsThere: readonly string[];
  readonly unknownBecause?: string;
}

/** A function of the account and region whose name is not known: any function there. */
export function anyFunctionOf(place: FunctionPlace, path = `${place.account}/${place.region}`): FunctionModel {
  const where = `account ${printable(place.account)}, region ${printable(place.region)}`;
  return {
    path,
    arn: functionArn(place, unknownValue(`a function of ${where}`)),
    account: place.account,
    region: place.region,
  };
}

/**
 * Whether the recorders record Lambda invocations in an account and region, whatever functions exist
 * there: the coverage of a function whose name is not known. A recorder that selects functions by
 * name leaves that coverage unknown; when some recorder certainly records invocations of some function
 * there, that is OUTSIDE_SCOPE (some functions are recorded, the functions' own coverage says which).
 */
export function coverageOfRegion(place: FunctionPlace, recorders: readonly Recorder[]): RegionCoverage {
  const fn = anyFunctionOf(place);
  const coverage = coverageOf(fn, new Map(), recorders);
  const base = { account: place.account, region: place.region };
  if (coverage.status !== CoverageStatus.UNKNOWN) {
    return { ...base, status: coverage.status, recordedBy: coverage.recordedBy, lambdaTrailsThere: coverage.lambdaTrailsThere };
  }
  const recordSome = recorders.filter(recorder => inEveryScenarioOf(recorder, new Map(),
    model => andThen(trailSees(model, place.account, place.region), () => mayRecordInvocationsIn(model, place.account, place.region))) === true);
  if (recordSome.length > 0) {
    return { ...base, status: CoverageStatus.OUTSIDE_SCOPE, recordedBy: [], lambdaTrailsThere: recordSome.map(r => r.label) };
  }
  return { ...base, status: CoverageStatus.UNKNOWN, recordedBy: [], lambdaTrailsThere: [], unknownBecause: coverage.unknownBecause };
}
