// The construct tree as the engine's input: one `StackInput` per stack (nested stacks and stacks in
// nested Stages included), whose resources are rendered only when the engine asks for them. One walk
// of the tree; a function costs its logical id and its FunctionName, not a whole render.
import { CfnElement, CfnResource, NestedStack, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { CloudFormationResource, StackInput, TemplateSource } from '../engine/types';
import { CONSTRUCT_WARNING_METADATA } from '../trail/construct-warnings';

/**
 * A resource's logical id, as synthesis will write it. `resource.logicalId` is a token whose
 * resolution (`stack.resolve`) costs several times what the id itself does (a large app asks it of
 * thousands of functions): without an override (`overrideLogicalId`, kept in a field of CfnElement),
 * it is `stack.getLogicalId(resource)`. A version of aws-cdk-lib without that field resolves the token.
 */
function synthesizedLogicalId(stack: Stack, resource: CfnResource): string {
  if ('_logicalIdOverride' in resource && (resource as unknown as { _logicalIdOverride?: string })._logicalIdOverride === undefined) {
    return stack.getLogicalId(resource);
  }
  return stack.resolve(resource.logicalId) as string;
}

/** The property that names a resource, for the types whose name the engine reads. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::CloudTrail::Trail': 'TrailName',
};

/** The construct a finding belongs on: the L2 whose default child the resource is, or the resource. */
export function ownerOf(resource: IConstruct): IConstruct {
  const parent = resource.node.scope;
  return parent && parent.node.defaultChild === resource ? parent : resource;
}

class ConstructTemplate implements TemplateSource {
  public readonly elements: CfnElement[] = [];
  public readonly nested = new Map<string, ConstructTemplate>();
  private readonly byType = new Map<string, CfnResource[]>();
  private readonly logicalIds = new Map<CfnResource, string>();
  /** The resources whose logical id is resolved already, by it. */
  private readonly resolved = new Map<string, CfnResource>();
  private byLogicalId?: Map<string, CfnResource>;
  /** Construct paths by logical id (the engine asks a function's more than once). */
  private readonly paths = new Map<string, string>();

  constructor(public readonly stack: Stack, private readonly owners: Map<string, IConstruct>) {}

  public add(element: CfnElement): void {
    if (CfnResource.isCfnResource(element)) {
      const list = this.byType.get(element.cfnResourceType);
      if (list) list.push(element);
      else this.byType.set(element.cfnResourceType, [element]);
    } else {
      this.elements.push(element);
    }
  }

  /** Logical ids are resolved only for the resources the engine asks about (a large app has thousands). */
  private logicalIdOf(resource: CfnResource): string {
    let id = this.logicalIds.get(resource);
    if (id === undefined) {
      id = synthesizedLogicalId(this.stack, resource);
      this.logicalIds.set(resource, id);
      this.resolved.set(id, resource);
    }
    return id;
  }

  private get resources(): Map<string, CfnResource> {
    if (!this.byLogicalId) {
      this.byLogicalId = new Map();
      for (const list of this.byType.values()) for (const r of list) this.byLogicalId.set(this.logicalIdOf(r), r);
    }
    return this.byLogicalId;
  }

  public resourcesOfType(type: string): string[] {
    return (this.byType.get(type) ?? []).map(r => this.logicalIdOf(r));
  }

  public typeOf(logicalId: string): string | undefined {
    return this.lookup(logicalId)?.cfnResourceType;
  }

  /** A resource by logical id: those already resolved first (functions, trails), every one only when needed. */
  private lookup(logicalId: string): CfnResource | undefined {
    return this.resolved.get(logicalId) ?? this.resources.get(logicalId);
  }

  public resource(logicalId: string): CloudFormationResource | undefined {
    const resource = this.lookup(logicalId);
    if (!resource) return undefined;
    const rendered = this.stack.resolve((resource as any)._toCloudFormation());
    return rendered?.Resources?.[logicalId];
  }

  /**
   * Type, Condition and the name property, read from the L1's own field when nothing overrides it
   * (rendering all 2,000 functions of a large app would cost more than the checks themselves).
   */
  public header(logicalId: string): CloudFormationResource | undefined {
    const resource = this.lookup(logicalId);
    if (!resource) return undefined;
    const nameProperty = NAME_PROPERTY[resource.cfnResourceType];
    const overrides = (resource as any).rawOverrides;
    const l1Field = nameProperty && nameProperty[0].toLowerCase() + nameProperty.slice(1);
    if (!nameProperty || resource.constructor === CfnResource || (overrides && Object.keys(overrides).length > 0) || !(l1Field in resource)) {
      return this.resource(logicalId);
    }
    const name = (resource as any)[l1Field];
    const condition = resource.cfnOptions.condition;
    return {
      Type: resource.cfnResourceType,
      ...(condition ? { Condition: this.stack.resolve(condition.logicalId) } : {}),
      Properties: name === undefined ? {} : { [nameProperty]: this.stack.resolve(name) },
    };
  }

  public pathOf(logicalId: string): string | undefined {
    const known = this.paths.get(logicalId);
    if (known !== undefined) return known;
    const resource = this.lookup(logicalId);
    if (!resource) return undefined;
    const owner = ownerOf(resource);
    const path = owner.node.path;
    this.owners.set(path, owner);
    this.paths.set(logicalId, path);
    return path;
  }

  public sections() {
    const merged: Record<string, Record<string, unknown>> = {};
    for (const element of this.elements) {
      const rendered = this.stack.resolve((element as any)._toCloudFormation()) ?? {};
      for (const [section, entries] of Object.entries<Record<string, unknown>>(rendered)) {
        merged[section] = { ...merged[section], ...entries };
      }
    }
    const transforms = this.stack.templateOptions.transforms;
    return {
      Parameters: merged.Parameters as any,
      Conditions: merged.Conditions,
      Mappings: merged.Mappings as any,
      Outputs: merged.Outputs as any,
      ...(transforms && transforms.length > 0 ? { Transform: transforms } : {}),
    };
  }

  public input(): StackInput {
    const known = (value: string) => (Token.isUnresolved(value) ? undefined : value);
    return {
      id: this.stack.node.path,
      stackName: this.stack.stackName,
      account: known(this.stack.account),
      region: known(this.stack.region),
      template: this,
      nestedStacks: Object.fromEntries([...this.nested].map(([logicalId, child]) => [logicalId, child.input()])),
    };
  }
}

/** The app (or the part of it under `root`) as the engine's inputs, and the constructs they came from. */
export interface ConstructInputs {
  readonly stacks: StackInput[];
  /** Every construct of the tree with an acknowledgement on it. */
  readonly acknowledging: readonly IConstruct[];
  /** The warnings the trail constructs gave about their own options (CLT40 to CLT45), acknowledged or not. */
  readonly constructWarnings: readonly { readonly path: string; readonly ruleId: string; readonly message: string }[];
  /** The construct at a path the engine reported (a trail, a function, where an acknowledgement was made). */
  constructAt(path: string): IConstruct | undefined;
  /** The stack path and logical id of a resource construct. */
  locate(resource: CfnResource): { stackId: string; logicalId: string };
}

/** One walk of the tree under `root`; paths and logical ids are computed only where needed. */
export function constructInputs(root: IConstruct): ConstructInputs {
  const templates = new Map<Stack, ConstructTemplate>();
  const owners = new Map<string, IConstruct>();
  const acknowledging: IConstruct[] = [];
  const constructWarnings: { path: string; ruleId: string; message: string }[] = [];
  const templateOf = (stack: Stack) => {
    let template = templates.get(stack);
    if (!template) {
      template = new ConstructTemplate(stack, owners);
      templates.set(stack, template);
    }
    return template;
  };
  for (const node of root.node.findAll()) {
    if (Stack.isStack(node)) templateOf(node);
    else if (CfnElement.isCfnElement(node)) templateOf(Stack.of(node)).add(node);
    const metadata = node.node.metadata;
    if (metadata.length === 0) continue;
    if (metadata.some(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) acknowledging.push(node);
    for (const entry of metadata) {
      if (entry.type !== CONSTRUCT_WARNING_METADATA) continue;
      const { id, message } = entry.data as { id: string; message: string };
      constructWarnings.push({ path: node.node.path, ruleId: id, message });
      owners.set(node.node.path, node);
    }
  }
  const topLevel: ConstructTemplate[] = [];
  for (const [stack, template] of templates) {
    const parent = stack.nestedStackParent;
    const resource = NestedStack.isNestedStack(stack) ? stack.nestedStackResource : undefined;
    if (parent && resource && templates.has(parent)) {
      templates.get(parent)!.nested.set(parent.resolve(resource.logicalId), template);
    } else {
      topLevel.push(template);
    }
  }
  for (const node of acknowledging) owners.set(node.node.path, node);
  let everything: Map<string, IConstruct> | undefined;
  return {
    stacks: topLevel.map(t => t.input()),
    acknowledging,
    constructWarnings,
    constructAt: path => {
      const known = owners.get(path);
      if (known) return known;
      everything ??= new Map(root.node.findAll().map(node => [node.node.path, node]));
      return everything.get(path);
    },
    locate: resource => {
      const stack = Stack.of(resource);
      return { stackId: stack.node.path, logicalId: stack.resolve(resource.logicalId) };
    },
  };
}
