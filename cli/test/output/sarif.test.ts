// `--format sarif`: valid against the SARIF 2.1.0 schema, with rules (help text, controls), results
// located in the template file and logical id for `check` and at the ARN for `audit`, and
// acknowledged findings as suppressions with their justification.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { FIXTURES } from '../helpers';
import { cli } from '../run-cli';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

function expectValidSarif(log: unknown): void {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

const fixture = (name: string) => path.relative(process.cwd(), path.join(FIXTURES, `${name}.json`));

test('check: every finding is a result at the template file and the line of the logical id', async () => {
  const run = await cli(['check', fixture('basic-read-only'), '--account', '111111111111', '--region', 'us-east-1', '--format', 'sarif']);
  expect(run.code).toBe(1);
  const log = run.json();
  expectValidSarif(log);
  expect(log.version).toBe('2.1.0');
  const [sarifRun] = log.runs;
  expect(sarifRun.results.map((r: any) => [r.ruleId, r.level])).toEqual([['CLT1', 'error'], ['CLT2', 'error'], ['CLT4', 'error']]);
  const lines = fs.readFileSync(fixture('basic-read-only'), 'utf8').split('\n');
  for (const result of sarifRun.results) {
    const [location] = result.locations;
    expect(location.physicalLocation.artifactLocation.uri).toBe(fixture('basic-read-only'));
    expect(lines[location.physicalLocation.region.startLine - 1]).toMatch(/^\s*"Trail":/);
    expect(location.logicalLocations[0]).toEqual({ name: 'Trail', fullyQualifiedName: `${fixture('basic-read-only')}/Trail`, kind: 'resource' });
    expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.message.text).toMatch(new RegExp(`^\\[${result.ruleId}\\] `));
  }
});

test('every rule is described with its help text, fix and controls', async () => {
  const run = await cli(['check', fixture('compliant'), '--account', '111111111111', '--region', 'us-east-1', '--format', 'sarif']);
  const log = run.json();
  expectValidSarif(log);
  const rules = log.runs[0].tool.driver.rules;
  expect(rules.map((r: any) => r.id)).toEqual(expect.arrayContaining(['CLT0', 'CLT1', 'CLT13', 'CLT20', 'CLT21', 'CLT30', 'CLT31']));
  const clt1 = rules.find((r: any) => r.id === 'CLT1');
  expect(clt1.defaultConfiguration.level).toBe('error');
  expect(clt1.help.text).toMatch(/Fix: Add an advanced event selector/);
  expect(clt1.help.text).toMatch(/Controls: .*AU-2/);
  expect(clt1.properties.controls).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'AU-2' })]));
  expect(log.runs[0].results).toEqual([]);
});

test('an acknowledged finding is a suppression with its justification, and the run exits 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-sarif-'));
  const file = path.join(dir, 'ack.json');
  const trail = `${fixture('single-region')}/Trail`;
  fs.writeFileSync(file, JSON.stringify({ acknowledgements: [{ resource: trail, rule: 'CLT8', reason: 'Functions run in us-east-1 only (SCP denies others)' }] }));
  const run = await cli(['check', fixture('single-region'), '--account', '111111111111', '--region', 'us-east-1', '--format', 'sarif', '--acknowledgements', file, '--strict']);
  const log = run.json();
  expectValidSarif(log);
  const [result] = log.runs[0].results;
  expect(result.ruleId).toBe('CLT8');
  expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: `Functions run in us-east-1 only (SCP denies others) (acknowledged on ${trail})` }]);
  expect(run.code).toBe(0);
});

test('a live resource is a logical location named by its ARN', async () => {
  const { toSarif } = await import('../../src/output/sarif');
  const report = (await cli(['check', fixture('no-kms'), '--format', 'json'])).json();
  const arn = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/fixture-trail';
  const live = { ...report, trails: report.trails.map((t: any) => ({ ...t, path: arn })) };
  const log = toSarif(live);
  expectValidSarif(log);
  expect(log.runs[0].results![0].locations).toEqual([{ logicalLocations: [{ name: 'fixture-trail', fullyQualifiedName: arn, kind: 'resource' }] }]);
});

test('the schema check can fail: a result without a message is rejected', () => {
  const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'lambda-trail' } }, results: [{ ruleId: 'CLT1' }] }] };
  expect(validate(log)).toBe(false);
});
