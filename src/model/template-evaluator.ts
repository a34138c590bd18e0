// Evaluates CloudFormation intrinsic functions the way CloudFormation would at deployment, with what
// is known before it: pseudo parameters of a stack with a known environment, literal properties of
// other resources (a function's name, a bucket's name), exports of other stacks of the inputs, nested
// stacks' parameters and outputs, mappings, and conditions. Whatever is not known (a parameter
// without a value, a generated name's random suffix, an attribute only CloudFormation knows) becomes
// an unknown-value marker that keeps the known part of a string around it.
//
// Conditions (AWS CloudFormation User Guide, "Conditions syntax", "Condition functions") are judged
// in the deployments that can occur, not guessed. A condition is `Fn::And`, `Fn::Or` and `Fn::Not`
// (three-valued, `ternary.ts`) over `Fn::Equals`; an `Fn::Equals` that depends on unknown values is a
// question the deployment answers: evaluation stops with `NeedsCondition`, and `inEveryScenario`
// evaluates again once with the answer true and once false. Answers that the others force are
// derived, not asked, so every scenario can occur: one unknown value equals at most one string (`IsProd`
// and `IsDev` on one `Env` parameter are never both true), a String parameter's `AllowedValues` bound
// the strings it can be (with `[prod, dev]`, not prod is dev), and a condition false in a scenario is not
// asked about further (`Fn::And` stops at its first false operand). The callers combine the answers,
// so a template is judged in every deployment its conditions allow. (cfn-lint builds its scenarios
// the same way, with a SAT solver over the conditions; here the equalities are the questions, so no
// solver is needed.)
import { functionArn } from './lambda-arns';
import { NAME_PROPERTIES, NameProperty } from './resource-names';
import type { StackScope } from './stack-scope';
import { every, not, some, Ternary } from './ternary';
import {
  hasUnknown, isUnknownToken, printable, splitOutsideUnknowns, tokensOf, unknownGeneratedName, unknownResourceValue, unknownValue, valueEquals,
} from './unknown-value';

/** `AWS::NoValue`: removes the property or list element it stands in. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Something the deployment decides that the inputs do not: whether two values not known before it
 * are equal (`Fn::Equals`), or whether a condition the evaluator cannot read holds.
 */
export interface Question {
  /** The same question has the same key wherever it is met (equal unknown values are the same value). */
  readonly key: string;
  /** What it asks, for people: `IsProd (Stack)`, `Fn::Equals [<a>, <b>]`. */
  readonly label: string;
  /** When it asks whether one unknown value (`subject`, a marker) equals a known string (`literal`). */
  readonly equality?: Equality;
}

/** Whether `subject` (one unknown value) equals `literal`; `allowed`: the strings it can be, when bounded. */
export interface Equality {
  readonly subject: string;
  readonly literal: string;
  /** The AllowedValues of the String parameter the subject is, if any. */
  readonly allowed?: readonly string[];
}

/** A question and its answer in one scenario. */
export interface Answer extends Question {
  readonly holds: boolean;
}

/** One deployment as far as a subject's evaluation asked: the answers it needed, keyed by question. */
export type Scenario = ReadonlyMap<string, Answer>;

/** Thrown when a value depends on a question the scenario does not answer yet. */
export class NeedsCondition extends Error {
  constructor(public readonly question: Question) {
    super(`depends on ${question.label}`);
  }
}

/** More undecidable conditions than it is worth enumerating. */
export class TooManyConditions extends Error {}

/** The most scenarios a subject is judged in (2^6: six independent undecidable conditions). */
export const MAX_SCENARIOS = 64;

/** The key of a condition in a `Scenario`: conditions are scoped to their template. */
function conditionKey(scope: StackScope, name: string): string {
  return `${scope.id}#${name}`;
}

/** A resource of one template. */
export interface ResourceRef {
  readonly scope: StackScope;
  readonly logicalId: string;
}

/** One evaluation of `f` per assignment of the undecidable conditions it meets. */
export interface ScenarioResult<T> {
  readonly scenario: Scenario;
  readonly value: T;
}

