// What the npm tarball holds of docs/: the documents the README links to (the rules and the control's
// text) ship with the package; the rest of docs/ (benchmarks, validator notes) does not.
import { execFileSync } from 'child_process';
import * as path from 'path';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');

test('npm pack ships docs/RULES.md, docs/CONTROL.md and docs/report.schema.json, and no other file of docs/', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  const files: string[] = pack.files.map((file: { path: string }) => file.path);
  expect(files.filter(file => file.startsWith('docs/')).sort()).toEqual(['docs/CONTROL.md', 'docs/RULES.md', 'docs/report.schema.json']);
  expect(files).toContain('README.md');
});

test('npm pack ships the Config rule\'s pre-bundled handler (built by bundle:config-rule), so a user\'s synth needs no bundler', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  const files: string[] = pack.files.map((file: { path: string }) => file.path);
  expect(files.filter(file => file.startsWith('assets/')).sort()).toEqual(['assets/config-rule-handler/index.js', 'assets/config-rule-handler/index.js.LEGAL.txt']);
});
