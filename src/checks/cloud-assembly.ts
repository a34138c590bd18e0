// A synthesized cloud assembly (cdk.out) as the engine's input: every stack of the root assembly and
// of its nested assemblies (CDK Pipelines stages), the templates of their nested stacks, the
// construct paths of their resources, and the acknowledgements recorded in their metadata. Used by
// the policy validation plugin and by `lambda-trail check`.
import * as fs from 'fs';
import * as path from 'path';
import { displayIdOf, ruleIdOf } from '../engine/acknowledgement-ids';
import type { AcknowledgementLookup, FoundAcknowledgement, Subject } from '../engine/types';
import { LambdaTrailError } from '../errors';
import type { CloudFormationTemplate, StackInput } from '../model/cloudformation';

const STACK = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

interface MetadataEntry { readonly type: string; readonly data?: unknown }
type Metadata = Record<string, MetadataEntry[]>;

/** The stacks and acknowledgements of a cloud assembly directory. */
export interface CloudAssemblyInput {
  readonly stacks: StackInput[];
  readonly acknowledgements: AcknowledgementLookup;
  /** The template file of each stack input, by its id (for locations in reports). */
  readonly templateFiles: ReadonlyMap<string, string>;
}

/** Reads a cloud assembly directory and its nested assemblies. Throws with a clear message when it is not one. */
export function readCloudAssembly(directory: string): CloudAssemblyInput {
  const manifestFile = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new LambdaTrailError('NotACloudAssembly', `${directory} is not a cloud assembly: it has no manifest.json; expected the output directory of 'cdk synth' (cdk.out)`);
  }
  const stacks: StackInput[] = [];
  const templateFiles = new Map<string, string>();
  const acknowledgements: FoundAcknowledgement[] = [];
  readAssembly(directory, stacks, templateFiles, acknowledgements);
  return { stacks, templateFiles, acknowledgements: new PathAcknowledgements(acknowledgements) };
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LambdaTrailError('UnreadableFile', `${file} could not be read as JSON (${(e as Error).message})`);
  }
}

function readAssembly(directory: string, stacks: StackInput[], templateFiles: Map<string, string>, acknowledgements: FoundAcknowledgement[]): void {
  const manifest = readJson(path.join(directory, 'manifest.json'));
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === NESTED_ASSEMBLY) {
      readAssembly(path.join(directory, artifact.properties.directoryName), stacks, templateFiles, acknowledgements);
      continue;
    }
    if (artifact.type !== STACK) continue;
    const metadata: Metadata = { ...artifact.metadata ?? {} };
    if (artifact.additionalMetadataFile) Object.assign(metadata, readJson(path.join(directory, artifact.additionalMetadataFile)));
    const id = artifact.displayName ?? artifactId;
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    const templateFile = path.join(directory, artifact.properties.templateFile);
    templateFiles.set(id, templateFile);
    stacks.push(stackInput({
      id,
      stackName: artifact.properties.stackName ?? artifactId,
      account: account && account !== 'unknown-account' ? account : undefined,
      region: region && region !== 'unknown-region' ? region : undefined,
      directory,
      templateFile,
      metadata,
    }, templateFiles));
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        if (entry.type !== ACKNOWLEDGED_RULES || !entry.data || typeof entry.data !== 'object') continue;
        for (const [ackId, reason] of Object.entries(entry.data)) {
          if (typeof reason === 'string') acknowledgements.push({ id: displayIdOf(ackId), ruleId: ruleIdOf(ackId), reason, path: constructPath.replace(/^\//, '') });
        }
      }
    }
  }
}

interface StackFiles {
  readonly id: string;
  readonly stackName: string;
  readonly account?: string;
  readonly region?: string;
  readonly directory: string;
  readonly templateFile: string;
  readonly metadata: Metadata;
}

/**
 * A stack's template with the construct path of each resource written into its Metadata (from the
 * manifest's `aws:cdk:logicalId` entries, when the template lacks `aws:cdk:path`), and its nested
 * stacks' templates (from `aws:cdk:templateFile` entries or `aws:asset:path` metadata).
 */
