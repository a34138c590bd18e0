// The architecture check (npx projen arch: dependency-cruiser with .dependency-cruiser.json) passes on
// the sources and fails on what it exists to catch: a file planted in a copy of src/ that closes an
// import cycle, and one that makes the model import the engine.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Runs the check on `dirs` of `cwd`; its exit code and what it printed. */
function cruise(cwd: string, dirs: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(DEPCRUISE, ['--config', path.join(ROOT, '.dependency-cruiser.json'), '--output-type', 'err', ...dirs], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, output };
  } catch (e: any) {
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

/** A copy of src/ in a temp dir, with `plant` applied to it. */
function plantedCopy(plant: (src: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arch-'));
  fs.cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  plant(path.join(dir, 'src'));
  return dir;
}

test('the sources have no cycle and no upward import', () => {
  const { code, output } = cruise(ROOT, ['src', 'cli/src']);
  expect(output).toContain('no dependency violations found');
  expect(code).toBe(0);
}, 120_000);

test('fails on an import cycle', () => {
  const dir = plantedCopy(src => {
    fs.writeFileSync(path.join(src, 'model', 'planted-a.ts'), "import { b } from './planted-b';\nexport const a = () => b;\n");
    fs.writeFileSync(path.join(src, 'model', 'planted-b.ts'), "import { a } from './planted-a';\nexport const b = () => a;\n");
  });
  const { code, output } = cruise(dir, ['src']);
  expect(code).not.toBe(0);
  expect(output).toMatch(/no-cycle: src\/model\/planted-a\.ts/);
}, 120_000);

test('fails on an import up the layers (the model importing the engine)', () => {
  const dir = plantedCopy(src => {
    fs.writeFileSync(path.join(src, 'model', 'planted-up.ts'), "import { judgeTemplates } from '../engine/judge';\nexport const up = judgeTemplates;\n");
  });
  const { code, output } = cruise(dir, ['src']);
  expect(code).not.toBe(0);
  expect(output).toMatch(/model-points-down: src\/model\/planted-up\.ts → src\/engine\/judge\.ts/);
}, 120_000);
