// CloudFormation and CloudTrail semantics on templates brought in with CfnInclude (test/fixtures):
// conditions and AWS::NoValue at every level, intrinsics, generated names, what records (SAM, nested
// stacks, event data stores, peer trails), what a selector records of Lambda, the selectors
// CloudTrail rejects, and the management events an exclusion leaves out.
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import { checkedApp, FIXTURES, findingsOf, fixtureCase, messagesAt, newStack, readReport } from '../checks/helpers';

const T = '/Stack/Template';
const stacks = new Map<string, Stack>();

/**
 * The stack that includes the fixture (test/fixtures/semantics: templates that exist only as
 * templates, with conditions, transforms and nested stacks, not in the CLI's live-parity corpus);
 * one app per fixture, built once.
 */
function fixture(name: string): Stack {
  if (!stacks.has(name)) stacks.set(name, fixtureCase(`semantics/${name}`));
  return stacks.get(name)!;
}

function report(name: string): any {
  return readReport(fixture(name).node.root as App);
}

function functionEntry(name: string, logicalId: string): any {
  return report(name).functions.find((f: any) => f.path === `Stack/Template/${logicalId}`);
}

/** The rule ids the CLT0 findings on a construct name. */
function undecidedRules(stack: Stack, at: string): string[] {
  return messagesAt(stack, at).map(m => /could not decide (CLT\d+)/.exec(m)?.[1]).filter((id): id is string => id !== undefined);
}

describe('every finding of every fixture', () => {
  test.each([
    // Unknown is never recorded: conditions and AWS::NoValue.
    ['conditional-trail', ['Orders CLT21 (warning)']],
    ['conditional-function', []],
    ['region-conditions', []],
    ['no-value-selector', ['Orders CLT21 (warning)', 'Trail CLT0 (warning)']],
    ['no-value-field-selector', ['Payments CLT21 (warning)', 'Trail CLT0 (warning)']],
    ['no-value-list-element', ['Orders CLT21 (warning)', 'Payments CLT21 (warning)', 'Trail CLT3 (warning)']],
    ['selectors-by-condition', []],
    // Only deployments that can occur are judged.
    ['exclusive-conditions-selectors', []],
    ['exclusive-conditions-trails', []],
    ['function-in-some-deployments', ['Orders CLT21 (warning)', 'Trail CLT0 (warning)']],
    // Intrinsics and generated names.
    ['intrinsic-selector-values', ['Other CLT21 (warning)', 'Trail CLT3 (warning)']],
    ['generated-names', ['Payments CLT21 (warning)', 'Trail CLT3 (warning)']],
    // What records.
    ['sam-function', []],
    ['sam-function-without-trail', ['Orders CLT20']],
    ['event-data-store', []],
    ['event-data-store-management-only', ['Orders CLT20']],
    ['management-and-data-trails', []],
    ['management-and-single-region-data-trails', ['DataTrail CLT8 (warning)', 'ManagementTrail CLT1']],
    ['lambda-selector-records-nothing', ['BrokenTrail CLT1']],
    ['event-name-not-invoke', ['Orders CLT20', 'Trail CLT1']],
    ['arn-prefix-every-function', []],
    ['arn-prefix-single-region', ['Trail CLT8 (warning)']],
    ['arn-prefix-home-region', ['Trail CLT3 (warning)']],
    ['invoker-conditions', ['Orders CLT21 (warning)', 'Trail CLT3 (warning)']],
    ['other-account-functions', ['Orders CLT20', 'Trail CLT1']],
    ['other-account-functions-organization', ['Trail CLT3 (warning)']],
    // Selectors CloudTrail rejects, or that drop management events.
    ['data-selector-without-type', ['Trail CLT13']],
    ['management-selector-fields', ['Trail CLT13', 'Trail CLT4']],
    ['data-selector-fields', ['Trail CLT13', 'Trail CLT3 (warning)']],
    ['accepted-data-fields', []],
    ['management-sources-excluded', ['Trail CLT4']],
    ['basic-management-sources-excluded', ['Trail CLT4']],
    ['basic-management-sources-invalid', ['Trail CLT13', 'Trail CLT4']],
    ['basic-data-resource-type-invalid', ['Trail CLT13']],
    ['management-sources-excluded-beside-full-trail', []],
    // Policies.
    ['bucket-tls-deny-some-actions', ['Trail CLT10']],
    ['bucket-tls-deny-some-principals', ['Trail CLT10']],
    ['bucket-tls-deny-objects-only', ['Trail CLT10']],
    ['bucket-tls-deny-extra-condition', ['Trail CLT10']],
    ['bucket-tls-deny-split', []],
    ['bucket-tls-deny-wildcard-resource', []],
    ['bucket-policy-source-any-account', ['Trail CLT11 (warning)']],
    ['bucket-policy-source-other-account', ['Trail CLT11 (warning)']],
    ['bucket-policy-source-if-exists', ['Trail CLT11 (warning)']],
    ['bucket-policy-source-region-wildcard', []],
    ['bucket-policy-source-account-pseudo', []],
  ])('%s: %j', (name, findings) => {
    expect(findingsOf(fixture(name))).toEqual(findings.map(f => `${T}/${f}`).sort());
  });
});

