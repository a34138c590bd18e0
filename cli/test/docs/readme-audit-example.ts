// The account the README's audit example runs against: the corpus's cost-limited trail, named
// org-audit, that records Lambda data events of `orders` only, and four functions. test/docs/readme.test.ts
// applies it to moto and compares the output with the README; a proxy answers CloudTrail Lake's
// ListEventDataStores (which moto lacks) as an account without event data stores.
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { MotoProxy } from '../moto-proxy';
import { MOTO_ACCOUNT } from '../moto-server';

export async function applyReadmeAuditExample(endpoint: string): Promise<MotoProxy> {
  const template = JSON.parse(JSON.stringify(fixture('cost-limited')).split('fixture-trail').join('org-audit'));
  for (const name of ['orders', 'billing', 'refunds', 'invoices']) {
    template.Resources[name] = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } };
  }
  await applyTemplate(template, { endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  return MotoProxy.start(endpoint, call => (call.operation === 'ListEventDataStores'
    ? { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{"EventDataStores":[]}' }
    : undefined));
}
