// Acknowledgements for what `audit` and `check` find, from a JSON file: a live resource has no
// construct to call `Validations.of(...).acknowledge` on, so the file names it by ARN (or, for a
// template, by its path) with the rule id and a reason an auditor can read. The format itself has its
// home in the engine (parseAcknowledgementEntries), shared with LambdaTrailConfigRule.
import * as fs from 'fs';
import {
  AcknowledgementFileEntry, AcknowledgementLookup, ACKNOWLEDGEMENTS_FILE_EXAMPLE, FoundAcknowledgement, parseAcknowledgementEntries, Subject,
} from 'cdk-compliant-lambda-trail/engine';
import { UsageError } from './errors';

/** Reads and validates the file; a file that cannot be read or is malformed is a UsageError naming the entry and what is expected. */
export function readAcknowledgementsFile(file: string): AcknowledgementFileEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--acknowledgements ${file}: cannot read the file (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--acknowledgements ${file}: not JSON (${(error as Error).message}); expected ${ACKNOWLEDGEMENTS_FILE_EXAMPLE}`);
  }
  const read = parseAcknowledgementEntries(parsed);
  if ('problem' in read) throw new UsageError(`--acknowledgements ${file}: ${read.problem}`);
  return read.entries;
}

/**
 * The engine's acknowledgement lookup over the file's entries. An entry applies to the resource it
 * names: by exact ARN, or for a template path also to the resources under it (`Prod/Audit` covers
 * `Prod/Audit/Trail`), the nearest winning, as acknowledgements on a construct's ancestors do.
 */
export class FileAcknowledgements implements AcknowledgementLookup {
  private readonly found: FoundAcknowledgement[];

  constructor(entries: readonly AcknowledgementFileEntry[], private readonly fileLabel = 'acknowledgements file') {
    this.found = entries.map(e => ({ id: e.rule, ruleId: e.rule, reason: e.reason, path: e.resource }));
  }

  public find(subject: Subject, ruleId: string): FoundAcknowledgement | undefined {
    let best: FoundAcknowledgement | undefined;
    for (const ack of this.found) {
      if (ack.ruleId !== ruleId || !appliesTo(ack.path, subject.path)) continue;
      if (!best || ack.path.length > best.path.length) best = ack;
    }
    return best;
  }

  public all(): readonly FoundAcknowledgement[] {
    return this.found;
  }

  public toString(): string {
    return `${this.fileLabel} (${this.found.length} entries)`;
  }
}

function appliesTo(resource: string, path: string): boolean {
  if (resource === path) return true;
  // ARNs name one resource; only template paths have descendants.
  return !resource.startsWith('arn:') && path.startsWith(`${resource}/`);
}

/** No acknowledgements (no --acknowledgements flag). */
export const NO_ACKNOWLEDGEMENTS: AcknowledgementLookup = { find: () => undefined, all: () => [] };

/** Several lookups as one (the file's and a cloud assembly's): the nearest acknowledgement of any of them wins. */
export function combineAcknowledgements(lookups: readonly AcknowledgementLookup[]): AcknowledgementLookup {
  const used = lookups.filter(l => l !== NO_ACKNOWLEDGEMENTS);
  if (used.length === 1) return used[0];
  return {
    find(subject, ruleId) {
      let best: FoundAcknowledgement | undefined;
      for (const lookup of used) {
        const found = lookup.find(subject, ruleId);
        if (found && (!best || found.path.length > best.path.length)) best = found;
      }
      return best;
    },
    all: () => used.flatMap(l => l.all()),
  };
}
