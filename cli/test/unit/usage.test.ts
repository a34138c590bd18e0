// --help: the usage of every command, or with a command (`audit --help`, `help audit`) that command's
// own flags and exit codes only; exit code 3 (a bug) is listed.
import { USAGE, usageOf } from '../../src/cli-args';
import { cli } from '../run-cli';

test('--help lists every command and flag, and every exit code, 3 included', async () => {
  const run = await cli(['--help']);
  expect([run.code, run.stdout, run.stderr]).toEqual([0, `${USAGE}\n`, '']);
  expect(USAGE).toMatch(/^Usage: lambda-trail <command> \[flags\]\n/);
  expect(USAGE).toContain('3 an unexpected error (a bug: the message and stack trace are on stderr)');
  for (const flag of ['--account', '--organization', '--only', '--strict']) expect(USAGE).toContain(flag);
});

test.each([
  ['audit', ['--organization', '--regions', '--strict', '--format summary|json|sarif'], ['--only', '--trail', '--stack-name']],
  ['check', ['--stack-name', '--parameter', '--strict'], ['--organization', '--only', '--endpoint-url']],
  ['remediate', ['--only', '--trail', '--apply', '--force', '--profile', '--endpoint-url', '--format summary|json '], ['--strict', '--organization', 'sarif']],
])('%s --help (and help %s) prints that command\'s usage alone', async (command, has, hasNot) => {
  const run = await cli([command, '--help']);
  expect([run.code, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toBe(`${usageOf(command)}\n`);
  expect(run.stdout).toMatch(new RegExp(`^Usage: lambda-trail ${command}`));
  expect(run.stdout).toMatch(/\nExit codes: 0 .*\n.*3 an unexpected error/);
  for (const flag of has) expect(run.stdout).toContain(flag);
  for (const flag of hasNot) expect(run.stdout).not.toContain(flag);
  expect((await cli(['help', command])).stdout).toBe(run.stdout);
});
