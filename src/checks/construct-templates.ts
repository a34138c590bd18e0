// The construct tree as the engine's input: one `StackInput` per stack (nested stacks and stacks in
// nested Stages included), whose resources are rendered only when the engine asks for them. One walk
// of the tree; a function costs its logical id and its FunctionName, not a whole render.
import { CfnElement, CfnResource, NestedStack, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { CloudFormationResource, StackInput, TemplateSource } from '../engine/types';

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
  public readonly resources = new Map<string, CfnResource>();
  public readonly elements: CfnElement[] = [];
  public readonly nested = new Map<string, ConstructTemplate>();

  constructor(public readonly stack: Stack) {}

  public add(element: CfnElement): void {
    if (CfnResource.isCfnResource(element)) {
      this.resources.set(this.stack.resolve(element.logicalId), element);
    } else {
      this.elements.push(element);
    }
  }

  public *resourceTypes(): Iterable<readonly [string, string]> {
    for (const [logicalId, resource] of this.resources) yield [logicalId, resource.cfnResourceType];
  }

  public resource(logicalId: string): CloudFormationResource | undefined {
    const resource = this.resources.get(logicalId);
    if (!resource) return undefined;
    const rendered = this.stack.resolve((resource as any)._toCloudFormation());
    return rendered?.Resources?.[logicalId];
  }

  /**
   * Type, Condition and the name property, read from the L1's own field when nothing overrides it
   * (rendering all 2,000 functions of a large app would cost more than the checks themselves).
   */
  public header(logicalId: string): CloudFormationResource | undefined {
    const resource = this.resources.get(logicalId);
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
    const resource = this.resources.get(logicalId);
    return resource && ownerOf(resource).node.path;
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
  /** Every construct under root, by path (to put findings on, and to look up acknowledgements). */
  readonly constructs: ReadonlyMap<string, IConstruct>;
  /** The stack path and logical id of a resource construct. */
  locate(resource: CfnResource): { stackId: string; logicalId: string };
}

/** One walk of the tree under `root`. */
export function constructInputs(root: IConstruct): ConstructInputs {
  const templates = new Map<Stack, ConstructTemplate>();
  const constructs = new Map<string, IConstruct>();
  const templateOf = (stack: Stack) => {
    let template = templates.get(stack);
    if (!template) {
      template = new ConstructTemplate(stack);
      templates.set(stack, template);
    }
    return template;
  };
  for (const node of root.node.findAll()) {
    constructs.set(node.node.path, node);
    if (Stack.isStack(node)) templateOf(node);
    else if (CfnElement.isCfnElement(node)) templateOf(Stack.of(node)).add(node);
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
  return {
    stacks: topLevel.map(t => t.input()),
    constructs,
    locate: resource => {
      const stack = Stack.of(resource);
      return { stackId: stack.node.path, logicalId: stack.resolve(resource.logicalId) };
    },
  };
}
