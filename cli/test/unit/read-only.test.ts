// check and audit never write: every SDK command the CLI's source can send is a read, except the two
// writes of `remediate`, which only src/remediate/apply-changes.ts sends, and the one invocation of
// `verify`, which only src/verify/run-verify.ts sends, and the Config rule's evaluations
// (config:PutEvaluations, a result to AWS Config, not a change to the account), which only
// src/config-rule/put-evaluations.ts sends (checked on the source, so that a code path the moto tests do
// not reach cannot write either).
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function commandsOf(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)].map(m => m[1]);
}

const isRead = (command: string) => /^(Describe|Get|List|Filter)/.test(command) || command === 'AssumeRole';

test('every command the source sends is a Describe, Get, List or Filter (or sts:AssumeRole), but remediate\'s two writes, verify\'s invocation and the Config rule\'s evaluations and report', () => {
  const commands = new Set(sources(SRC).flatMap(commandsOf));
  expect([...commands].sort()).toEqual([
    'AssumeRole', 'DescribeKey', 'DescribeOrganization', 'DescribeRegions', 'DescribeTrails', 'FilterLogEvents',
    'GetAccountPublicAccessBlock', 'GetBucketPolicy', 'GetCallerIdentity', 'GetComplianceDetailsByConfigRule', 'GetEventDataStore', 'GetEventSelectors', 'GetKeyPolicy',
    'GetObject', 'GetPublicAccessBlock', 'GetTrailStatus', 'Invoke', 'ListAccounts', 'ListDelegatedAdministrators', 'ListDiscoveredResources',
    'ListEventDataStores', 'ListFunctions', 'ListObjectsV2', 'ListTags', 'PutEvaluations', 'PutEventSelectors', 'PutObject', 'StartLogging',
  ]);
});

test('the writes are sent from src/remediate/apply-changes.ts only, the invocation from src/verify/run-verify.ts only, the evaluations from src/config-rule/put-evaluations.ts only, and the run report from src/config-rule/report-writer.ts only', () => {
  const writers = sources(SRC).filter(file => commandsOf(file).some(c => !isRead(c)));
  expect(writers.map(f => path.relative(SRC, f)).sort()).toEqual([
    path.join('config-rule', 'put-evaluations.ts'), path.join('config-rule', 'report-writer.ts'), path.join('remediate', 'apply-changes.ts'), path.join('verify', 'run-verify.ts'),
  ]);
  expect(commandsOf(path.join(SRC, 'config-rule', 'report-writer.ts')).filter(c => !isRead(c))).toEqual(['PutObject']);
  expect(commandsOf(path.join(SRC, 'verify', 'run-verify.ts')).filter(c => !isRead(c))).toEqual(['Invoke']);
  expect(commandsOf(path.join(SRC, 'config-rule', 'put-evaluations.ts')).filter(c => !isRead(c))).toEqual(['PutEvaluations']);
});
