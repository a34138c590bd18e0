// The README's section on the CLI stays true to the code: it names every flag the CLI takes (and no
// other), and its example output is what the CLI prints for the command shown.
import * as fs from 'fs';
import * as path from 'path';
import { USAGE } from '../../src/cli-args';
import { cli } from '../run-cli';

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

test('the example output is what the CLI prints', async () => {
  const example = section.slice(section.indexOf('### Example'));
  const command = /```sh\n(lambda-trail .*)\n```/.exec(example)![1];
  const expected = /```text\n([\s\S]*?)```/.exec(example)![1];
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const run = await cli(command.split(' ').slice(1));
    expect(run.stdout).toBe(expected);
    expect(run.code).toBe(1);
    expect(example).toMatch(/It exits 1 \(two errors\)/);
  } finally {
    process.chdir(cwd);
  }
});
