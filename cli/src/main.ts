#!/usr/bin/env node
// The `lambda-trail` bin.
import { runCli } from './run';

// --profile selects the profile for everything the SDK reads from the shared config files, as the AWS
// CLI's does: credentials and region (given to each client), and also the profile's endpoint_url and
// retry settings, which the SDK reads only from the process's AWS_PROFILE.
// Both spellings the flag parser accepts: `--profile NAME` and `--profile=NAME`.
const args = process.argv.slice(2);
const profileAt = args.findIndex(arg => arg === '--profile' || arg.startsWith('--profile='));
const profile = profileAt < 0 ? undefined : args[profileAt] === '--profile' ? args[profileAt + 1] : args[profileAt].slice('--profile='.length);
if (profile) process.env.AWS_PROFILE = profile;

// The AWS SDK's notice that its future versions will need a newer Node.js (printed on Node.js 20) is
// about the SDK, not about the account: stderr holds the CLI's own progress and errors. Users who want
// the notice set the SDK's documented variable themselves (any value but "true" shows it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runCli(args, { stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then(code => {
    process.exitCode = code;
  })
  .catch(error => {
    process.stderr.write(`lambda-trail: unexpected error: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 3;
  });