describe('conditions and AWS::NoValue: unknown is never recorded', () => {
  test('fails when the only trail exists under a parameter condition: the function is undecided (CLT21), never recorded', () => {
    expect(functionEntry('conditional-trail', 'Orders')).toEqual(expect.objectContaining({ status: 'unknown', recordedBy: [] }));
    expect(messagesAt(fixture('conditional-trail'), `${T}/Orders`)).toEqual([expect.stringMatching(/\[CLT21\].*it depends on conditions: recorded by no trail when parameter Env of Stack is "dev"; recorded when parameter Env of Stack is "prod"/)]);
    expect(report('conditional-trail').trails[0].assumptions).toEqual([expect.stringMatching(/parameter Env of Stack is "dev" \(not created\); parameter Env of Stack is "prod"/)]);
  });

  test('Compliance: a function that exists only under a condition is recorded wherever it exists, and the report says it is conditional', () => {
    expect(functionEntry('conditional-function', 'Orders')).toEqual(expect.objectContaining({
      status: 'recorded',
      assumptions: [expect.stringMatching(/created only when parameter Env of Stack is "prod"/)],
    }));
  });

  test('Compliance: conditions on the stack\'s known region are decided, not split into scenarios (the eu-west-1 trail is never created)', () => {
    const trails = report('region-conditions').trails;
    expect(trails.map((t: any) => [t.path, t.lambdaScope, t.assumptions])).toEqual([
      ['Stack/Template/Trail', 'every function', []],
      ['Stack/Template/EuropeTrail', 'not created in any scenario', []],
    ]);
  });

  test('fails (CLT0 naming CLT1) when a whole selector is AWS::NoValue in one scenario', () => {
    expect(undecidedRules(fixture('no-value-selector'), `${T}/Trail`)).toEqual(['CLT1']);
    expect(messagesAt(fixture('no-value-selector'), `${T}/Trail`)).toEqual([expect.stringMatching(/holds only when parameter Env of Stack is "dev"/)]);
  });

  test('fails (CLT0 naming CLT3) when one FieldSelectors element is AWS::NoValue in one scenario; the listed function is recorded in both', () => {
    expect(undecidedRules(fixture('no-value-field-selector'), `${T}/Trail`)).toEqual(['CLT3']);
    expect(functionEntry('no-value-field-selector', 'Orders').status).toBe('recorded');
    expect(functionEntry('no-value-field-selector', 'Payments').status).toBe('unknown');
  });

  test('an element of a value list that is AWS::NoValue in one scenario: valid in both scenarios (no CLT13), its function undecided', () => {
    expect(findingsOf(fixture('no-value-list-element'))).not.toContain(`${T}/Trail CLT13`);
    expect(functionEntry('no-value-list-element', 'Orders').status).toBe('unknown');
    expect(functionEntry('no-value-list-element', 'Payments').status).toBe('outside-scope');
    expect(functionEntry('no-value-list-element', 'Refunds').status).toBe('recorded');
  });

  test('Compliance: basic selectors in one scenario and advanced ones in the other are never mixed (no CLT13)', () => {
    expect(findingsOf(fixture('selectors-by-condition'))).toEqual([]);
    expect(functionEntry('selectors-by-condition', 'Orders').status).toBe('recorded');
  });
});

