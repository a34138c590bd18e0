// How a finding reads, in one place. A finding carries its parts apart (`detail`, `fix`), as
// aws-cdk-lib's PolicyViolation carries `description` and `fix`; the one-line `message` is built from
// them, and nothing takes a message back apart.

/** The parts of a finding that its text is made of. */
export interface FindingText {
  readonly id: string;
  readonly title: string;
  /** What is wrong with this subject. */
  readonly detail: string;
  readonly fix: string;
}

/**
 * What is wrong, without the fix: `[CLT5] <title>: <detail>`. The gate, the policy validation plugin
 * (a violation's description) and the CLI's summary print it, and the fix on its own.
 */
export function descriptionOf(finding: Omit<FindingText, 'fix'>): string {
  return `[${finding.id}] ${finding.title}: ${finding.detail}`;
}

/** The finding in one line, `[CLT5] <title>: <detail>. Fix: <fix>`: annotations and the report's `message`. */
export function messageOf(finding: FindingText): string {
  return `${descriptionOf(finding)}. Fix: ${finding.fix}`;
}
