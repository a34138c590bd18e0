// The account the README's remediate example runs against: the corpus's compliant trail, named
// org-audit, that records management events and S3 writes but Lambda data events read-only, and two
// functions. test/docs/readme.test.ts applies it to moto and compares the output with the README.
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { MOTO_ACCOUNT } from '../moto-server';

export async function applyReadmeRemediateExample(endpoint: string): Promise<void> {
  const template = JSON.parse(JSON.stringify(fixture('compliant')).split('fixture-trail').join('org-audit'));
  template.Resources.Trail.Properties.AdvancedEventSelectors = [
    { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    {
      Name: 'Invoice writes',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        { Field: 'readOnly', Equals: ['false'] },
        { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::invoices/'] },
      ],
    },
    {
      Name: 'Lambda reads',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
        { Field: 'readOnly', Equals: ['true'] },
      ],
    },
  ];
  template.Resources.Orders = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } };
  template.Resources.Billing = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'billing' } };
  await applyTemplate(template, { endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
}