describe('conditions judged in the deployments that can occur', () => {
  const ENV = 'parameter Env of Stack';

  test('Compliance: IsProd and IsDev on one Env parameter (AllowedValues prod, dev) each guard a Lambda selector: recorded in both deployments, and no deployment has neither', () => {
    expect(findingsOf(fixture('exclusive-conditions-selectors'))).toEqual([]);
    expect(functionEntry('exclusive-conditions-selectors', 'Orders')).toEqual(expect.objectContaining({ status: 'recorded', recordedBy: ['fixture-trail'] }));
    expect(report('exclusive-conditions-selectors').trails[0].assumptions).toEqual([
      `Judged in every scenario of the conditions it depends on: ${ENV} is "dev"; ${ENV} is "prod".`,
    ]);
  });

  test('Compliance: a Lambda trail per deployment records every function in each, and the management trail beside them is not faulted (CLT1)', () => {
    expect(findingsOf(fixture('exclusive-conditions-trails'))).toEqual([]);
    expect(functionEntry('exclusive-conditions-trails', 'Orders')).toEqual(expect.objectContaining({ status: 'recorded', recordedBy: ['dev-trail', 'prod-trail'] }));
    // DevOnly is Fn::And [IsDev, Fn::Not [IsProd]]: created in the dev deployment only, and recorded there.
    expect(functionEntry('exclusive-conditions-trails', 'Debug')).toEqual(expect.objectContaining({
      status: 'recorded',
      recordedBy: ['dev-trail'],
      assumptions: [`created only when ${ENV} is "dev": judged as created`],
    }));
    expect(report('exclusive-conditions-trails').trails.map((t: any) => [t.path, t.lambdaScope, t.assumptions])).toEqual([
      ['Stack/Template/ManagementTrail', 'no Lambda data events', []],
      ['Stack/Template/ProdTrail', 'every function', [`Judged in every scenario of the conditions it depends on: ${ENV} is "dev" (not created); ${ENV} is "prod".`]],
      ['Stack/Template/DevTrail', 'every function', [`Judged in every scenario of the conditions it depends on: ${ENV} is "prod" (not created); ${ENV} is "dev".`]],
    ]);
  });

  test('a function that exists in two of three deployments (Fn::Or) is judged in each: recorded in both, or CLT21 naming the deployment where it is not', () => {
    expect(functionEntry('function-in-some-deployments', 'Reports')).toEqual(expect.objectContaining({
      status: 'recorded',
      assumptions: [`created only when ${ENV} is "staging" or when ${ENV} is "prod": judged as created`],
    }));
    expect(functionEntry('function-in-some-deployments', 'Orders').status).toBe('unknown');
    expect(messagesAt(fixture('function-in-some-deployments'), `${T}/Orders`)).toEqual([
      expect.stringContaining(`it depends on conditions: outside the scope of the trails that record Lambda there when ${ENV} is "staging"; recorded when ${ENV} is "prod"`),
    ]);
    // CLT3 (a limited function scope) holds in staging and dev only: never an error, CLT0 naming the deployments.
    expect(messagesAt(fixture('function-in-some-deployments'), `${T}/Trail`)).toEqual([expect.stringMatching(new RegExp(`could not decide CLT3 .*holds only when ${ENV} is not "prod"`))]);
  });
});

describe('intrinsics whose inputs are known at synth', () => {
  test('Fn::Sub with pseudo parameters and a Ref of a named function, Fn::Join, Fn::Select/Fn::Split and Fn::FindInMap name their functions', () => {
    for (const id of ['Orders', 'Payments', 'Refunds', 'Reports']) expect(functionEntry('intrinsic-selector-values', id).status).toBe('recorded');
    expect(functionEntry('intrinsic-selector-values', 'Other').status).toBe('outside-scope');
    expect(report('intrinsic-selector-values').trails[0].lambdaScope).toBe(`resources.ARN Equals [${['orders', 'payments', 'refunds', 'reports'].map(n => `arn:aws:lambda:us-east-1:111111111111:function:${n}`).join(', ')}]`);
  });
});

