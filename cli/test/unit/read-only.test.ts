// check and audit never write: every SDK command the CLI's source can send is a read, except the two
// writes of `remediate`, which only src/remediate/apply-changes.ts sends (checked on the source, so that
// a code path the moto tests do not reach cannot write either).
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function commandsOf(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)].map(m => m[1]);
}

test('every command the source sends is a Describe, Get or List (or sts:AssumeRole), but remediate\'s two writes', () => {
  const commands = new Set(sources(SRC).flatMap(commandsOf));
  expect([...commands].sort()).toEqual([
    'AssumeRole', 'DescribeKey', 'DescribeOrganization', 'DescribeRegions', 'DescribeTrails', 'GetAccountPublicAccessBlock', 'GetBucketPolicy',
    'GetCallerIdentity', 'GetEventDataStore', 'GetEventSelectors', 'GetKeyPolicy', 'GetPublicAccessBlock', 'GetTrailStatus', 'ListAccounts',
    'ListDelegatedAdministrators', 'ListEventDataStores', 'ListFunctions', 'ListTags', 'PutEventSelectors', 'StartLogging',
  ]);
});

test('the writes are sent from src/remediate/apply-changes.ts only', () => {
  const writers = sources(SRC).filter(file => commandsOf(file).some(c => !/^(Describe|Get|List)/.test(c) && c !== 'AssumeRole'));
  expect(writers.map(f => path.relative(SRC, f))).toEqual([path.join('remediate', 'apply-changes.ts')]);
});
