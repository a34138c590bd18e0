// The engine entry point (`cdk-compliant-lambda-trail/lib/engine`) is what the CLI loads: it must not
// load aws-cdk-lib or constructs (the CLI does not depend on them). A fresh Node.js process loads the
// sources the way the compiled package does and counts the modules of either package it pulled in.
import { execFileSync } from 'child_process';
import * as path from 'path';

test('the engine loads without aws-cdk-lib or constructs', () => {
  const script = [
    "const engine = require('./src/engine');",
    "if (typeof engine.judgeTemplates !== 'function') throw new Error('engine exports missing');",
    "console.log(Object.keys(require.cache).filter(k => /node_modules[\\\\/](aws-cdk-lib|constructs)[\\\\/]/.test(k)).join(','));",
  ].join('\n');
  const loaded = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: path.join(__dirname, '..', '..'), encoding: 'utf8',
  });
  expect(loaded.trim()).toBe('');
});