/**
 * Runs `f` once per deployment it can tell apart: per combination of answers to the questions it
 * asks (one run when it asks none). `base` fixes answers already given. Every scenario it returns can
 * occur (forced answers are derived, never asked), and together they cover every deployment.
 */
export function inEveryScenario<T>(f: (scenario: Scenario) => T, base: Scenario = new Map()): ScenarioResult<T>[] {
  const results: ScenarioResult<T>[] = [];
  const pending: Scenario[] = [base];
  while (pending.length > 0) {
    const scenario = pending.pop()!;
    try {
      results.push({ scenario, value: f(scenario) });
    } catch (e) {
      if (!(e instanceof NeedsCondition)) throw e;
      if (results.length + pending.length + 2 > MAX_SCENARIOS) {
        const asked = [...scenario.values(), e.question].map(q => q.label).join(', ');
        throw new TooManyConditions(`more than ${MAX_SCENARIOS} combinations of conditions whose values are not known (${asked})`);
      }
      pending.push(answered(scenario, e.question, false), answered(scenario, e.question, true));
    }
  }
  return results.reverse();
}

function answered(scenario: Scenario, question: Question, holds: boolean): Scenario {
  return new Map([...scenario, [question.key, { ...question, holds }]]);
}

/** Both scenarios joined: each answer of either. Only for scenarios that can occur together. */
export function joinScenarios(a: Scenario, b: Scenario): Scenario {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  return new Map([...a, ...b]);
}

/**
 * Whether one deployment can answer as both scenarios do: no question answered both ways, no unknown
 * value equal to two strings, and no bounded value unequal to each of the strings it can be.
 */
export function canOccurTogether(a: Scenario, b: Scenario): boolean {
  // Most subjects depend on no condition: this runs for every function and trail.
  if (a.size === 0 || b.size === 0) return true;
  let equalities = false;
  for (const [key, answer] of a) {
    const other = b.get(key);
    if (other !== undefined && other.holds !== answer.holds) return false;
    equalities ||= answer.equality !== undefined;
  }
  return !equalities || canOccur([...a.values(), ...b.values()]);
}

/** Whether answers to equalities can all hold in one deployment. */
function canOccur(answers: readonly Answer[]): boolean {
  const subjects = new Map<string, { equals?: string; differs: Set<string>; allowed?: readonly string[] }>();
  for (const { equality, holds } of answers) {
    if (!equality) continue;
    let subject = subjects.get(equality.subject);
    if (!subject) subjects.set(equality.subject, subject = { differs: new Set() });
    subject.allowed ??= equality.allowed;
    if (!holds) subject.differs.add(equality.literal);
    else if (subject.equals !== undefined && subject.equals !== equality.literal) return false;
    else subject.equals = equality.literal;
  }
  for (const { equals, differs, allowed } of subjects.values()) {
    if (equals === undefined ? allowed?.every(v => differs.has(v)) : differs.has(equals) || (allowed !== undefined && !allowed.includes(equals))) {
      return false;
    }
  }
  return true;
}

/** The answer the scenario forces on an equality, if it forces one. */
function forcedAnswer(scenario: Scenario, { subject, literal, allowed }: Equality): boolean | undefined {
  if (allowed && !allowed.includes(literal)) return false;
  for (const answer of scenario.values()) {
    if (answer.holds && answer.equality?.subject === subject) return answer.equality.literal === literal;
  }
  if (allowed && allowed.every(v => v === literal || scenario.get(equalityKey(subject, v))?.holds === false)) return true;
  return undefined;
}

function equalityKey(subject: string, literal: string): string {
  return JSON.stringify(['Fn::Equals', subject, literal]);
}

/**
 * The question `Fn::Equals [a, b]` asks when neither is known to equal the other: once the parts
 * both strings share at their start and end are left out (`p-<Env>` equals `p-prod` when `<Env>`
 * equals `prod`), whether one unknown value equals a known string, or else an opaque question.
 */