describe('generated function names', () => {
  test('a prefix condition uses the known <stack>-<logical id>- part: Orders is recorded', () => {
    expect(functionEntry('generated-names', 'Orders')).toEqual(expect.objectContaining({
      status: 'recorded',
      arn: expect.stringMatching(/^arn:aws:lambda:us-east-1:111111111111:function:Stack-Orders-<generated suffix/),
    }));
  });

  test('fails (CLT21, never recorded) when a suffix condition tests the unknown suffix', () => {
    expect(functionEntry('generated-names', 'Payments').status).toBe('unknown');
    expect(messagesAt(fixture('generated-names'), `${T}/Payments`)).toEqual([expect.stringMatching(/\[CLT21\].*ARN is not fully known.*Stack-Payments-<generated suffix/)]);
  });

  test('a known name ending in the suffix is recorded', () => {
    expect(functionEntry('generated-names', 'RefundsCanary').status).toBe('recorded');
  });
});

describe('SAM functions and nested stacks are functions', () => {
  test('Compliance: an AWS::Serverless::Function is recorded by the trail', () => {
    expect(functionEntry('sam-function', 'Orders')).toEqual(expect.objectContaining({ status: 'recorded', recordedBy: ['fixture-trail'] }));
  });

  test('fails when no trail records a SAM function (CLT20)', () => {
    expect(findingsOf(fixture('sam-function-without-trail'))).toEqual([`${T}/Orders CLT20`]);
  });

  function nested(parent: string): Stack {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    new cfninc.CfnInclude(stack, 'Template', {
      templateFile: path.join(FIXTURES, 'semantics', `${parent}.json`),
      loadNestedStacks: { Functions: { templateFile: path.join(FIXTURES, 'semantics', 'nested-functions.json') } },
    });
    return stack;
  }

  test('Compliance: functions of a nested stack (loadNestedStacks), named from its parameters, are recorded by the parent\'s trail', () => {
    const stack = nested('nested-parent');
    expect(findingsOf(stack)).toEqual([]);
    expect(readReport(stack.node.root as App).functions.map((f: any) => [f.path, f.arn, f.status])).toEqual([
      ['Stack/Template/Functions/Functions/Api', 'arn:aws:lambda:us-east-1:111111111111:function:orders-api', 'recorded'],
      ['Stack/Template/Functions/Functions/Worker', 'arn:aws:lambda:us-east-1:111111111111:function:orders-worker', 'recorded'],
    ]);
  });

  test('fails (CLT21) for a nested function outside the parent trail\'s scope', () => {
    expect(findingsOf(nested('nested-parent-cost-limited'))).toEqual([`${T}/Functions/Functions/Worker CLT21 (warning)`, `${T}/Trail CLT3 (warning)`]);
  });
});

describe('CloudTrail Lake event data stores record for coverage', () => {
  test('Compliance: an event data store with Lambda data selectors records the function, and the report names it', () => {
    expect(functionEntry('event-data-store', 'Orders')).toEqual(expect.objectContaining({ status: 'recorded', recordedBy: ['audit-lake'] }));
    expect(report('event-data-store').trails).toEqual([expect.objectContaining({ kind: 'event-data-store', name: 'audit-lake', lambdaScope: 'every function' })]);
  });

  test('fails (CLT20) when the event data store records only management events', () => {
    expect(findingsOf(fixture('event-data-store-management-only'))).toEqual([`${T}/Orders CLT20`]);
  });
});

describe('the control holds per account and region', () => {
  test('Compliance: a management-events trail beside a dedicated Lambda data-events trail: neither is faulted', () => {
    expect(findingsOf(fixture('management-and-data-trails'))).toEqual([]);
    expect(functionEntry('management-and-data-trails', 'Orders').recordedBy).toEqual(['data-trail']);
  });

  test('fails (CLT1 on the management trail) when the data-events trail covers only one of its regions', () => {
    expect(messagesAt(fixture('management-and-single-region-data-trails'), `${T}/ManagementTrail`)).toEqual([
      expect.stringMatching(/\[CLT1\].*no other logging trail of its account and regions does/),
    ]);
  });

  test('fails (CLT1) when a trail\'s Lambda selector records nothing, even though another trail records every invocation', () => {
    expect(messagesAt(fixture('lambda-selector-records-nothing'), `${T}/BrokenTrail`)).toEqual([expect.stringMatching(/\[CLT1\].*record no invocation.*eventName NotEquals \[Invoke\]/)]);
    expect(functionEntry('lambda-selector-records-nothing', 'Orders').status).toBe('recorded');
  });
});

