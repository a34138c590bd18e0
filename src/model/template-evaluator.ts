// Evaluates CloudFormation intrinsic functions the way CloudFormation would at deployment, with what
// is known before it: pseudo parameters of a stack with a known environment, literal properties of
// other resources (a function's name, a bucket's name), exports of other stacks of the inputs, nested
// stacks' parameters and outputs, mappings, and conditions. Whatever is not known (a parameter
// without a value, a generated name's random suffix, an attribute only CloudFormation knows) becomes
// an unknown-value marker that keeps the known part of a string around it.
//
// Conditions (AWS CloudFormation User Guide, "Conditions syntax", "Condition functions") that depend
// on unknown values are not guessed: evaluation stops with `NeedsCondition`, and `inEveryWorld`
// evaluates again once with the condition true and once false. The callers combine the answers, so a
// template is judged in every branch its conditions allow.
import { functionArn } from './lambda-arns';
import { NAME_PROPERTIES, NameProperty } from './resource-names';
import type { StackScope } from './stack-scope';
import { hasUnknown, printable, splitOutsideUnknowns, unknownGeneratedName, unknownResourceValue, unknownValue } from './unknown-value';

/** `AWS::NoValue`: removes the property or list element it stands in. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** An assignment of undecidable conditions, keyed by `conditionKey`. */
export type World = ReadonlyMap<string, boolean>;

/** Thrown when a value depends on a condition whose value is not known and not yet assigned. */
export class NeedsCondition extends Error {
  constructor(public readonly key: string, public readonly label: string) {
    super(`depends on condition ${label}`);
  }
}

/** More undecidable conditions than it is worth enumerating. */
export class TooManyConditions extends Error {}

/** The most branches a subject is judged in (2^6: six independent undecidable conditions). */
export const MAX_WORLDS = 64;

/** The key of a condition in a `World`: conditions are scoped to their template. */
export function conditionKey(scope: StackScope, name: string): string {
  return `${scope.id}#${name}`;
}

/** A resource of one template. */
export interface ResourceRef {
  readonly scope: StackScope;
  readonly logicalId: string;
}

/** One evaluation of `f` per assignment of the undecidable conditions it meets. */
export interface WorldResult<T> {
  readonly world: World;
  readonly value: T;
}

/**
 * Runs `f` once per assignment of the undecidable conditions it depends on (one run when it depends
 * on none). `base` fixes conditions already assigned (e.g. those of a function judged with a trail of
 * the same template).
 */
export function inEveryWorld<T>(f: (world: World) => T, base: World = new Map()): WorldResult<T>[] {
  const results: WorldResult<T>[] = [];
  const pending: World[] = [base];
  while (pending.length > 0) {
    const world = pending.pop()!;
    try {
      results.push({ world, value: f(world) });
    } catch (e) {
      if (!(e instanceof NeedsCondition)) throw e;
      if (results.length + pending.length + 2 > MAX_WORLDS) {
        throw new TooManyConditions(`more than ${MAX_WORLDS} combinations of conditions whose values are not known (${[...world.keys(), e.key].map(labelOfKey).join(', ')})`);
      }
      pending.push(new Map([...world, [e.key, false]]), new Map([...world, [e.key, true]]));
    }
  }
  return results.reverse();
}

/** `Stack#Name` → `Name (Stack)`, for people. */
export function labelOfKey(key: string): string {
  const i = key.lastIndexOf('#');
  return `${key.slice(i + 1)} (${key.slice(0, i)})`;
}

/** Describes the undecided conditions of a world for people: `IsProd (Stack) true`. */
export function describeWorld(world: World): string {
  return [...world].map(([key, v]) => `${labelOfKey(key)} ${v}`).join(', ');
}

const PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::StackId', 'AWS::NoValue', 'AWS::NotificationARNs']);

/**
 * Evaluation of template values in one world. Remembers which resource each referenced value
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

  constructor(private readonly app: TemplateLookup, public readonly world: World) {}

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

  /** Whether the named condition holds; throws `NeedsCondition` when that depends on unknown values. */
  public condition(scope: StackScope, name: string): boolean {
    const key = conditionKey(scope, name);
    const assigned = this.world.get(key);
    if (assigned !== undefined) return assigned;
    const expression = scope.sections().Conditions?.[name];
    if (expression === undefined) return this.undecidable(key, `${name} (${scope.id}), which the template does not define`);
    const result = this.truth(scope, expression);
    if (result === undefined) return this.undecidable(key, `${name} (${scope.id})`);
    return result;
  }

  /** Whether the resource is created: its `Condition`, if any, holds. */
  public exists(ref: ResourceRef): boolean {
    const condition = ref.scope.header(ref.logicalId)?.Condition;
    return typeof condition === 'string' ? this.condition(ref.scope, condition) : ref.scope.resourceType(ref.logicalId) !== undefined;
  }

  private undecidable(key: string, label: string): never {
    throw new NeedsCondition(key, label);
  }

  /** A condition expression as a truth value; undefined when it depends on unknown values. */
  private truth(scope: StackScope, expression: unknown): boolean | undefined {
    if (typeof expression === 'boolean') return expression;
    if (typeof expression === 'string') return expression === 'true' ? true : expression === 'false' ? false : undefined;
    if (!expression || typeof expression !== 'object' || Array.isArray(expression)) return undefined;
    const [[fn, arg]] = Object.entries(expression as object);
    switch (fn) {
      case 'Condition': return this.condition(scope, arg);
      case 'Fn::Not': return negate(this.truth(scope, Array.isArray(arg) ? arg[0] : arg));
      case 'Fn::And': {
        const values = (arg as unknown[]).map(x => this.truth(scope, x));
        return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
      }
      case 'Fn::Or': {
        const values = (arg as unknown[]).map(x => this.truth(scope, x));
        return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
      }
      case 'Fn::Equals': {
        const [a, b] = (arg as unknown[]).map(x => this.value(scope, x));
        return knownEquals(a, b);
      }
      default: return undefined;
    }
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
      // deployer may, so its value is not known before deployment.
      value = unknownValue(`parameter ${name} of ${scope.id}`);
    }
    if (typeof value === 'string' && !hasUnknown(value) && type !== undefined && (type === 'CommaDelimitedList' || type.startsWith('List<'))) {
      return value.split(',');
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

function negate(value: boolean | undefined): boolean | undefined {
  return value === undefined ? undefined : !value;
}

/** CloudFormation compares values as strings; unknown markers compare equal only to themselves. */
function knownEquals(a: unknown, b: unknown): boolean | undefined {
  const x = stringOf(a);
  const y = stringOf(b);
  if (x === y) return true;
  return hasUnknown(x) || hasUnknown(y) ? undefined : false;
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
