// The CLI depends on the library's engine entry point, not on aws-cdk-lib: loading the engine (and
// the selectors remediate writes with it) must not load aws-cdk-lib or constructs.
import { execFileSync } from 'child_process';
import * as path from 'path';

test('cdk-compliant-lambda-trail/engine loads without aws-cdk-lib or constructs', () => {
  const script = [
    "const engine = require('cdk-compliant-lambda-trail/engine');",
    "if (typeof engine.lambdaDataSelector !== 'function' || engine.MAX_ADVANCED_VALUES !== 500) throw new Error('engine exports missing');",
    'console.log(Object.keys(require.cache).filter(k => /node_modules[\\\\/](aws-cdk-lib|constructs)[\\\\/]/.test(k)).length);',
  ].join('\n');
  const loaded = execFileSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(loaded.trim()).toBe('0');
});

// package.json `exports` declares the public entry points; every other file of the package is private.
test('a deep import of the library fails, its declared entry points load', () => {
  const script = [
    "for (const entry of ['cdk-compliant-lambda-trail/engine', 'cdk-compliant-lambda-trail/cloud-assembly']) require(entry);",
    "try { require('cdk-compliant-lambda-trail/lib/engine/judge'); console.log('loaded'); } catch (e) { console.log(e.code); }",
  ].join('\n');
  const out = execFileSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(out.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
});