function equalityQuestion(a: string, b: string, allowedValues: ReadonlyMap<string, readonly string[]> | undefined): Question {
  const ta = tokensOf(a);
  const tb = tokensOf(b);
  let start = 0;
  while (start < ta.length && start < tb.length && ta[start] === tb[start]) start++;
  let end = 0;
  while (end < ta.length - start && end < tb.length - start && ta[ta.length - 1 - end] === tb[tb.length - 1 - end]) end++;
  const restA = ta.slice(start, ta.length - end);
  const restB = tb.slice(start, tb.length - end);
  const oneUnknown = (tokens: string[]) => tokens.length === 1 && isUnknownToken(tokens[0]);
  const known = (tokens: string[]) => tokens.every(t => !isUnknownToken(t));
  const [subject, literal] = oneUnknown(restA) && known(restB) ? [restA[0], restB.join('')]
    : oneUnknown(restB) && known(restA) ? [restB[0], restA.join('')] : [];
  if (subject === undefined || literal === undefined) {
    const [x, y] = [a, b].sort();
    return { key: JSON.stringify(['Fn::Equals', x, y]), label: `Fn::Equals [${printable(x)}, ${printable(y)}]` };
  }
  const allowed = allowedValues?.get(subject);
  return { key: equalityKey(subject, literal), label: `${nameOf(subject)} is ${JSON.stringify(literal)}`, equality: { subject, literal, ...(allowed ? { allowed } : {}) } };
}

/** An unknown value for people, without its brackets: `parameter Env of Stack`. */
function nameOf(subject: string): string {
  return printable(subject).replace(/^<(.*)>$/s, '$1');
}

/**
 * Describes a scenario for people: per unknown value what it is (`parameter Env of Stack is "dev"`, or
 * `is not "prod"` when it may be several strings), and each other answer (`IsProd (Stack) true`).
 */
export function describeScenario(scenario: Scenario): string {
  const subjects = new Map<string, Answer[]>();
  const parts: (string | Answer[])[] = [];
  for (const answer of scenario.values()) {
    if (!answer.equality) {
      parts.push(`${answer.label} ${answer.holds}`);
      continue;
    }
    const answers = subjects.get(answer.equality.subject);
    if (answers) {
      answers.push(answer);
    } else {
      subjects.set(answer.equality.subject, [answer]);
      parts.push(subjects.get(answer.equality.subject)!);
    }
  }
  return parts.map(part => (typeof part === 'string' ? part : describeValue(part))).join(', ');
}

/** What the answers about one unknown value say it is. */
function describeValue(answers: readonly Answer[]): string {
  const { subject, allowed } = answers[0].equality!;
  const equal = answers.find(a => a.holds)?.equality!.literal;
  const differs = answers.filter(a => !a.holds).map(a => a.equality!.literal);
  const remaining = allowed?.filter(v => !differs.includes(v));
  const what = equal !== undefined ? JSON.stringify(equal)
    : remaining?.length === 1 ? JSON.stringify(remaining[0])
      : differs.length === 1 ? `not ${JSON.stringify(differs[0])}` : `none of ${differs.map(v => JSON.stringify(v)).join(', ')}`;
  return `${nameOf(subject)} is ${what}`;
}

const PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::StackId', 'AWS::NoValue', 'AWS::NotificationARNs']);

/**
 * Evaluation of template values in one scenario. Remembers which resource each referenced value
 * came from (`links`), so a trail's `S3BucketName` leads to the bucket resource it names.
 */
/** What the evaluator reads of the whole app beyond one template: the stacks, and the exports (Fn::ImportValue). */
export interface TemplateLookup {
  readonly scopes: readonly StackScope[];
  exportNamed(name: string, evaluator: Evaluator): { scope: StackScope; value: unknown } | undefined;
}

export class Evaluator {
  private linksMap?: Map<string, ResourceRef>;

  /** Values produced by `Ref` or `Fn::GetAtt`, and the resource they refer to. */
  public get links(): Map<string, ResourceRef> {
    return this.linksMap ??= new Map();
  }

  /** The AllowedValues of the String parameters whose unknown values this evaluator produced, by marker. */
  private allowedValues?: Map<string, readonly string[]>;

