// Acknowledgements for what `audit` and `check` find, from a JSON file: a live resource has no
// construct to call `Validations.of(...).acknowledge` on, so the file names it by ARN (or, for a
// template, by its path) with the rule id and a reason an auditor can read.
import * as fs from 'fs';
import type { AcknowledgementLookup, FoundAcknowledgement, Subject } from 'cdk-compliant-lambda-trail/engine';
import { UsageError } from './errors';

/** One entry of the acknowledgements file. */
export interface AcknowledgementFileEntry {
  /** The ARN of a live resource, or the path of a template resource (`<stack>/<logical id>` or a construct path). */
  readonly resource: string;
  /** The rule id, e.g. `CLT3`. */
  readonly rule: string;
  /** Why the finding does not apply; under 10 characters it is not accepted (CLT30). */
  readonly reason: string;
}

export const ACKNOWLEDGEMENTS_FILE_EXAMPLE = '{ "acknowledgements": [ { "resource": "arn:aws:cloudtrail:us-east-1:111111111111:trail/sandbox", "rule": "CLT3", "reason": "Backout plan approved in CHG-1042" } ] }';

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
  const list = Array.isArray(parsed) ? parsed : (parsed as { acknowledgements?: unknown })?.acknowledgements;
  if (!Array.isArray(list)) {
    throw new UsageError(`--acknowledgements ${file}: expected an object with an "acknowledgements" array (or an array), like ${ACKNOWLEDGEMENTS_FILE_EXAMPLE}`);
  }
  return list.map((entry, i) => {
    const where = `--acknowledgements ${file}: entry ${i}`;
    if (!entry || typeof entry !== 'object') throw new UsageError(`${where} is ${JSON.stringify(entry)}; expected an object with resource, rule and reason`);
    const { resource, rule, reason } = entry as Record<string, unknown>;
    for (const [name, value] of Object.entries({ resource, rule, reason })) {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new UsageError(`${where}: "${name}" is ${JSON.stringify(value)}; expected a non-empty string (resource: an ARN or template path; rule: a rule id such as CLT3; reason: why it does not apply, 10 characters or more)`);
      }
    }
    if (!/^CLT\d+$/.test(rule as string)) {
      throw new UsageError(`${where}: "rule" is '${rule}'; expected a rule id of this tool such as CLT3 (see docs/RULES.md)`);
    }
    return { resource: resource as string, rule: rule as string, reason: reason as string };
  });
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
