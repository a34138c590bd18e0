// The README's section on the CLI stays true to the code: it names every flag the CLI takes (and no
// other), and its examples' output is what the CLI prints for the commands shown (audit's and
// remediate's against moto, with the accounts test/docs/readme-*-example.ts describe).
import * as fs from 'fs';
import * as path from 'path';
import { USAGE } from '../../src/cli-args';
import { MotoServer, useTestCredentials } from '../moto-server';
import { cli } from '../run-cli';
import { applyReadmeAuditExample } from './readme-audit-example';
import { applyReadmeRemediateExample } from './readme-remediate-example';

const ROOT = path.join(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('## The lambda-trail CLI');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

function flags(text: string): string[] {
  return [...new Set(text.match(/--[a-z][a-z-]+/g) ?? [])].sort();
}

test('the README has the section', () => {
  expect(start).toBeGreaterThan(0);
});

test('the flags table names exactly the flags the CLI takes', () => {
  const table = section.slice(section.indexOf('### Flags'), section.indexOf('### Exit codes'));
  expect(flags(table)).toEqual(flags(USAGE).filter(f => f !== '--help' && f !== '--version'));
});

/** The command of the example under `heading` and the output the README shows for it. */
function example(heading: string): { args: string[]; output: string; text: string } {
  const at = section.indexOf(`${heading}\n`);
  expect(at).toBeGreaterThan(0);
  const text = section.slice(at, section.indexOf('\n### ', at + 1) + 1 || undefined);
  return {
    args: /```sh\n(lambda-trail .*)\n```/.exec(text)![1].split(' ').slice(1),
    output: /```text\n([\s\S]*?)```/.exec(text)![1],
    text,
  };
}

test('the example output is what the CLI prints', async () => {
  const { args, output, text } = example('### Example');
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const run = await cli(args);
    expect(run.stdout).toBe(output);
    expect(run.code).toBe(1);
    expect(text).toMatch(/It exits 1 \(two errors\)/);
  } finally {
    process.chdir(cwd);
  }
});

test('the audit example is what the CLI prints against an account like the one it describes', async () => {
  const { args, output, text } = example('### Example: audit');
  const restore = useTestCredentials();
  const moto = await MotoServer.start();
  const proxy = await applyReadmeAuditExample(moto.endpoint);
  try {
    const run = await cli([...args, '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--quiet']);
    expect(run.stdout).toBe(output);
    expect(run.code).toBe(0);
    expect(text).toMatch(/It exits 0 \(warnings only\)/);
  } finally {
    await proxy.close();
    await moto.stop();
    restore();
  }
});

test('the remediate example is what the CLI prints against an account like the one it describes', async () => {
  const { args, output, text } = example('### Example: remediate');
  const restore = useTestCredentials();
  const moto = await MotoServer.start();
  try {
    await applyReadmeRemediateExample(moto.endpoint);
    const run = await cli([...args, '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--quiet']);
    expect(run.stdout).toBe(output);
    expect(run.code).toBe(0);
    expect(text).toMatch(/It exits 0 and changes nothing/);
  } finally {
    await moto.stop();
    restore();
  }
});
