// The format of acknowledgements that are not made on constructs: the CLI's --acknowledgements file
// and LambdaTrailConfigRule's `acknowledgements`. One home for the format, so that a file the CLI
// accepts is accepted by the Config rule and the other way round; each front end wraps a problem
// in its own error (the CLI's UsageError, the construct's LambdaTrailError).

/** One acknowledgement of a finding on a resource named by ARN (or, for a template, by its path). */
export interface AcknowledgementFileEntry {
  /** The ARN of a live resource, or the path of a template resource (`<stack>/<logical id>` or a construct path). */
  readonly resource: string;
  /** The rule id, e.g. `CLT3`. */
  readonly rule: string;
  /** Why the finding does not apply; under 10 characters it is not accepted (CLT30). */
  readonly reason: string;
}

/** What the format looks like, for messages. */
export const ACKNOWLEDGEMENTS_FILE_EXAMPLE = '{ "acknowledgements": [ { "resource": "arn:aws:cloudtrail:us-east-1:111111111111:trail/sandbox", "rule": "CLT3", "reason": "Backout plan approved in CHG-1042" } ] }';

/** The entries, or what is wrong with the first bad one ("entry 2: ... ; expected ..."), without saying where the value came from. */
export type ParsedAcknowledgements = { readonly entries: AcknowledgementFileEntry[] } | { readonly problem: string };

/** Reads parsed JSON: an object with an `acknowledgements` array, or the array itself. */
export function parseAcknowledgementEntries(parsed: unknown): ParsedAcknowledgements {
  const list = Array.isArray(parsed) ? parsed : (parsed as { acknowledgements?: unknown } | null)?.acknowledgements;
  if (!Array.isArray(list)) {
    return { problem: `expected an object with an "acknowledgements" array (or an array), like ${ACKNOWLEDGEMENTS_FILE_EXAMPLE}` };
  }
  const entries: AcknowledgementFileEntry[] = [];
  for (const [i, entry] of list.entries()) {
    const problem = entryProblem(entry, i);
    if (problem) return { problem };
    const { resource, rule, reason } = entry as Record<string, string>;
    entries.push({ resource, rule, reason });
  }
  return { entries };
}

function entryProblem(entry: unknown, i: number): string | undefined {
  const where = `entry ${i}`;
  if (!entry || typeof entry !== 'object') return `${where} is ${JSON.stringify(entry)}; expected an object with resource, rule and reason`;
  const { resource, rule, reason } = entry as Record<string, unknown>;
  for (const [name, value] of Object.entries({ resource, rule, reason })) {
    if (typeof value !== 'string' || value.trim() === '') {
      return `${where}: "${name}" is ${JSON.stringify(value)}; expected a non-empty string (resource: an ARN or template path; rule: a rule id such as CLT3; reason: why it does not apply, 10 characters or more)`;
    }
  }
  if (!/^CLT\d+$/.test(rule as string)) {
    return `${where}: "rule" is '${rule}'; expected a rule id of this tool such as CLT3 (see docs/RULES.md)`;
  }
  return undefined;
}
