// Bundles LambdaTrailConfigRule's handler (cli/src/config-rule/handler.ts: the CLI's live reader, the
// engine and the AWS SDK clients it calls) into one file, assets/config-rule-handler/index.js, which
// the npm package ships so that a user's `cdk synth` needs no bundler, Docker or network.
// The engine comes from src/ (not the compiled lib/), so the bundle does not wait for jsii.
// esbuild and the AWS SDK are the CLI's dependencies: `npm ci` in cli/ first (npm run test:all does).
//
//   npx ts-node --project test/tsconfig.json scripts/bundle-config-rule-handler.ts
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'cli');
/** Where the construct finds the handler (src/config-rule/lambda-trail-config-rule.ts). */
export const HANDLER_ASSET_DIR = path.join(ROOT, 'assets', 'config-rule-handler');
/** The Node.js version the construct's function runs on (its Lambda runtime). */
const NODE_TARGET = 'node22';

async function main(): Promise<void> {
  let esbuild: typeof import('esbuild');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    esbuild = require(require.resolve('esbuild', { paths: [CLI] }));
  } catch {
    process.stderr.write('bundle:config-rule: esbuild is not installed in cli/node_modules; expected the CLI\'s dependencies: run `npm ci` in cli/ (npm run test:all does it before compiling)\n');
    process.exit(1);
  }
  fs.rmSync(HANDLER_ASSET_DIR, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: [path.join(CLI, 'src', 'config-rule', 'handler.ts')],
    outfile: path.join(HANDLER_ASSET_DIR, 'index.js'),
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    // The engine from the library's sources: the same code the CLI loads through the package's exports.
    alias: { 'cdk-compliant-lambda-trail/engine': path.join(ROOT, 'src', 'engine', 'index.ts') },
    // The SDK is bundled (not the runtime's copy): the handler runs the clients the tests ran.
    minify: true,
    keepNames: true,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = fs.statSync(path.join(HANDLER_ASSET_DIR, 'index.js')).size;
  const inputs = Object.keys(result.metafile.inputs);
  const aliased = inputs.some(i => i.replace(/\\/g, '/').includes('src/engine/index.ts'));
  if (!aliased) throw new Error('bundle:config-rule: the bundle does not hold src/engine/index.ts; expected the engine from the library\'s sources');
  process.stdout.write(`bundle:config-rule: ${path.relative(ROOT, HANDLER_ASSET_DIR)}/index.js (${(bytes / 1024).toFixed(0)} KiB from ${inputs.length} files)\n`);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
