import { ApiCall } from '../src/aws/aws-clients';
import { runCli } from '../src/run';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: () => any;
}

/** Runs the CLI in this process, capturing its output (the subprocess tests run the built bin). */
export async function cli(
  args: string[],
  options: { onCall?: (call: ApiCall) => void; env?: NodeJS.ProcessEnv; sleep?: (ms: number) => Promise<void> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? process.env,
    onCall: options.onCall,
    sleep: options.sleep,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** Every finding of a report as `<rule id>` (sorted), acknowledged ones marked. */
export function ruleIds(report: any): string[] {
  const all = [
    ...report.trails.flatMap((t: any) => t.findings),
    ...report.functions.flatMap((f: any) => f.findings),
    ...report.otherFindings.map((o: any) => o.finding),
  ];
  return all.map((f: any) => `${f.id}${f.level === 'warning' ? ' (warning)' : ''}${f.acknowledged ? ' (acknowledged)' : ''}`).sort();
}
