// The inputs of `check`: CloudFormation template files (JSON or YAML) and cloud assemblies (cdk.out,
// with nested assemblies and nested stacks, read by the engine).
import * as fs from 'fs';
import * as path from 'path';
import { CloudFormationTemplate, StackInput, unknownValue } from 'cdk-compliant-lambda-trail/engine';
import { parseCloudFormationYaml } from './cloudformation-yaml';
import { UsageError } from '../errors';

/** Where a template file deploys, when the user says (`--account`, `--region`, `--stack-name`, `--parameter`). */
export interface TemplateEnvironment {
  readonly account?: string;
  readonly region?: string;
  /** The stack's name (`--stack-name`); unknown when not given: a file's name says nothing of it. */
  readonly stackName?: string;
  readonly parameterValues?: Record<string, string>;
}

/** Reads one template file; a file that is missing, unparsable or not a template is a UsageError naming it. */
export function readTemplateFile(file: string): CloudFormationTemplate {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`check: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); expected a CloudFormation template file (JSON or YAML) or a cdk.out directory`);
  }
  let parsed: unknown;
  const trimmed = text.trimStart();
  try {
    parsed = trimmed.startsWith('{') ? JSON.parse(text) : parseCloudFormationYaml(text);
  } catch (error) {
    const kind = trimmed.startsWith('{') ? 'JSON' : 'YAML';
    throw new UsageError(`check: ${file} is not valid ${kind} (${(error as Error).message.split('\n')[0]}); expected a CloudFormation template`);
  }
  const resources = (parsed as CloudFormationTemplate | undefined)?.Resources;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !resources || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new UsageError(`check: ${file} has no Resources section; expected a CloudFormation template (an object with Resources)`);
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!resource || typeof resource !== 'object' || typeof (resource as { Type?: unknown }).Type !== 'string') {
      throw new UsageError(`check: ${file}: resource ${logicalId} has no Type; expected { "Type": "AWS::...", "Properties": {...} }`);
    }
  }
  return parsed as CloudFormationTemplate;
}

/**
 * A template file as the engine's input; its id is the path as given, which names it in findings.
 * The stack name (`AWS::StackName`, and the start of every name CloudFormation generates) is whatever
 * the template is deployed as, so it is unknown unless the user gives it: never the file's name.
 */
export function templateFileInput(file: string, environment: TemplateEnvironment = {}): StackInput {
  const template = readTemplateFile(file);
  return {
    id: file,
    stackName: environment.stackName ?? unknownValue(`AWS::StackName of ${file} (--stack-name)`),
    account: environment.account,
    region: environment.region,
    template,
    parameterValues: environment.parameterValues,
  };
}

/** True for a cloud assembly directory (it has a manifest.json). */
export function isCloudAssembly(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory() && fs.existsSync(path.join(dir, 'manifest.json'));
  } catch {
    return false;
  }
}
