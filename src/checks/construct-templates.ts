// The construct tree as the engine's input: one `StackInput` per stack (nested stacks and stacks in
// nested Stages included), whose resources are rendered only when the engine asks for them. One walk
// of the tree; a function costs its logical id and its FunctionName, not a whole render.
import { CfnElement, CfnResource, NestedStack, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { CloudFormationResource, StackInput, TemplateSource } from '../model/cloudformation';
import { NAME_PROPERTIES } from '../model/resource-names';
import { CONSTRUCT_WARNING_METADATA, ConstructWarningMetadata } from '../trail/construct-warnings';

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

/**
 * The field of an L1 that holds its name property (`functionName`), when the L1 renders that property
 * from it: a generated L1 class without raw overrides. Otherwise undefined (the resource is rendered).
 */
function nameFieldOf(resource: CfnResource, nameProperty: string): string | undefined {
  if (resource.constructor === CfnResource) return undefined;
  const overrides = (resource as any).rawOverrides;
  if (overrides && Object.keys(overrides).length > 0) return undefined;
  const field = nameProperty[0].toLowerCase() + nameProperty.slice(1);
  return field in resource ? field : undefined;
}

/** Stands for "render the resource": its name property cannot be read from its L1 field. */
const RENDER = Symbol('render');

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
  /** Resolved name properties, read from the L1 field (see `resolvedName`). */
  private readonly names = new Map<CfnResource, unknown>();
  /** Resources rendered, by logical id (`header` of a type without a name property renders it, and the engine may then ask for it whole). */
  private readonly renders = new Map<string, CloudFormationResource | undefined>();
  /** Each resource's construct path, from the walk of the tree (`node.path` walks up to the root on every call). */
  private readonly resourcePaths = new Map<CfnResource, string>();
  /** Types whose names did not resolve together (one of them fails): resolved one by one. */
  private readonly unbatched = new Set<string>();

  constructor(public readonly stack: Stack, private readonly owners: Map<string, IConstruct>) {}

  public add(element: CfnElement, path: string): void {
    if (CfnResource.isCfnResource(element)) {
      this.resourcePaths.set(element, path);
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
    if (!this.renders.has(logicalId)) {
      const resource = this.lookup(logicalId);
      const rendered = resource && this.stack.resolve((resource as any)._toCloudFormation());
      this.renders.set(logicalId, rendered?.Resources?.[logicalId]);
    }
    return this.renders.get(logicalId);
  }

  /**
   * Type, Condition and the name property, read from the L1's own field when nothing overrides it
   * (rendering all 2,000 functions of a large app would cost more than the checks themselves).
   */
  public header(logicalId: string): CloudFormationResource | undefined {
    const resource = this.lookup(logicalId);
    if (!resource) return undefined;
    const nameProperty = NAME_PROPERTIES.get(resource.cfnResourceType)?.property;
    if (nameProperty === undefined) return this.resource(logicalId);
    const name = this.resolvedName(resource, nameProperty);
    if (name === RENDER) return this.resource(logicalId);
    const condition = resource.cfnOptions.condition;
    return {
      Type: resource.cfnResourceType,
      ...(condition ? { Condition: this.stack.resolve(condition.logicalId) } : {}),
      Properties: name === undefined ? {} : { [nameProperty]: name },
    };
  }

  /**
   * The name property of a resource read from its L1 field, resolved, or `RENDER` when the field does
   * not say what the template will (see `nameFieldOf`). The names of every resource of its type in the
   * stack are resolved at once, on the first request: one resolution instead of one per function
   * (each costs a resolution context, whatever the value). The only difference it makes is the
   * document path a token sees (`0`, `1`, ... instead of the empty path of a value resolved alone;
   * synthesis resolves it under `Resources/<logical id>/Properties`): resolving at that path would
   * cost as much as the batch saves, and aws-cdk-lib reads the path only for an error message
   * (SecretValue's), which the one-by-one fallback gives as before.
   */
  private resolvedName(resource: CfnResource, nameProperty: string): unknown {
    const type = resource.cfnResourceType;
    if (!this.names.has(resource) && !this.unbatched.has(type)) {
      const fields = new Map<CfnResource, string>();
      for (const r of this.byType.get(type) ?? []) {
        const field = nameFieldOf(r, nameProperty);
        if (field === undefined) this.names.set(r, RENDER);
        else fields.set(r, field);
      }
      const batch = [...fields];
      try {
        const resolved = this.stack.resolve(Object.fromEntries(batch.map(([r, field], i) => [i, (r as any)[field]]))) ?? {};
        batch.forEach(([r], i) => this.names.set(r, resolved[i]));
      } catch {
        // One of them does not resolve: each on its own, so that only the resource asked about fails.
        this.unbatched.add(type);
      }
    }
    if (this.names.has(resource)) return this.names.get(resource);
    const field = nameFieldOf(resource, nameProperty);
    return field === undefined ? RENDER : this.stack.resolve((resource as any)[field]);
  }

  public pathOf(logicalId: string): string | undefined {
    const known = this.paths.get(logicalId);
    if (known !== undefined) return known;
    const resource = this.lookup(logicalId);
    if (!resource) return undefined;
    const owner = ownerOf(resource);
    const own = this.resourcePaths.get(resource);
    // The owner is the resource or its parent, whose path is the resource's without its last id.
    const path = own === undefined ? owner.node.path : owner === resource ? own : own.slice(0, own.lastIndexOf('/'));
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
  readonly constructWarnings: readonly { readonly path: string; readonly ruleId: string; readonly detail: string }[];
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
  const constructWarnings: { path: string; ruleId: string; detail: string }[] = [];
  const templateOf = (stack: Stack) => {
    let template = templates.get(stack);
    if (!template) {
      template = new ConstructTemplate(stack, owners);
      templates.set(stack, template);
    }
    return template;
  };
  // One walk that carries each construct's path (`node.path` walks up to the root on every call) and
  // its stack.
  const visit = (node: IConstruct, path: string, stack: Stack | undefined): void => {
    if (Stack.isStack(node)) {
      stack = node;
      templateOf(node);
    } else if (stack && CfnElement.isCfnElement(node)) {
      templateOf(stack).add(node, path);
    }
    const metadata = node.node.metadata;
    let acknowledges = false;
    for (const entry of metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) acknowledges = true;
      if (entry.type !== CONSTRUCT_WARNING_METADATA) continue;
      const { id, detail } = entry.data as ConstructWarningMetadata;
      constructWarnings.push({ path, ruleId: id, detail });
      owners.set(path, node);
    }
    if (acknowledges) acknowledging.push(node);
    const children = node.node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      visit(child, path === '' ? child.node.id : `${path}/${child.node.id}`, stack);
    }
  };
  visit(root, root.node.path, Stack.isStack(root) ? root : undefined);
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
      return { stackId: stack.node.path, logicalId: synthesizedLogicalId(stack, resource) };
    },
  };
}
