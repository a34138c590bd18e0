// The built `lambda-trail` bin as users run it: a subprocess with its own environment.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const BIN = path.join(__dirname, '..', 'lib', 'main.js');
const NO_CONFIG = path.join(os.tmpdir(), 'lambda-trail-no-aws-config');

/** The environment of a user with only these AWS settings (none of the developer's). */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_CONFIG_FILE: NO_CONFIG,
    AWS_SHARED_CREDENTIALS_FILE: NO_CONFIG,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '2',
    ...extra,
  };
}

/** Runs the bin; its exit code, stdout and stderr. */
export function runBin(args: string[], env: NodeJS.ProcessEnv = userEnv()) {
  const result = spawnSync(BIN, args, { env, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Fails the test file at once when the bin is not built. */
export function expectBuiltBin(): void {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is not built; run 'npx projen compile' in cli/ first (npm run test:all does)`);
}
