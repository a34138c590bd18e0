// The edge of the synth-time front end: the one function that acts on the process the app runs in,
// given the gate's verdict. How it acts depends on how the app runs (checked with aws-cdk-lib 2.276
// and 2.278 and the CDK CLI 2.1148 and 2.1149):
// - Under the CDK CLI, a thrown error makes Node print a line of aws-cdk-lib's minified source above
//   the message, so the message goes to stderr and the process exit code is set: the CLI fails with
//   "Subprocess exited with error 1" whatever stacks it selected (with no selector it selects none
//   of the stacks inside Stages, so annotations alone would pass a CDK Pipelines app). When the gate
//   passes, one line on stderr says so (the CLI shows no warning of a stack inside a Stage).
// - In process (unit tests, scripts) and from Python, Java or Go (jsii runs the library in a child
//   process, whose exit code the host never sees), an exception is the only signal: it is thrown, and
//   a pass prints nothing.
import { IConstruct } from 'constructs';
import { GateVerdict, LambdaTrailChecksFailed } from './gate';

/** How the app runs, as far as the gate's signal is concerned. */
export enum AppRun {
  /** A Node.js process of its own with a cloud assembly directory (the CDK CLI, `cdk synth`): stderr and the exit code. */
  OWN_PROCESS = 'own-process',
  /** Inside another program (unit tests, scripts, a jsii host language): an exception. */
  IN_PROCESS = 'in-process',
}

/** How the app runs: from the jsii kernel, aws-cdk-lib's app mode, and the environment the CDK CLI gives an app. */
export function howTheAppRuns(root: IConstruct): AppRun {
  // A Python, Java or Go app: the library runs in the jsii kernel's process, whose exit code the
  // host program never sees; only an exception reaches it.
  if (process.env.JSII_AGENT) return AppRun.IN_PROCESS;
  // aws-cdk-lib's own notion of how the app runs (context first, then environment).
  const mode = root.node.tryGetContext('@aws-cdk/core:appMode') ?? process.env.CDK_APP_MODE;
  if (mode === 'inmemory') return AppRun.IN_PROCESS;
  if (mode === 'process') return AppRun.OWN_PROCESS;
  // The CDK CLI runs the app with CDK_OUTDIR and CDK_CONTEXT_JSON set; an App made in a test or a
  // script has neither (unless the test runs the app as the CLI would, and then it is one).
  return process.env.CDK_OUTDIR !== undefined || process.env.CDK_CONTEXT_JSON !== undefined ? AppRun.OWN_PROCESS : AppRun.IN_PROCESS;
}

/** Ends a run of the checks as the app's process expects: the only function of the library with process effects. */
export function signalVerdict(root: IConstruct, verdict: GateVerdict, run: AppRun = howTheAppRuns(root)): void {
  if (run === AppRun.IN_PROCESS) {
    if (!verdict.passed) throw new LambdaTrailChecksFailed(verdict.message, verdict.errors, root);
    return;
  }
  if (verdict.passed) {
    process.stderr.write(`${verdict.message}\n`);
    return;
  }
  process.stderr.write(`\n${verdict.message}\n\n`);
  process.exitCode = 1;
}
