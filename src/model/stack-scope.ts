// One template of the inputs as the template evaluator and the engine see it: where it deploys and
// how to read its resources. A home of its own so that the evaluator and the app's templates, which
// both use it, do not import each other.
import type { CloudFormationResource, TemplateSource } from './cloudformation';

export type Sections = ReturnType<TemplateSource['sections']>;

/** One template of the inputs, with where it deploys. */
export interface StackScope {
  readonly id: string;
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** True when account or region is not given (an env-agnostic CDK stack). */
  readonly envAgnostic: boolean;
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** For a nested stack: the parent template and the logical id of its AWS::CloudFormation::Stack. */
  readonly parent?: { readonly scope: StackScope; readonly logicalId: string };
  resourceType(logicalId: string): string | undefined;
  /** The whole resource, rendered. */
  resource(logicalId: string): CloudFormationResource | undefined;
  /** The resource's type, condition, metadata and its name properties only (cheap for a construct tree). */
  header(logicalId: string): CloudFormationResource | undefined;
  pathOf(logicalId: string): string;
  sections(): Sections;
  nested(logicalId: string): StackScope | undefined;
  /** Logical ids of every resource of the given types. */
  resourcesOfType(...types: string[]): string[];
}