describe('what a Lambda selector records', () => {
  test('fails with CLT20 (not CLT21) when the only Lambda selector leaves out Invoke (eventName NotEquals Invoke)', () => {
    expect(functionEntry('event-name-not-invoke', 'Orders').status).toBe('not-recorded');
    expect(findingsOf(fixture('event-name-not-invoke'))).not.toContain(`${T}/Orders CLT21 (warning)`);
  });

  test('Compliance: eventName Equals Invoke records every invocation (no error, no CLT3)', () => {
    expect(findingsOf(fixtureCase('event-name-invoke-only'))).toEqual([]);
  });

  test('Compliance: resources.ARN StartsWith arn:<partition>:lambda: is every function (no CLT3)', () => {
    expect(report('arn-prefix-every-function').trails[0].lambdaScope).toBe('every function');
  });

  test('Compliance: a single-region trail whose prefix is its own region and account records every function it can see', () => {
    expect(findingsOf(fixture('arn-prefix-single-region'))).not.toContain(`${T}/Trail CLT3 (warning)`);
  });

  test('warns (CLT3) when a multi-region trail\'s prefix names only its own region', () => {
    expect(messagesAt(fixture('arn-prefix-home-region'), `${T}/Trail`)).toEqual([expect.stringMatching(/\[CLT3\].*StartsWith \[arn:aws:lambda:us-east-1:111111111111:function:\]/)]);
  });

  test('warns (CLT3, not CLT2) when conditions on who invoked drop invocations, and says so', () => {
    expect(messagesAt(fixture('invoker-conditions'), `${T}/Trail`)).toEqual([
      expect.stringMatching(/\[CLT3\].*every function's invocations are recorded only when userIdentity\.arn NotStartsWith .* and sessionCredentialFromConsole Equals \[false\]; the invocations these conditions exclude are dropped/),
    ]);
    expect(functionEntry('invoker-conditions', 'Orders').status).toBe('outside-scope');
  });

  test('fails (CLT1) when the Lambda selector names only functions of another account and the trail is not an organization trail', () => {
    expect(messagesAt(fixture('other-account-functions'), `${T}/Trail`)).toEqual([
      expect.stringMatching(/\[CLT1\].*name only functions it cannot record.*222222222222.*account 111111111111 only \(it is not an organization trail\)/),
    ]);
  });

  test('Compliance (CLT3 only): an organization trail can record another account\'s function', () => {
    expect(findingsOf(fixture('other-account-functions-organization'))).toEqual([`${T}/Trail CLT3 (warning)`]);
  });
});

describe('CLT13: selectors CloudTrail rejects (CloudFormation AdvancedFieldSelector)', () => {
  test('fails when a data event selector has no resources.type', () => {
    expect(messagesAt(fixture('data-selector-without-type'), `${T}/Trail`)).toEqual([expect.stringMatching(/\[CLT13\].*'Data events': a data event selector needs a resources\.type/)]);
  });

  test('fails when a management selector excludes a source other than kms/rdsdata, or uses a field of event data stores', () => {
    const [clt13] = messagesAt(fixture('management-selector-fields'), `${T}/Trail`).filter(m => m.startsWith('[CLT13]'));
    expect(clt13).toMatch(/eventSource NotEquals accepts only kms\.amazonaws\.com, rdsdata\.amazonaws\.com, not s3\.amazonaws\.com/);
    expect(clt13).toMatch(/'Console management events': eventName is not a field a trail accepts for Management events/);
  });

  test('fails for an operator a data field does not accept, a field of another category, and a category of event data stores', () => {
    const [clt13] = messagesAt(fixture('data-selector-fields'), `${T}/Trail`).filter(m => m.startsWith('[CLT13]'));
    expect(clt13).toMatch(/sessionCredentialFromConsole accepts only Equals, NotEquals, not StartsWith/);
    expect(clt13).toMatch(/errorCode is not a field a trail accepts for Data events/);
    expect(clt13).toMatch(/eventCategory Insight is for event data stores only/);
  });

  test('Compliance: every field a trail accepts on data events, with the operators it accepts', () => {
    expect(findingsOf(fixture('accepted-data-fields'))).toEqual([]);
  });

  test('fails when a basic selector excludes a source CloudTrail cannot exclude', () => {
    expect(messagesAt(fixture('basic-management-sources-invalid'), `${T}/Trail`)).toContainEqual(expect.stringMatching(/\[CLT13\].*ExcludeManagementEventSources accepts only .* not s3\.amazonaws\.com/));
  });

  test('fails when a basic selector has a data resource type basic selectors do not accept (DataResource: DynamoDB tables, Lambda functions, S3 objects)', () => {
    expect(messagesAt(fixture('basic-data-resource-type-invalid'), `${T}/Trail`)).toEqual([
      expect.stringMatching(/\[CLT13\].*data resource has Type 'AWS::SNS::Topic'; basic selectors accept only AWS::DynamoDB::Table, AWS::Lambda::Function, AWS::S3::Object \(other types need advanced selectors\)/),
    ]);
  });
});

describe('CLT4: management-event exclusions leave management events unrecorded', () => {
  test('fails for advanced eventSource NotEquals kms.amazonaws.com (accepted by CloudTrail: no CLT13)', () => {
    expect(messagesAt(fixture('management-sources-excluded'), `${T}/Trail`)).toEqual([expect.stringMatching(/\[CLT4\].*not every management event is recorded \(eventSource NotEquals \[kms\.amazonaws\.com\]\)/)]);
  });

  test('fails for basic ExcludeManagementEventSources', () => {
    expect(findingsOf(fixture('basic-management-sources-excluded'))).toEqual([`${T}/Trail CLT4`]);
  });

  test('Compliance: another logging trail of the same account and regions records every management event', () => {
    expect(findingsOf(fixture('management-sources-excluded-beside-full-trail'))).toEqual([]);
  });
});

describe('CLT10: the TLS deny must cover every principal, every S3 action, the bucket and its objects', () => {
  test.each([
    ['bucket-tls-deny-some-actions', 'it does not deny every S3 action \\(s3:\\*\\)'],
    ['bucket-tls-deny-some-principals', 'it does not apply to every principal'],
    ['bucket-tls-deny-objects-only', 'its resources leave out the bucket arn:aws:s3:::stack-bucket-<generated suffix'],
    ['bucket-tls-deny-extra-condition', 'it also requires StringNotEquals aws:PrincipalOrgID'],
  ])('fails when the deny is narrower (%s): plain HTTP stays open', (name, gap) => {
    expect(messagesAt(fixture(name), `${T}/Trail`)).toEqual([expect.stringMatching(new RegExp(`\\[CLT10\\].*plain HTTP is not denied to every principal for every S3 action.*${gap}`))]);
  });

  test('Compliance: two statements that together cover the bucket and its objects', () => {
    expect(findingsOf(fixture('bucket-tls-deny-split'))).toEqual([]);
  });

  test('Compliance: a deny of every action ("*") on every S3 resource (arn:aws:s3:::*)', () => {
    expect(findingsOf(fixture('bucket-tls-deny-wildcard-resource'))).toEqual([]);
  });
});

describe('CLT11: aws:SourceArn / aws:SourceAccount must pin this account', () => {
  test('warns when aws:SourceArn has a wildcard account', () => {
    expect(messagesAt(fixture('bucket-policy-source-any-account'), `${T}/Trail`)).toEqual([
      expect.stringMatching(/\[CLT11\].*CloudTrailAclCheck, CloudTrailWrite.*aws:SourceArn \[arn:aws:cloudtrail:\*:\*:trail\/\*\] does not pin account 111111111111/),
    ]);
  });

  test('warns when aws:SourceAccount also allows another account', () => {
    expect(messagesAt(fixture('bucket-policy-source-other-account'), `${T}/Trail`)).toEqual([expect.stringMatching(/aws:SourceAccount \[111111111111, 222222222222\] does not pin/)]);
  });

  test('warns when the condition operator is ...IfExists', () => {
    expect(messagesAt(fixture('bucket-policy-source-if-exists'), `${T}/Trail`)).toEqual([expect.stringMatching(/StringEqualsIfExists aws:SourceArn does not pin the account/)]);
  });

  test('Compliance: wildcards in the region and the trail name only (ArnLike), as AWS\'s confused-deputy guidance allows', () => {
    expect(findingsOf(fixture('bucket-policy-source-region-wildcard'))).toEqual([]);
  });

  test('Compliance: aws:SourceAccount from the AWS::AccountId pseudo parameter', () => {
    expect(findingsOf(fixture('bucket-policy-source-account-pseudo'))).toEqual([]);
  });
});
