// The audit never writes: every SDK command the CLI's source can send is a read (checked on the
// source, so that a code path the moto tests do not reach cannot write either).
import * as fs from 'fs';
import * as path from 'path';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('every command the source sends is a Describe, Get or List (or sts:AssumeRole)', () => {
  const commands = new Set<string>();
  for (const file of sources(path.join(__dirname, '..', '..', 'src'))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)) commands.add(match[1]);
  }
  expect([...commands].sort()).toEqual([
    'AssumeRole', 'DescribeRegions', 'DescribeTrails', 'GetBucketPolicy', 'GetCallerIdentity', 'GetEventDataStore', 'GetEventSelectors',
    'GetKeyPolicy', 'GetPublicAccessBlock', 'GetTrailStatus', 'ListAccounts', 'ListEventDataStores', 'ListFunctions',
  ]);
});
