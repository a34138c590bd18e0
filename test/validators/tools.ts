// Runs the Python validators (cfn-lint, checkov) from the pinned virtual environment that
// scripts/validators-venv.sh creates.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const VENV = process.env.VALIDATORS_VENV ?? path.join(__dirname, '..', '..', '.venv-validators');

/** The venv's binary, or a failure that says how to create the venv. */
export function venvTool(name: 'cfn-lint' | 'checkov'): string {
  const bin = path.join(VENV, 'bin', name);
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} not found: run \`bash scripts/validators-venv.sh\` first (it creates .venv-validators with the pinned cfn-lint and checkov)`);
  }
  return bin;
}

export interface CfnLintMatch {
  readonly Rule: { readonly Id: string };
  readonly Level: string;
  readonly Message: string;
  readonly Filename: string;
}

/** cfn-lint's findings (errors, warnings; informational checks are off by default) on the templates. */
export function cfnLint(templates: string[]): CfnLintMatch[] {
  const run = spawnSync(venvTool('cfn-lint'), ['--format', 'json', '--', ...templates], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Exit codes: 0 clean, 2 errors, 4 warnings, 8 informational (bit flags); 1 means cfn-lint itself failed.
  if (run.status === null || run.status % 2 === 1) {
    throw new Error(`cfn-lint failed (status ${run.status}): ${run.stderr || run.error}`);
  }
  return JSON.parse(run.stdout || '[]') as CfnLintMatch[];
}

export interface CheckovResult {
  readonly check_id: string;
  readonly check_name: string;
  readonly file_path: string;
  readonly resource: string;
}

export interface CheckovReport {
  readonly failed: CheckovResult[];
  readonly skipped: (CheckovResult & { suppress_comment?: string })[];
  readonly passed: number;
}

/** checkov's CloudFormation checks on every template under a directory (one run: checkov is slow to start). */
export function checkov(directory: string): CheckovReport {
  const run = spawnSync(venvTool('checkov'), [
    '--directory', directory, '--framework', 'cloudformation', '--compact', '--output', 'json', '--quiet',
    '--skip-download', // no network: do not fetch Prisma Cloud guidelines
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'ERROR' } });
  if (run.status === null || run.status > 1 || !run.stdout) {
    throw new Error(`checkov failed (status ${run.status}): ${run.stderr || run.error}`);
  }
  const parsed = JSON.parse(run.stdout);
  const reports: any[] = Array.isArray(parsed) ? parsed : [parsed];
  const cfn = reports.find(r => r.check_type === 'cloudformation');
  if (!cfn) return { failed: [], skipped: [], passed: 0 };
  return { failed: cfn.results.failed_checks ?? [], skipped: cfn.results.skipped_checks ?? [], passed: cfn.summary.passed };
}