  constructor(private readonly app: TemplateLookup, public readonly scenario: Scenario) {}

  /** Evaluates a template value in `scope`. `NO_VALUE` when it is `AWS::NoValue`. */
  public value(scope: StackScope, v: unknown): any {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(x => this.value(scope, x)).filter(x => x !== NO_VALUE);
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const arg = (v as any)[keys[0]];
      switch (keys[0]) {
        case 'Ref': return this.ref(scope, arg);
        case 'Fn::GetAtt': return this.getAtt(scope, arg);
        case 'Fn::Sub': return this.sub(scope, arg);
        case 'Fn::Join': return this.join(scope, arg);
        case 'Fn::Select': return this.select(scope, arg);
        case 'Fn::Split': return this.split(scope, arg);
        case 'Fn::If': return this.ifThen(scope, arg);
        case 'Fn::FindInMap': return this.findInMap(scope, arg);
        case 'Fn::ImportValue': return this.importValue(scope, arg);
        case 'Fn::GetStackOutput': return this.getStackOutput(scope, arg);
        case 'Fn::ToJsonString': return this.toJsonString(scope, arg);
        case 'Fn::Length': {
          const list = this.value(scope, arg);
          return Array.isArray(list) ? list.length : unknownValue(`Fn::Length of ${JSON.stringify(arg)}`);
        }
        case 'Fn::Base64': case 'Fn::GetAZs': case 'Fn::Cidr': case 'Fn::Transform':
          return unknownValue(`${keys[0]} ${JSON.stringify(arg)}`);
      }
    }
    const result: Record<string, any> = {};
    for (const [key, x] of Object.entries(v)) {
      const evaluated = this.value(scope, x);
      if (evaluated !== NO_VALUE) result[key] = evaluated;
    }
    return result;
  }

  /** Whether the named condition holds; throws `NeedsCondition` when that depends on a question the scenario does not answer. */
  public condition(scope: StackScope, name: string): boolean {
    const key = conditionKey(scope, name);
    const assigned = this.scenario.get(key);
    if (assigned !== undefined) return assigned.holds;
    const expression = scope.sections().Conditions?.[name];
    const result = expression === undefined ? undefined : this.truth(scope, expression);
    // A condition the template does not define, or whose expression the checks cannot read, is a question of its own.
    if (result === undefined) throw new NeedsCondition({ key, label: `${name} (${scope.id})` });
    return result;
  }

  /** Whether the resource is created: its `Condition`, if any, holds. */
  public exists(ref: ResourceRef): boolean {
    const condition = ref.scope.header(ref.logicalId)?.Condition;
    return typeof condition === 'string' ? this.condition(ref.scope, condition) : ref.scope.resourceType(ref.logicalId) !== undefined;
  }

  /**
   * A condition expression as a truth value; undefined when the checks cannot read it. `Fn::And` and
   * `Fn::Or` stop at the first operand that decides them, so a scenario asks only what matters in it.
   */
  private truth(scope: StackScope, expression: unknown): Ternary {
    if (typeof expression === 'boolean') return expression;
    if (typeof expression === 'string') return expression === 'true' ? true : expression === 'false' ? false : undefined;
    if (!expression || typeof expression !== 'object' || Array.isArray(expression)) return undefined;
    const entries = Object.entries(expression as object);
    if (entries.length !== 1) return undefined;
    const [[fn, arg]] = entries;
    switch (fn) {
      case 'Condition': return typeof arg === 'string' ? this.condition(scope, arg) : undefined;
      case 'Fn::Not': return not(this.truth(scope, Array.isArray(arg) ? arg[0] : arg));
      case 'Fn::And': return Array.isArray(arg) ? every(arg, x => this.truth(scope, x)) : undefined;
      case 'Fn::Or': return Array.isArray(arg) ? some(arg, x => this.truth(scope, x)) : undefined;
      case 'Fn::Equals': return Array.isArray(arg) && arg.length === 2 ? this.equals(scope, arg[0], arg[1]) : undefined;
      default: return undefined;
    }
  }

  /**
   * `Fn::Equals`: CloudFormation compares the values as strings. Decided when what is known decides it
   * (`valueEquals`: equal strings, or known parts that differ), else by the scenario's answer.
   */
  private equals(scope: StackScope, x: unknown, y: unknown): boolean {
    const a = stringOf(this.value(scope, x));
    const b = stringOf(this.value(scope, y));
    const known = valueEquals(a, b);
    if (known !== undefined) return known;
    const question = equalityQuestion(a, b, this.allowedValues);
    const forced = question.equality && forcedAnswer(this.scenario, question.equality);
    if (forced !== undefined) return forced;
    const answer = this.scenario.get(question.key);
    if (answer === undefined) throw new NeedsCondition(question);
    return answer.holds;
  }

  private ref(scope: StackScope, name: unknown): any {
    if (typeof name !== 'string') return unknownValue(`Ref ${JSON.stringify(name)}`);
    if (PSEUDO.has(name)) return this.pseudo(scope, name);
    const parameter = scope.sections().Parameters?.[name];
    if (parameter) return this.parameter(scope, name, parameter.Type);
    const type = scope.resourceType(name);
    if (type === undefined) return unknownValue(`Ref ${name} (${scope.id})`);
    return this.linked({ scope, logicalId: name }, this.refOf({ scope, logicalId: name }, type));
  }

  private pseudo(scope: StackScope, name: string): any {
    switch (name) {
      case 'AWS::Region': return scope.region;
      case 'AWS::AccountId': return scope.account;
      case 'AWS::Partition': return scope.partition;
      case 'AWS::URLSuffix': return scope.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName': return scope.stackName;
      case 'AWS::NoValue': return NO_VALUE;
      default: return unknownResourceValue(`${name} of ${scope.id}`);
    }
  }

  private parameter(scope: StackScope, name: string, type: string | undefined): any {
    const given = scope.parameterValues?.[name];
    let value: any;
    if (given !== undefined) {
      value = given;
    } else if (scope.parent) {
      const passed = (scope.parent.scope.resource(scope.parent.logicalId)?.Properties?.Parameters as Record<string, unknown> | undefined)?.[name];
      value = passed === undefined ? unknownValue(`parameter ${name} of ${scope.id}`) : this.value(scope.parent.scope, passed);
    } else {
      // A parameter's Default is what CloudFormation uses only when the deployer passes nothing; the
      // deployer may, so its value is not known before deployment. CloudFormation accepts only one of
      // a parameter's AllowedValues, which bound what a String parameter is (of a list, each element;
      // of an SSM parameter type, the SSM parameter's name, not the value Ref returns).
      value = unknownValue(`parameter ${name} of ${scope.id}`);
      const allowed = scope.sections().Parameters?.[name]?.AllowedValues;
      if (type === 'String' && Array.isArray(allowed) && allowed.every(v => ['string', 'number', 'boolean'].includes(typeof v))) {
        (this.allowedValues ??= new Map()).set(value, allowed.map(String));
      }
    }
    if (typeof value === 'string' && !hasUnknown(value) && type !== undefined && isListParameter(type)) {
      // "Each member string is space trimmed" (AWS CloudFormation User Guide, "Parameters", CommaDelimitedList).
      return value.split(',').map(member => member.trim());
    }
    return value;
  }

  /** What `Ref` returns for a resource of the given type. */
  private refOf(ref: ResourceRef, type: string): string {
    const name = NAME_PROPERTIES.get(type);
    return name ? this.physicalName(ref, name) : unknownResourceValue(`Ref ${ref.scope.pathOf(ref.logicalId)}`);
  }

  /**
   * A resource's name: its name property, or the name CloudFormation generates,
   * `<stack name>-<logical id>-<random suffix>` (AWS CloudFormation User Guide, "Name type"). Only the
   * random suffix is unknown, and only while the whole name fits the service's limit: past it,
   * CloudFormation shortens the parts in a way it does not document, so nothing of the name is known.
   */
  public physicalName(ref: ResourceRef, { property, maxLength, lowerCase }: NameProperty): string {
    const given = ref.scope.header(ref.logicalId)?.Properties?.[property];
    if (given !== undefined) {
      const value = this.value(ref.scope, given);
      if (value !== NO_VALUE) return typeof value === 'string' ? value : unknownValue(`${property} of ${ref.scope.pathOf(ref.logicalId)}`);
    }
    const path = ref.scope.pathOf(ref.logicalId);
    const stackName = ref.scope.stackName;
    const suffixLength = 13;
    if (hasUnknown(stackName) || stackName.length + ref.logicalId.length + 2 + suffixLength > maxLength) {
      return unknownGeneratedName(`generated name of ${path}`);
    }
    const prefix = `${stackName}-${ref.logicalId}-`;
    return `${lowerCase ? prefix.toLowerCase() : prefix}${unknownGeneratedName(`generated suffix of ${path}`)}`;
  }

  private getAtt(scope: StackScope, arg: unknown): any {
    const [logicalId, attribute] = typeof arg === 'string' ? splitOnce(arg, '.') : (arg as unknown[]).map(x => this.value(scope, x));
    if (typeof logicalId !== 'string' || typeof attribute !== 'string') return unknownValue(`Fn::GetAtt ${JSON.stringify(arg)}`);
    const type = scope.resourceType(logicalId);
    const ref = { scope, logicalId };
    if (type === undefined) return unknownValue(`${logicalId}.${attribute} (${scope.id})`);
    if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const nested = scope.nested(logicalId);
      const output = nested?.sections().Outputs?.[attribute.slice('Outputs.'.length)];
      return nested && output ? this.value(nested, output.Value) : unknownValue(`${logicalId}.${attribute} (${scope.id})`);
    }
    return this.linked(ref, this.attributeOf(ref, type, attribute));
  }

  private attributeOf(ref: ResourceRef, type: string, attribute: string): string {
    const { scope } = ref;
    const arn = (service: string, resource: string, region = scope.region, account = scope.account) =>
      `arn:${scope.partition}:${service}:${region}:${account}:${resource}`;
    switch (`${type}.${attribute}`) {
      case 'AWS::Lambda::Function.Arn':
      case 'AWS::Serverless::Function.Arn':
        return functionArn(scope, this.refOf(ref, type));
      case 'AWS::S3::Bucket.Arn':
        return arn('s3', this.refOf(ref, type), '', '');
      case 'AWS::CloudTrail::Trail.Arn':
        return arn('cloudtrail', `trail/${this.refOf(ref, type)}`);
      case 'AWS::KMS::Key.Arn':
        return arn('kms', `key/${unknownResourceValue(`key id of ${scope.pathOf(ref.logicalId)}`)}`);
      default:
        return unknownResourceValue(`${attribute} of ${scope.pathOf(ref.logicalId)}`);
    }
  }

  private linked(ref: ResourceRef, value: string): string {
    this.links.set(value, ref);
    return value;
  }

  private sub(scope: StackScope, arg: unknown): any {
    const [template, variables] = typeof arg === 'string' ? [arg, {}] : (arg as [unknown, Record<string, unknown>]);
    if (typeof template !== 'string') return unknownValue(`Fn::Sub ${JSON.stringify(arg)}`);
    return template.replace(/\$\{(!?)([^}]*)\}/g, (_match, literal: string, name: string) => {
      if (literal) return `\${${name}}`;
      let value: any;
      if (variables && name in variables) value = this.value(scope, variables[name]);
      else if (name.includes('.')) value = this.getAtt(scope, name);
      else value = this.ref(scope, name);
      return stringOf(value);
    });
  }

  private join(scope: StackScope, arg: unknown): any {
    const [delimiter, list] = arg as [unknown, unknown];
    const values = this.value(scope, list);
    if (!Array.isArray(values)) return unknownValue(`Fn::Join of ${JSON.stringify(list)}`);
    return values.map(stringOf).join(String(this.value(scope, delimiter)));
  }

  private select(scope: StackScope, arg: unknown): any {
    const [index, list] = (arg as unknown[]).map(x => this.value(scope, x));
    const i = Number(index);
    if (!Array.isArray(list) || !Number.isInteger(i)) return unknownValue(`Fn::Select ${JSON.stringify(arg)}`);
    return i >= 0 && i < list.length ? list[i] : unknownValue(`Fn::Select ${i} of a list of ${list.length}`);
  }

  /**
   * Splits the known parts of a string. After the first unknown part the positions of later parts
   * are not known (the unknown value may hold the delimiter), so those elements are unknown.
   */
  private split(scope: StackScope, arg: unknown): any {
    const [delimiter, source] = (arg as unknown[]).map(x => this.value(scope, x));
    if (typeof delimiter !== 'string' || typeof source !== 'string') return unknownValue(`Fn::Split ${JSON.stringify(arg)}`);
    const parts = splitOutsideUnknowns(source, delimiter);
    const firstUnknown = parts.findIndex(hasUnknown);
    if (firstUnknown < 0) return parts;
    return parts.map((part, i) => (i <= firstUnknown ? part : unknownValue(`element ${i} of splitting ${printable(source)}`)));
  }

  private ifThen(scope: StackScope, arg: unknown): any {
    const [name, whenTrue, whenFalse] = arg as [string, unknown, unknown];
    return this.value(scope, this.condition(scope, name) ? whenTrue : whenFalse);
  }

  private findInMap(scope: StackScope, arg: unknown): any {
    const [map, first, second] = (arg as unknown[]).map(x => this.value(scope, x));
    const value = scope.sections().Mappings?.[map]?.[first]?.[second];
    return value === undefined ? unknownValue(`Fn::FindInMap ${JSON.stringify(arg)}`) : this.value(scope, value);
  }

  private importValue(scope: StackScope, arg: unknown): any {
    const name = this.value(scope, arg);
    const exported = typeof name === 'string' ? this.app.exportNamed(name, this) : undefined;
    return exported ? this.value(exported.scope, exported.value) : unknownValue(`Fn::ImportValue ${stringOf(name)}`);
  }

  /**
   * `Fn::GetStackOutput` (`{ StackName, OutputName, Region?, RoleArn? }`), a weak cross-stack
   * reference (aws-cdk-lib's `ReferenceStrength.WEAK`, the default of apps `cdk init` makes now):
   * the output of another stack of the inputs, read without an export.
   */
  private getStackOutput(scope: StackScope, arg: unknown): any {
    const spec = arg && typeof arg === 'object' ? this.value(scope, arg) : undefined;
    if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return unknownValue(`Fn::GetStackOutput ${printable(JSON.stringify(arg) ?? String(arg))}`);
    const { StackName: stackName, OutputName: outputName, Region: region } = spec as Record<string, unknown>;
    const producer = typeof stackName === 'string' && typeof outputName === 'string' && !hasUnknown(stackName)
      ? this.app.scopes.find(s => s.stackName === stackName && !s.parent
        && (region === undefined ? s.region === scope.region : s.region === region) && s.account === scope.account)
      : undefined;
    const output = producer?.sections().Outputs?.[outputName as string];
    return producer && output ? this.value(producer, output.Value) : unknownValue(`Fn::GetStackOutput ${printable(JSON.stringify(spec))}`);
  }

  private toJsonString(scope: StackScope, arg: unknown): any {
    const value = this.value(scope, arg);
    const json = JSON.stringify(value);
    return containsUnknown(value) ? unknownValue(`Fn::ToJsonString ${printable(json)}`) : json;
  }
}

/** A parameter type whose value is a list given as comma-separated text (CommaDelimitedList, List<Number>, List<AWS::EC2::...>). */
function isListParameter(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

function containsUnknown(value: unknown): boolean {
  if (typeof value === 'string') return hasUnknown(value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  return value !== null && typeof value === 'object' && Object.values(value).some(containsUnknown);
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === NO_VALUE) return '';
  return unknownValue(JSON.stringify(value));
}

function splitOnce(value: string, separator: string): [string, string] {
  const i = value.indexOf(separator);
  return i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i + 1)];
}
