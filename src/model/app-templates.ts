// The inputs as one set of templates: every stack (nested stacks included) with where it deploys,
// its resources by type, and the exports other stacks import. Templates given as JSON and templates
// rendered on demand from a construct tree (`TemplateSource`) look the same from here.
import type { Sections, StackScope } from './stack-scope';
import { Evaluator, NeedsCondition, TemplateLookup } from './template-evaluator';
import { LambdaTrailError } from '../errors';
import { PATH_METADATA } from './cloudformation';
import type { CloudFormationResource, CloudFormationTemplate, StackInput, TemplateSource } from './cloudformation';
import { unknownGeneratedName, unknownResourceValue } from './unknown-value';

/** Metadata keys that name a resource for people: the CLI's (a live resource's ARN), then the CDK's construct path. */
export const PATH_METADATA_KEYS = [PATH_METADATA, 'aws:cdk:path'];

/** Sentinel account and region of env-agnostic stacks: all env-agnostic stacks of the inputs share them. */
export const UNKNOWN_ACCOUNT = unknownResourceValue('AWS::AccountId');
export const UNKNOWN_REGION = unknownResourceValue('AWS::Region');

/** The partition of a region (`aws` when the region is not known: an assumption the report states). */
export function partitionOf(region: string | undefined): string {
  if (!region) return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  return 'aws';
}

class Scope implements StackScope {
  public readonly id: string;
  public readonly stackName: string;
  public readonly account: string;
  public readonly region: string;
  public readonly partition: string;
  public readonly envAgnostic: boolean;
  public readonly parameterValues?: Readonly<Record<string, string>>;
  private readonly types = new Map<string, string>();
  private readonly byType = new Map<string, string[]>();
  private readonly rendered = new Map<string, CloudFormationResource | undefined>();
  private readonly headers = new Map<string, CloudFormationResource | undefined>();
  private readonly children = new Map<string, Scope>();
  private sectionsCache?: Sections;

  private readonly template: CloudFormationTemplate | TemplateSource;

  constructor(input: StackInput, public readonly parent?: { readonly scope: Scope; readonly logicalId: string }) {
    this.id = input.id;
    this.envAgnostic = parent ? parent.scope.envAgnostic : (input.account === undefined || input.region === undefined);
    this.account = parent ? parent.scope.account : input.account ?? UNKNOWN_ACCOUNT;
    this.region = parent ? parent.scope.region : input.region ?? UNKNOWN_REGION;
    this.partition = parent ? parent.scope.partition : partitionOf(input.region);
    // A nested stack's name is generated from its parent's: `<parent>-<logical id>-<suffix>`.
    this.stackName = parent ? unknownGeneratedName(`generated name of nested stack ${input.id}`) : input.stackName;
    this.parameterValues = input.parameterValues;
    this.template = input.template;
    if (!this.source) {
      for (const [logicalId, resource] of Object.entries((this.template as CloudFormationTemplate).Resources ?? {})) {
        if (!resource || typeof resource.Type !== 'string') continue;
        this.types.set(logicalId, resource.Type);
        const list = this.byType.get(resource.Type) ?? [];
        list.push(logicalId);
        this.byType.set(resource.Type, list);
      }
    }
    for (const [logicalId, child] of Object.entries(input.nestedStacks ?? {})) {
      this.children.set(logicalId, new Scope(child, { scope: this, logicalId }));
    }
  }

  private get source(): TemplateSource | undefined {
    return typeof (this.template as TemplateSource).resourcesOfType === 'function' ? this.template as TemplateSource : undefined;
  }

  public resourceType(logicalId: string): string | undefined {
    const source = this.source;
    return source ? source.typeOf(logicalId) : this.types.get(logicalId);
  }

  public resourcesOfType(...types: string[]): string[] {
    const source = this.source;
    return types.flatMap(type => (source ? source.resourcesOfType(type) : this.byType.get(type) ?? []));
  }

  public resource(logicalId: string): CloudFormationResource | undefined {
    if (!this.rendered.has(logicalId)) {
      const source = this.source;
      this.rendered.set(logicalId, source ? source.resource(logicalId) : (this.template as CloudFormationTemplate).Resources?.[logicalId]);
    }
    return this.rendered.get(logicalId);
  }

  public header(logicalId: string): CloudFormationResource | undefined {
    const source = this.source;
    if (!source?.header) return this.resource(logicalId);
    if (this.rendered.has(logicalId)) return this.rendered.get(logicalId);
    if (!this.headers.has(logicalId)) this.headers.set(logicalId, source.header(logicalId));
    return this.headers.get(logicalId);
  }

  public pathOf(logicalId: string): string {
    const source = this.source;
    const fromSource = source?.pathOf(logicalId);
    if (fromSource) return fromSource;
    const metadata = (this.template as CloudFormationTemplate).Resources?.[logicalId]?.Metadata;
    for (const key of PATH_METADATA_KEYS) {
      const value = metadata?.[key];
      if (typeof value === 'string' && value.length > 0) return value;
    }
    return `${this.id}/${logicalId}`;
  }

  public sections(): Sections {
    if (!this.sectionsCache) {
      const source = this.source;
      const t = source ? source.sections() : this.template as CloudFormationTemplate;
      this.sectionsCache = { Parameters: t.Parameters, Conditions: t.Conditions, Mappings: t.Mappings, Outputs: t.Outputs, Transform: t.Transform };
    }
    return this.sectionsCache;
  }

  public nested(logicalId: string): StackScope | undefined {
    return this.children.get(logicalId);
  }

  public all(): Scope[] {
    return [this, ...[...this.children.values()].flatMap(c => c.all())];
  }
}

/** The inputs: every template, nested ones included, and the exports between them. */
export class AppTemplates implements TemplateLookup {
  public readonly scopes: readonly StackScope[];
  private exportsByName?: Map<string, { scope: StackScope; value: unknown }>;

  constructor(inputs: readonly StackInput[]) {
    const ids = new Set<string>();
    for (const input of inputs) {
      if (ids.has(input.id)) throw new LambdaTrailError('DuplicateStackId', `two stacks have the id '${input.id}'; expected unique StackInput ids`);
      ids.add(input.id);
    }
    this.scopes = inputs.flatMap(input => new Scope(input).all());
  }

  /** Every resource of the given types across the inputs. */
  public resourcesOfType(...types: string[]): { scope: StackScope; logicalId: string }[] {
    return this.scopes.flatMap(scope => scope.resourcesOfType(...types).map(logicalId => ({ scope, logicalId })));
  }

  /** The output exported under `name`, if any stack of the inputs exports it. */
  public exportNamed(name: string, evaluator: Evaluator): { scope: StackScope; value: unknown } | undefined {
    if (!this.exportsByName) {
      this.exportsByName = new Map();
      for (const scope of this.scopes) {
        for (const output of Object.values(scope.sections().Outputs ?? {})) {
          if (output?.Export?.Name === undefined) continue;
          try {
            const exportName = evaluator.value(scope, output.Export.Name);
            if (typeof exportName === 'string') this.exportsByName.set(exportName, { scope, value: output.Value });
          } catch (e) {
            if (!(e instanceof NeedsCondition)) throw e;
          }
        }
      }
    }
    return this.exportsByName.get(name);
  }
}
