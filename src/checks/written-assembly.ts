// Annotations for stacks whose assembly is already written. aws-cdk-lib synthesizes every nested
// Stage (a CDK Pipelines stage) before the App's Aspects and validations run, so a warning added to
// a construct in a Stage after that never reaches the stage's assembly, and `cdk synth 'Prod/**'
// --strict` would not see it. These warnings are written into the stack's metadata in the nested
// assembly, exactly as aws-cdk-lib writes annotations (cloud assembly schema: an artifact's
// `metadata`, or the file its `additionalMetadataFile` names), so the CLI reads them as its own.
import * as fs from 'fs';
import * as path from 'path';
import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const WARNING = 'aws:cdk:warning';
const ERROR = 'aws:cdk:error';

/** Collects annotations for constructs in already-synthesized nested Stages and writes them in one pass per file. */
export class WrittenAssemblyAnnotations {
  private readonly pending = new Map<string, { stage: Stage; artifactId: string; entries: Map<string, { type: string; data: string }[]> }>();

  /** @param root the construct being synthesized: stacks directly in it are written after the checks, not before */
  constructor(private readonly root: IConstruct) {}

  /** Whether the construct's stack was written before the checks ran (it is in a nested Stage). */
  public isWritten(construct: IConstruct): boolean {
    const stage = Stage.of(construct);
    return stage !== undefined && stage !== this.root && isUnder(stage, this.root);
  }

  /** Queues a warning, `[ack: <id>]`-tagged as `Annotations.addWarningV2` writes it. */
  public addWarning(construct: IConstruct, id: string, message: string): void {
    this.add(construct, { type: WARNING, data: `${message} [ack: ${id}]` });
  }

  /** Queues an error, as `Annotations.addError` writes it. */
  public addError(construct: IConstruct, message: string): void {
    this.add(construct, { type: ERROR, data: message });
  }

  private add(construct: IConstruct, entry: { type: string; data: string }): void {
    let stack = Stack.of(construct);
    while (NestedStack.isNestedStack(stack) && stack.nestedStackParent) stack = stack.nestedStackParent;
    const stage = Stage.of(stack)!;
    const key = `${stage.outdir}#${stack.artifactId}`;
    let artifact = this.pending.get(key);
    if (!artifact) {
      artifact = { stage, artifactId: stack.artifactId, entries: new Map() };
      this.pending.set(key, artifact);
    }
    const constructPath = `/${construct.node.path}`;
    const list = artifact.entries.get(constructPath) ?? [];
    list.push(entry);
    artifact.entries.set(constructPath, list);
  }

  /** Writes every queued warning into its stack's metadata. */
  public flush(): void {
    for (const { stage, artifactId, entries } of this.pending.values()) {
      const manifestFile = path.join(stage.outdir, 'manifest.json');
      if (!fs.existsSync(manifestFile)) continue;
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
      const artifact = manifest.artifacts?.[artifactId];
      if (!artifact) continue;
      const metadataFile = artifact.additionalMetadataFile ? path.join(stage.outdir, artifact.additionalMetadataFile) : undefined;
      const metadata = metadataFile ? JSON.parse(fs.readFileSync(metadataFile, 'utf8')) : (artifact.metadata ??= {});
      for (const [constructPath, added] of entries) {
        const list = metadata[constructPath] ??= [];
        for (const entry of added) {
          if (!list.some((e: any) => e.type === entry.type && e.data === entry.data)) list.push(entry);
        }
      }
      if (metadataFile) fs.writeFileSync(metadataFile, JSON.stringify(metadata, undefined, 2));
      else fs.writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2));
    }
    this.pending.clear();
  }
}

function isUnder(construct: IConstruct, ancestor: IConstruct): boolean {
  return construct.node.scopes.includes(ancestor);
}
