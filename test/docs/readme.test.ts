// Every TypeScript block of README.md compiles and runs as written: each block is a whole program
// (its imports, its variables, its own App), type-checked with the tests' compiler options and run
// as its own Node.js process with CDK_OUTDIR set, as `cdk synth` runs an app (the App then
// synthesizes when the program ends). The only change made to a block: its import of
// 'cdk-compliant-lambda-trail' is pointed at this repository's source.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { CONSTRUCT_WARNINGS } from '../../src/trail/construct-warnings';

jest.setTimeout(300_000);

const ROOT = path.join(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');
const PACKAGE = 'cdk-compliant-lambda-trail';

/** A fenced TypeScript block of a markdown file. */
interface CodeBlock {
  /** The line of the opening fence (1-based), to name the block. */
  readonly line: number;
  readonly code: string;
}

/** The ```ts and ```typescript blocks of `markdown`. */
function typeScriptBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (end < 0) throw new Error(`README.md:${i + 1}: the code block is not closed`);
    blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

/** The block as a program of this repository: the package import points at `src/`, from `dir`. */
function withLocalLibrary(code: string, dir: string): string {
  const source = path.relative(dir, path.join(ROOT, 'src')).split(path.sep).join('/');
  return code.replace(new RegExp(`(from\\s+)(['"])${PACKAGE}\\2`, 'g'), `$1'${source}'`);
}

/** Compiler errors of each file, type-checked together with the tests' options. */
function typeErrors(files: string[]): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'test', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: diagnostic => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  // As `cdk init` apps compile: a README block may name a value only to show it.
  const options = { ...config.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
  const program = ts.createProgram(files, options);
  const errors = new Map<string, string[]>(files.map(file => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    if (!file || !errors.has(path.resolve(file))) continue;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    errors.get(path.resolve(file))!.push(`line ${line + 1}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
  }
  return errors;
}

/** What running a block as a program did. */
interface Run {
  readonly exitCode: number;
  readonly output: string;
  /** The cloud assembly's manifest, when the App synthesized. */
  readonly manifest?: any;
}

/** Runs `file` as its own program, as `cdk synth` runs an app: CDK_OUTDIR set, so the App synthesizes on exit. */
function run(file: string, outdir: string): Run {
  const env = { ...process.env, CDK_OUTDIR: outdir, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' };
  let exitCode = 0;
  let output = '';
  try {
    output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', file], { cwd: ROOT, env, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    exitCode = e.status ?? 1;
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  const manifestFile = path.join(outdir, 'manifest.json');
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : undefined;
  return { exitCode, output, manifest };
}

/** The error annotations in a cloud assembly: what makes `cdk synth` fail. */
function assemblyErrors(manifest: any): string[] {
  return Object.values<any>(manifest.artifacts ?? {}).flatMap(artifact =>
    Object.entries<any[]>(artifact.metadata ?? {}).flatMap(([constructPath, entries]) =>
      entries.filter(entry => entry.type === 'aws:cdk:error').map(entry => `${constructPath}: ${entry.data}`)));
}

const blocks = typeScriptBlocks(fs.readFileSync(README, 'utf8'));

// Files under the repository (so that 'aws-cdk-lib' resolves from its node_modules), in a folder of
// their own; `*.tmp.ts` is ignored by git.
let workDir: string;
const fileOf = (name: string) => path.join(workDir, `${name}.tmp.ts`);
let errors: Map<string, string[]>;

/** Deliberately broken programs, checked in the same passes, to show the harness catches each fault. */
const BROKEN = {
  typeError: `import { CompliantLambdaTrail } from '${PACKAGE}';\nnew CompliantLambdaTrail(undefined as never, 'Trail', { trailName: 42 });\n`,
  collidingIds: [
    "import { App, Stack } from 'aws-cdk-lib';",
    `import { CompliantLambdaTrail } from '${PACKAGE}';`,
    'const app = new App();',
    "const stack = new Stack(app, 'Audit');",
    "new CompliantLambdaTrail(stack, 'LambdaTrail');",
    "new CompliantLambdaTrail(stack, 'LambdaTrail');",
    '',
  ].join('\n'),
};

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(ROOT, '.readme-blocks-'));
  for (const block of blocks) fs.writeFileSync(fileOf(`block-${block.line}`), withLocalLibrary(block.code, workDir));
  for (const [name, code] of Object.entries(BROKEN)) fs.writeFileSync(fileOf(`broken-${name}`), withLocalLibrary(code, workDir));
  errors = typeErrors([...blocks.map(block => fileOf(`block-${block.line}`)), ...Object.keys(BROKEN).map(name => fileOf(`broken-${name}`))]);
});

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('README.md TypeScript blocks', () => {
  test('there are blocks to check, each importing the library by its package name', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) expect(block.code).toMatch(new RegExp(`from '${PACKAGE}'`));
  });

  describe.each(blocks.map(block => [`README.md:${block.line}`, block] as const))('%s', (_name, block) => {
    test('compiles', () => {
      expect(errors.get(fileOf(`block-${block.line}`))).toEqual([]);
    });

    test('runs, and its app synthesizes without errors', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-cdk-out-'));
      try {
        const result = run(fileOf(`block-${block.line}`), outdir);
        expect({ exitCode: result.exitCode, output: result.exitCode === 0 ? '' : result.output }).toEqual({ exitCode: 0, output: '' });
        expect(result.manifest).toBeDefined();
        expect(assemblyErrors(result.manifest)).toEqual([]);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });

  describe('the check catches', () => {
    test('a block that does not compile', () => {
      expect(errors.get(fileOf('broken-typeError'))).toEqual([expect.stringMatching(/TS2322 Type 'number' is not assignable to type 'string'/)]);
    });

    test('a block whose construct ids collide', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-cdk-out-'));
      try {
        const result = run(fileOf('broken-collidingIds'), outdir);
        expect(result.exitCode).not.toBe(0);
        expect(result.output).toMatch(/There is already a Construct with name 'LambdaTrail'/);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
});

describe('README.md construct warnings table', () => {
  test('has a row for every construct warning, with its id and title', () => {
    const readme = fs.readFileSync(README, 'utf8');
    for (const warning of CONSTRUCT_WARNINGS) {
      expect(readme).toMatch(new RegExp(`^\\| ${warning.id} \\| ${warning.title} \\|`, 'm'));
    }
    expect(readme.match(/^\| CLT4\d \|/gm)).toHaveLength(CONSTRUCT_WARNINGS.length);
  });
});

describe('README.md and docs refer to nothing outside the repository', () => {
  test.each(['README.md', 'docs/CONTROL.md'])('%s', file => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(text).not.toMatch(/shared design folder|\/tmp\/|\.\.\/\.\.\//);
    for (const [, target] of text.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
      if (/^https?:/.test(target)) continue;
      expect(fs.existsSync(path.join(ROOT, path.dirname(file), target))).toBe(true);
    }
  });
});