function stackInput(files: StackFiles, templateFiles: Map<string, string>): StackInput {
  const template: CloudFormationTemplate = readJson(files.templateFile);
  const nestedFiles = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(files.metadata)) {
    for (const entry of entries) {
      // The stack itself has one too: only nested stacks' templates are other files.
      if (entry.type === 'aws:cdk:templateFile' && typeof entry.data === 'string' && path.join(files.directory, entry.data) !== files.templateFile) {
        nestedFiles.set(constructPath, entry.data);
      }
    }
  }
  const pathsByLogicalId = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(files.metadata)) {
    for (const entry of entries) {
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') pathsByLogicalId.set(`${templateOf(constructPath, nestedFiles)}#${entry.data}`, constructPath);
    }
  }
  const ownPath = '';
  const withPaths = (t: CloudFormationTemplate, stackPath: string): CloudFormationTemplate => ({
    ...t,
    Resources: Object.fromEntries(Object.entries(t.Resources ?? {}).map(([logicalId, resource]) => {
      const cdkPath = resource.Metadata?.['aws:cdk:path'] ?? pathsByLogicalId.get(`${stackPath}#${logicalId}`);
      return [logicalId, typeof cdkPath === 'string' ? { ...resource, Metadata: { ...resource.Metadata, 'aws:cdk:path': ownerPathOf(cdkPath) } } : resource];
    })),
  });
  const nestedOf = (t: CloudFormationTemplate, parentId: string, stackPath: string): Record<string, StackInput> => {
    const nested: Record<string, StackInput> = {};
    for (const [logicalId, resource] of Object.entries(t.Resources ?? {})) {
      if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
      const childPath = [...nestedFiles.keys()].find(p => pathsByLogicalId.get(`${stackPath}#${logicalId}`)?.startsWith(`${p}.NestedStack/`));
      const file = (childPath && nestedFiles.get(childPath)) ?? (resource.Metadata?.['aws:asset:path'] as string | undefined);
      if (!file || !fs.existsSync(path.join(files.directory, file))) continue;
      const childTemplate: CloudFormationTemplate = readJson(path.join(files.directory, file));
      const id = childPath ? childPath.replace(/^\//, '') : `${parentId}/${logicalId}`;
      templateFiles.set(id, path.join(files.directory, file));
      const key = childPath ?? id;
      nested[logicalId] = { id, stackName: id, template: withPaths(childTemplate, key), nestedStacks: nestedOf(childTemplate, id, key) };
    }
    return nested;
  };
  return {
    id: files.id,
    stackName: files.stackName,
    account: files.account,
    region: files.region,
    template: withPaths(template, ownPath),
    nestedStacks: nestedOf(template, files.id, ownPath),
  };
}

/** The nested stack path whose template holds the construct ('' for the stack's own template). */
function templateOf(constructPath: string, nestedStackPaths: ReadonlyMap<string, string>): string {
  let owner = '';
  for (const nested of nestedStackPaths.keys()) {
    if (constructPath.startsWith(`${nested}/`) && nested.length > owner.length) owner = nested;
  }
  return owner;
}

/** The ids aws-cdk-lib gives an L2's default child (its resource). */
const DEFAULT_CHILD_IDS = ['Resource', 'Default'];

/**
 * `/Stack/Trail/Resource` → `Stack/Trail`: the report names the L2 construct whose default child the
 * resource is, as the Aspect does (an approximation from the path: the default child's id).
 */
function ownerPathOf(cdkPath: string): string {
  const relative = cdkPath.replace(/^\//, '');
  const child = DEFAULT_CHILD_IDS.find(id => relative.endsWith(`/${id}`));
  return child ? relative.slice(0, -child.length - 1) : relative;
}

/**
 * Acknowledgements by construct path: on the subject's construct or an ancestor, the nearest wins; a
 * subject named by its L2 also takes those on the L2's resource (its default child).
 */
export class PathAcknowledgements implements AcknowledgementLookup {
  constructor(private readonly acknowledgements: readonly FoundAcknowledgement[]) {}

  public find(subject: Subject, ruleId: string): FoundAcknowledgement | undefined {
    let best: FoundAcknowledgement | undefined;
    const resourcePaths = subject.logicalId ? DEFAULT_CHILD_IDS.map(id => `${subject.path}/${id}`) : [];
    for (const a of this.acknowledgements) {
      if (a.ruleId !== ruleId) continue;
      const applies = a.path === '' || subject.path === a.path || subject.path.startsWith(`${a.path}/`) || resourcePaths.includes(a.path);
      if (applies && (!best || a.path.length >= best.path.length)) best = a;
    }
    return best;
  }

  public all(): readonly FoundAcknowledgement[] {
    return this.acknowledgements;
  }
}
