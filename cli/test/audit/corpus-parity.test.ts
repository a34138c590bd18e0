// Parity of the front ends on the corpus the library's CfnInclude tests use (test/fixtures): each
// template gives the same rule ids with `check` on the template and with `audit` after the template
// is applied to moto resource by resource.
import * as fs from 'fs';
import * as path from 'path';
import { applyTemplate } from '../apply-template';
import { fixture, FIXTURES } from '../helpers';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli, ruleIds } from '../run-cli';

const server = useMotoServer();

/**
 * Templates that cannot exist as they are in an account, and why; every other template of the corpus
 * is compared (a new fixture is compared unless it is listed here).
 */
const TEMPLATE_ONLY: Record<string, string> = {
  'mixed-selectors': 'CloudTrail refuses PutEventSelectors with basic and advanced selectors together (InvalidParameterCombinationException): a live trail has one kind (moto keeps the last), so CLT13 for mixing is a synth-time finding',
  'outside-references': 'it names a bucket and a key outside the template, which the check cannot see and the audit reads like any other',
  'parameters-and-conditions': 'parameters, conditions and imports are resolved when the stack deploys: a live trail has one value of each',
};

const corpus = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.json')).map(f => f.replace(/\.json$/, '')).sort();

test('the templates left out are in the corpus (a renamed fixture is compared again)', () => {
  for (const name of Object.keys(TEMPLATE_ONLY)) expect(corpus).toContain(name);
  expect(corpus.length - Object.keys(TEMPLATE_ONLY).length).toBeGreaterThanOrEqual(18);
});

test.each(corpus.filter(name => !(name in TEMPLATE_ONLY)))('%s: the same rule ids at synth and live', async name => {
  const checked = await cli(['check', path.join(FIXTURES, `${name}.json`), '--account', MOTO_ACCOUNT, '--region', 'us-east-1', '--format', 'json']);
  await applyTemplate(fixture(name), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const audited = await cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--format', 'json', '--quiet']);
  expect(audited.stderr).toBe('');
  expect({ name, ids: ruleIds(audited.json()) }).toEqual({ name, ids: ruleIds(checked.json()) });
  expect(audited.code).toBe(checked.code);
});
