// The CLI as npm ships it: what `npm pack` puts in the tarball, and that the tarball installs from the
// npm registry beside the library's tarball and runs, as a user who installs both gets it.
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from '../helpers';

const CLI = path.join(__dirname, '..', '..');
const ROOT = path.join(CLI, '..');
const LIBRARY = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** npm's environment without what `npm run` / `npx` set for the CLI's own package (its prefix, its package.json). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_(package_|lifecycle_|config_local_prefix$|command$)/.test(k)) env[k] = v;
  }
  return env;
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: 540_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function npm(args: string[], cwd: string): string {
  const result = run('npm', args, cwd);
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} in ${cwd} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `npm pack` of a directory into `destination`; the file npm wrote and the files it packed. */
function pack(dir: string, destination: string, dryRun = false): { file: string; files: string[] } {
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', destination, ...(dryRun ? ['--dry-run'] : [])], dir));
  return { file: path.join(destination, packed.filename), files: packed.files.map((f: { path: string }) => f.path) };
}

const manifest = () => fs.readFileSync(path.join(CLI, 'package.json'), 'utf8');

beforeAll(() => {
  for (const built of [path.join(ROOT, 'lib', 'engine', 'index.js'), path.join(CLI, 'lib', 'main.js')]) {
    if (!fs.existsSync(built)) throw new Error(`${built} is not built; run 'npx projen compile' at the root and in cli/ first (npm run test:all does)`);
  }
});

test('npm pack ships only the compiled bin, README, LICENSE and package.json, and leaves package.json as it was', () => {
  const before = manifest();
  const { files } = pack(CLI, os.tmpdir(), true);
  expect(files.filter(f => !/^lib\/.+\.js$/.test(f)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
  expect(files).toContain('lib/main.js');
  expect(files).toContain('lib/run.js');
  expect(manifest()).toBe(before);
  expect(fs.existsSync(path.join(CLI, '.package.json.unpinned'))).toBe(false);
});

test('npm publish of the directory is refused: the registry would get the package.json with the link', () => {
  const before = manifest();
  const result = run('npm', ['publish', '--dry-run'], CLI);
  expect(result.status).not.toBe(0);
  expect(result.stderr + result.stdout).toMatch(/publish the tarball that `npm pack` writes .*whose dependency on the library is "file:\.\."/);
  expect(manifest()).toBe(before);
});

test('the tarballs of the library and the CLI install into an empty directory and run', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-install-'));
  const tarballs = path.join(work, 'tarballs');
  const project = path.join(work, 'project');
  fs.mkdirSync(tarballs);
  fs.mkdirSync(project);
  try {
    const library = pack(ROOT, tarballs);
    const before = manifest();
    const cli = pack(CLI, tarballs);
    expect(manifest()).toBe(before);

    // The packed CLI depends on the library by version; development keeps the link.
    const packed = JSON.parse(run('tar', ['-xOzf', cli.file, 'package/package.json'], work).stdout);
    expect(packed.dependencies[LIBRARY.name]).toBe(`^${LIBRARY.version}`);
    expect(JSON.parse(before).dependencies[LIBRARY.name]).toBe('file:..');

    fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'lambda-trail-user', version: '1.0.0', private: true })}\n`);
    npm(['install', '--no-audit', '--no-fund', library.file, cli.file], project);

    const npx = (...args: string[]) => run('npx', ['--no', '--', 'lambda-trail', ...args], project);
    const version = npx('--version');
    expect([version.status, version.stdout, version.stderr]).toEqual([0, `${JSON.parse(before).version}\n`, '']);

    const compliant = npx('check', path.join(FIXTURES, 'compliant.json'), '--account', '111111111111', '--region', 'us-east-1', '--format', 'json');
    expect([compliant.status, compliant.stderr]).toEqual([0, '']);
    const report = JSON.parse(compliant.stdout);
    expect(report.tool).toEqual(expect.objectContaining({ frontEnd: 'lambda-trail check', version: LIBRARY.version }));
    expect(report.trails.map((t: { status: string }) => t.status)).toEqual(['compliant']);

    const noKms = npx('check', path.join(FIXTURES, 'no-kms.json'));
    expect(noKms.status).toBe(1);
    expect(noKms.stdout).toMatch(/ERROR \[CLT5\] Logs are not encrypted with KMS/);

    // Every dependency of the tree is met (the `file:..` dependency made npm link the install's own
    // node_modules and leave the CLI's dependencies, @aws-sdk/core among them, uninstalled).
    npm(['ls', '--all'], project);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 600_000);
