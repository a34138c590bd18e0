// What the engine does with an exception it does not expect: it stops, naming what it was judging and
// the cause. What a template or an account does not let the checks know is never an exception: it is an
// unknown value, and a CLT0 or CLT21 finding that says what is not known. An exception is a defect of the
// checks, and reporting it as a finding would hide it.
import { LambdaTrailError } from '../errors';

/** The judgement stopped on an exception the engine does not expect: a defect of the checks, not a finding. */
export class JudgingStopped extends Error {
  /** What was being judged: "trail <name> (<path>)", "function <path>", ... */
  public readonly subject: string;
  /** The exception that stopped it. */
  public readonly reason: unknown;

  constructor(subject: string, reason: unknown) {
    super(`the checks stopped while judging ${subject}: ${describe(reason)}. `
      + 'This is a defect of the checks, not a finding: please report it with the template or app that shows it.');
    this.name = 'JudgingStopped';
    this.subject = subject;
    this.reason = reason;
    if (reason instanceof Error && reason.stack) this.stack = `${this.stack}\nCaused by: ${reason.stack}`;
  }
}

/** Runs one step of the judgement of `subject`; an unexpected exception becomes a `JudgingStopped` that names it. */
export function judging<T>(subject: string, judge: () => T): T {
  try {
    return judge();
  } catch (e) {
    if (e instanceof JudgingStopped || LambdaTrailError.isLambdaTrailError(e)) throw e;
    throw new JudgingStopped(subject, e);
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  return String(reason);
}
