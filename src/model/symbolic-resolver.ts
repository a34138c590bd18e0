// Resolves CloudFormation properties at synth time into plain values a rule can read, keeping the
// meaning of what is not known yet: a reference to a Lambda function becomes that function's
// symbolic ARN or name (so a selector that names a function can be matched against it), pseudo
// parameters become the stack's concrete region, account and partition where known, and every other
// unresolved value becomes an "unknown" marker that remembers the construct it refers to.
import { CfnResource, DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { hasUnknown, unknownValue } from './unknown-value';

/** Where a stack deploys: concrete values where the stack has them, shared unknown markers otherwise. */
export interface Environment {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

const envCache = new WeakMap<Stack, Environment>();

/** The environment of the stack that holds `scope`. */
export function environmentOf(scope: IConstruct): Environment {
  const stack = Stack.of(scope);
  let env = envCache.get(stack);
  if (!env) {
    const region = Token.isUnresolved(stack.region) ? unknownValue('AWS::Region') : stack.region;
    env = {
      region,
      account: Token.isUnresolved(stack.account) ? unknownValue('AWS::AccountId') : stack.account,
      partition: partitionOf(region),
    };
    envCache.set(stack, env);
  }
  return env;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** The symbolic name of a function: its literal FunctionName, or a placeholder that equals only itself. */
export function functionNameOf(fn: CfnResource): string {
  const raw = (fn as any).functionName ?? (fn as any).cfnProperties?.functionName;
  if (typeof raw === 'string' && !Token.isUnresolved(raw)) return raw;
  return `{{generated name of ${fn.node.path}}}`;
}

/** The symbolic ARN of a function (unqualified). */
export function functionArnOf(fn: CfnResource): string {
  const env = environmentOf(fn);
  return `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${functionNameOf(fn)}`;
}

/** True for a CloudFormation resource of the given type. */
export function isResourceOfType(node: IConstruct, type: string): node is CfnResource {
  return CfnResource.isCfnResource(node) && node.cfnResourceType === type;
}

/** The constructs that unknown markers refer to, to follow references such as S3BucketName. */
export type ReferenceTargets = Map<string, IConstruct>;

class SymbolicConcat implements IFragmentConcatenator {
  constructor(private readonly env: Environment) {}
  public join(left: any, right: any): any {
    return `${flatten(left, this.env)}${flatten(right, this.env)}`;
  }
}

function flatten(value: any, env: Environment): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const wrapped = wrappedMarker(value);
  if (wrapped !== undefined) return wrapped;
  const pseudo = pseudoValue(value, env);
  return pseudo ?? unknownValue(JSON.stringify(value));
}

function pseudoValue(value: any, env: Environment): string | undefined {
  const name = value && typeof value === 'object' && Object.keys(value).length === 1 ? value.Ref : undefined;
  switch (name) {
    case 'AWS::Region': return env.region;
    case 'AWS::AccountId': return env.account;
    case 'AWS::Partition': return env.partition;
    case 'AWS::URLSuffix': return env.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    default: return undefined;
  }
}

class SymbolicResolver extends DefaultTokenResolver {
  constructor(private readonly env: Environment, private readonly targets: ReferenceTargets) {
    super(new SymbolicConcat(env));
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (Reference.isReference(t)) {
      const target = t.target;
      if (isResourceOfType(target, 'AWS::Lambda::Function')) {
        if (t.displayName === 'Arn') return functionArnOf(target);
        if (t.displayName === 'Ref') return functionNameOf(target);
      }
      const pseudo = t.displayName.startsWith('AWS::') ? pseudoValue({ Ref: t.displayName }, this.env) : undefined;
      if (pseudo !== undefined) return pseudo;
      const marker = unknownValue(`${t.displayName} of ${target.node.path}`);
      this.targets.set(marker, target);
      // An intrinsic-shaped object, so that the L1's property validators accept it where a boolean
      // or number is expected; unwrapped to the bare marker once resolution is done.
      return { Ref: marker };
    }
    const resolved = super.resolveToken(t, context, postProcessor);
    return pseudoValue(resolved, this.env) ?? resolved;
  }
}

/**
 * Resolves a value in the context of `scope`'s stack into plain JSON with symbolic functions and
 * unknown markers; records in `targets` which construct each marker refers to.
 */
export function resolveSymbolically(scope: IConstruct, value: any, targets: ReferenceTargets = new Map()): any {
  return unwrapMarkers(Tokenization.resolve(value, {
    scope,
    resolver: new SymbolicResolver(environmentOf(scope), targets),
    preparing: false,
  }));
}

function wrappedMarker(value: any): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1
    && typeof value.Ref === 'string' && hasUnknown(value.Ref)) {
    return value.Ref;
  }
  return undefined;
}

function unwrapMarkers(value: any): any {
  if (Array.isArray(value)) return value.map(unwrapMarkers);
  if (!value || typeof value !== 'object') return value;
  const marker = wrappedMarker(value);
  if (marker !== undefined) return marker;
  const result: Record<string, any> = {};
  for (const [key, v] of Object.entries(value)) result[key] = unwrapMarkers(v);
  return result;
}

/** The resolved CloudFormation properties of a resource (property overrides included). */
export function resolvedProperties(resource: CfnResource, targets?: ReferenceTargets): Record<string, any> {
  const rendered = (resource as any)._toCloudFormation();
  const resolved = resolveSymbolically(resource, rendered, targets);
  const definition = Object.values(resolved.Resources ?? {})[0] as any;
  return definition?.Properties ?? {};
}
