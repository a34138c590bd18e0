#!/usr/bin/env node
// The `lambda-trail` bin.
import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then(code => {
    process.exitCode = code;
  })
  .catch(error => {
    process.stderr.write(`lambda-trail: unexpected error: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 3;
  });
