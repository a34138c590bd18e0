// The engine on plain CloudFormation templates, as the CLI feeds it (no construct tree): templates in,
// findings and coverage out; and a cloud assembly read from disk.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CompliantLambdaTrail } from '../../src';
import { readCloudAssembly } from '../../src/checks/cloud-assembly';
import { functionArnReference, judgeTemplates } from '../../src/engine/judge';
import { StackInput } from '../../src/model/cloudformation';
import { CoverageStatus } from '../../src/model/coverage-status';
import { unknownValue } from '../../src/model/unknown-value';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const MANAGEMENT = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const LAMBDA = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] };

const trail = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::CloudTrail::Trail',
  Properties: {
    TrailName: 'org-trail',
    IsLogging: true,
    IsMultiRegionTrail: true,
    EnableLogFileValidation: true,
    S3BucketName: 'logs',
    KMSKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1',
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:x',
    AdvancedEventSelectors: [MANAGEMENT, LAMBDA],
    ...properties,
  },
});
const fn = (name?: string) => ({ Type: 'AWS::Lambda::Function', Properties: name ? { FunctionName: name } : {} });

const stack = (id: string, resources: Record<string, unknown>, more: Partial<StackInput> = {}): StackInput => ({
  id, stackName: id, account: ACCOUNT, region: REGION, template: { Resources: resources as any }, ...more,
});

describe('judgeTemplates on JSON templates', () => {
  test('a trail records the functions of another stack of its account', () => {
    const judgement = judgeTemplates([stack('Audit', { Trail: trail() }), stack('Orders', { Place: fn('place-order') })]);
    expect(judgement.recorders.map(r => [r.path, r.findings.map(f => f.rule.id)])).toEqual([['Audit/Trail', []]]);
    expect(judgement.functions.map(f => [f.path, f.arn, f.status, f.recordedBy])).toEqual([
      ['Orders/Place', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:place-order`, CoverageStatus.RECORDED, ['org-trail']],
    ]);
  });

  test('the path of a resource comes from lambda-trail:path (a live ARN), then aws:cdk:path', () => {
    const judgement = judgeTemplates([stack('Live', {
      Trail: { ...trail(), Metadata: { 'lambda-trail:path': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail' } },
      Fn: { ...fn('f'), Metadata: { 'aws:cdk:path': 'App/Fn/Resource' } },
    })]);
    expect(judgement.recorders[0].path).toBe('arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail');
    expect(judgement.functions[0].path).toBe('App/Fn/Resource');
  });

  test('an unknown value says what is not known: the function is never recorded, and the reason is carried', () => {
    const judgement = judgeTemplates([stack('Live', {
      Trail: trail({ IsLogging: unknownValue('cloudtrail:GetTrailStatus: AccessDenied') }),
      Fn: fn('f'),
    })]);
    const [f] = judgement.functions;
    expect(f.status).toBe(CoverageStatus.UNKNOWN);
    expect(f.unknownBecause).toContain('cloudtrail:GetTrailStatus: AccessDenied');
    expect(f.findings.map(x => x.rule.id)).toEqual(['CLT21']);
  });

  test('an export of one stack imported by another is followed (the ARN a trail names)', () => {
    const judgement = judgeTemplates([
      stack('Orders', { Place: fn() }, {
        template: {
          Resources: { Place: fn() as any },
          Outputs: { PlaceArn: { Value: { 'Fn::GetAtt': ['Place', 'Arn'] }, Export: { Name: 'Orders:PlaceArn' } } },
        },
      }),
      stack('Audit', {
        Trail: trail({
          AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [{ 'Fn::ImportValue': 'Orders:PlaceArn' }] }] }],
        }),
      }),
    ]);
    expect(judgement.recorders[0].findings.map(f => f.rule.id)).toEqual(['CLT3']);
    expect(judgement.functions[0].status).toBe(CoverageStatus.RECORDED);
  });

  test('an external trail that names a function of the inputs', () => {
    const judgement = judgeTemplates([stack('Orders', { Place: fn(), Ship: fn() })], {
      externalTrails: [{
        name: 'org',
        organizationTrail: true,
        multiRegion: true,
        advancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [functionArnReference('Orders', 'Place')] }] }],
      }],
    });
    expect(judgement.functions.map(f => [f.logicalId, f.status, f.recordedBy])).toEqual([
      ['Place', CoverageStatus.RECORDED, ['org (external)']],
      ['Ship', CoverageStatus.OUTSIDE_SCOPE, []],
    ]);
  });

  test('a CloudTrail Lake event data store with Lambda data selectors records invocations, and is named', () => {
    const judgement = judgeTemplates([stack('Lake', {
      Store: { Type: 'AWS::CloudTrail::EventDataStore', Properties: { Name: 'lake', AdvancedEventSelectors: [MANAGEMENT, LAMBDA] } },
      Fn: fn('f'),
    })]);
    expect(judgement.recorders.map(r => [r.kind, r.findings])).toEqual([['event-data-store', []]]);
    expect(judgement.functions[0].recordedBy).toEqual(['lake']);
  });

  test('an event data store whose ingestion is stopped records nothing, as a trail that is not logging, and its scope says so', () => {
    const judgement = judgeTemplates([stack('Lake', {
      Store: { Type: 'AWS::CloudTrail::EventDataStore', Properties: { Name: 'lake', IngestionEnabled: false, AdvancedEventSelectors: [MANAGEMENT, LAMBDA] } },
      Fn: fn('f'),
    })]);
    expect(judgement.recorders.map(r => [r.kind, r.lambdaScope])).toEqual([['event-data-store', 'nothing: it ingests no events (IngestionEnabled false, or ingestion stopped)']]);
    expect(judgement.functions.map(f => [f.status, f.recordedBy, f.findings.map(x => x.rule.id)])).toEqual([[CoverageStatus.NOT_RECORDED, [], ['CLT20']]]);
  });

  test('env-agnostic stacks share one account and region, and the judgement says so', () => {
    const judgement = judgeTemplates([
      stack('Audit', { Trail: trail() }, { account: undefined, region: undefined }),
      stack('Orders', { Fn: fn('f') }, { account: undefined, region: undefined }),
    ]);
    expect(judgement.functions[0].status).toBe(CoverageStatus.RECORDED);
    expect(judgement.assumptions).toEqual([expect.stringMatching(/one and the same account and region/)]);
    expect(judgement.functions[0].assumptions).toEqual([expect.stringMatching(/env-agnostic/)]);
  });
});

describe('coverage is a union across the logging trails of an account and region, condition by condition', () => {
  const DEPLOY = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-`;
  const byCaller = (operator: 'StartsWith' | 'NotStartsWith') => ({
    FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'userIdentity.arn', [operator]: [DEPLOY] }],
  });
  const ids = (j: ReturnType<typeof judgeTemplates>) => [
    ...j.recorders.flatMap(r => r.findings.map(f => `${r.path} ${f.rule.id}${f.about ? ` (${f.about})` : ''}`)),
    ...j.functions.flatMap(f => f.findings.map(x => `${f.path} ${x.rule.id}`)),
  ].sort();
  /** Deploy records the deployment roles' invocations, Others every other caller's; `others` changes Others. */
  const split = (others: Record<string, unknown> = {}, where: Partial<StackInput> = {}) => judgeTemplates([
    stack('Audit', { Deploy: trail({ TrailName: 'deploy-calls', AdvancedEventSelectors: [MANAGEMENT, byCaller('StartsWith')] }) }),
    stack('Others', { Others: trail({ TrailName: 'other-calls', AdvancedEventSelectors: [byCaller('NotStartsWith')], ...others }) }, where),
    stack('Orders', { Fn: fn('orders') }),
  ]);

  test('two trails that split the callers record every invocation together, as one trail with both selectors does', () => {
    const together = split();
    expect(together.functions.map(f => [f.status, f.recordedBy])).toEqual([[CoverageStatus.RECORDED, ['deploy-calls', 'other-calls']]]);
    // Each trail's own scope is limited (CLT3, a warning about the trail), and the warning says the rest is recorded.
    expect(ids(together)).toEqual(['Audit/Deploy CLT3', 'Others/Others CLT3']);
    expect(together.recorders.map(r => r.findings[0].detail)).toEqual([
      `every function's invocations are recorded only when userIdentity.arn StartsWith [${DEPLOY}]; the other logging trails of its accounts and regions record the rest`,
      `every function's invocations are recorded only when userIdentity.arn NotStartsWith [${DEPLOY}]; the other logging trails of its accounts and regions record the rest`,
    ]);
    const one = judgeTemplates([stack('Audit', { Trail: trail({ AdvancedEventSelectors: [MANAGEMENT, byCaller('StartsWith'), byCaller('NotStartsWith')] }) }), stack('Orders', { Fn: fn('orders') })]);
    expect(one.functions.map(f => [f.status, f.recordedBy])).toEqual([[CoverageStatus.RECORDED, ['org-trail']]]);
    expect(ids(one)).toEqual([]);
  });

  test('callers both trails leave out are dropped: the function is outside their scope (CLT21), and each trail warns (CLT3)', () => {
    const judgement = split({ AdvancedEventSelectors: [{ FieldSelectors: [...byCaller('NotStartsWith').FieldSelectors, { Field: 'sessionCredentialFromConsole', Equals: ['false'] }] }] });
    expect(judgement.functions.map(f => f.status)).toEqual([CoverageStatus.OUTSIDE_SCOPE]);
    expect(ids(judgement)).toEqual(['Audit/Deploy CLT3', 'Orders/Fn CLT21', 'Others/Others CLT3']);
  });

  test('a trail that is not logging adds nothing: the function is outside the other\'s scope (CLT21), whose invocations are dropped', () => {
    const judgement = split({ IsLogging: false });
    expect(judgement.functions.map(f => [f.status, f.recordedBy])).toEqual([[CoverageStatus.OUTSIDE_SCOPE, []]]);
    expect(ids(judgement)).toEqual(['Audit/Deploy CLT3', 'Orders/Fn CLT21', 'Others/Others CLT3', 'Others/Others CLT7']);
    expect(judgement.recorders[0].findings[0].detail).toMatch(/; the invocations these conditions exclude are dropped$/);
  });

  test('a trail whose logging is not known may complete the other: the function is unknown (CLT21), never recorded or outside the scope', () => {
    const judgement = split({ IsLogging: unknownValue('cloudtrail:GetTrailStatus: AccessDeniedException') });
    const [f] = judgement.functions;
    expect([f.status, f.recordedBy]).toEqual([CoverageStatus.UNKNOWN, []]);
    expect(f.unknownBecause).toMatch(/may record every invocation together, condition by condition \(other-calls: whether it is logging \(IsLogging\) is .*cloudtrail:GetTrailStatus: AccessDeniedException/);
    expect(ids(judgement)).toEqual(['Audit/Deploy CLT3', 'Orders/Fn CLT21', 'Others/Others CLT0 (CLT7)', 'Others/Others CLT3']);
  });

  test('a single-region trail of another region adds nothing in the function\'s region', () => {
    const judgement = split({ IsMultiRegionTrail: false }, { region: 'eu-west-1' });
    expect(judgement.functions.map(f => f.status)).toEqual([CoverageStatus.OUTSIDE_SCOPE]);
    expect(ids(judgement)).toEqual(['Audit/Deploy CLT3', 'Orders/Fn CLT21', 'Others/Others CLT3', 'Others/Others CLT8']);
    // Deploy records, with Others, every invocation in Others' one region; Others does not cover Deploy's other regions.
    expect(judgement.recorders.map(r => /record the rest$/.test(r.findings.find(f => f.rule.id === 'CLT3')!.detail))).toEqual([false, true]);
  });

  test('CLT4: trails that exclude different event sources (kms, rdsdata) record every management event together; a single-region one covers only its region', () => {
    const excluding = (source: string) => ({ FieldSelectors: [MANAGEMENT.FieldSelectors[0], { Field: 'eventSource', NotEquals: [source] }] });
    const judge = (second: Record<string, unknown>) => judgeTemplates([stack('Audit', {
      Trail: trail({ AdvancedEventSelectors: [excluding('kms.amazonaws.com'), LAMBDA] }),
      Second: trail({ TrailName: 'second', AdvancedEventSelectors: [excluding('rdsdata.amazonaws.com')], ...second }),
    })]);
    expect(ids(judge({}))).toEqual([]);
    // A single-region trail does not cover the multi-region one's other regions: only the single-region one is not faulted.
    expect(ids(judge({ IsMultiRegionTrail: false }))).toEqual(['Audit/Trail CLT4', 'Audit/Second CLT8'].sort());
    // A trail that is not logging adds nothing for the other (CLT4); its own finding is CLT7.
    expect(ids(judge({ IsLogging: false }))).toEqual(['Audit/Second CLT7', 'Audit/Trail CLT4'].sort());
  });
});

describe('templates as CloudFormation reads them', () => {
  const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
  const limitedTo = (equals: unknown) => trail({
    AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: equals }] }],
  });

  test('a CommaDelimitedList parameter\'s value is split at its commas, and each member trimmed of spaces', () => {
    const template = {
      Parameters: { Recorded: { Type: 'CommaDelimitedList' } },
      Resources: { Trail: limitedTo({ Ref: 'Recorded' }) as any, Orders: fn('orders') as any, Payments: fn('payments') as any, Refunds: fn('refunds') as any },
    };
    const judgement = judgeTemplates([stack('Audit', {}, { template, parameterValues: { Recorded: ` ${arn('orders')} ,${arn('payments')}  ` } })]);
    expect(judgement.functions.map(f => [f.logicalId, f.status])).toEqual([
      ['Orders', CoverageStatus.RECORDED], ['Payments', CoverageStatus.RECORDED], ['Refunds', CoverageStatus.OUTSIDE_SCOPE],
    ]);
    expect(judgement.recorders[0].lambdaScope).toBe(`resources.ARN Equals [${arn('orders')}, ${arn('payments')}]`);
  });

  test('a boolean or a number where CloudFormation expects a string is its text: readOnly Equals [false] records write events only (CLT2)', () => {
    const writeOnly = trail({ AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'readOnly', Equals: [false] }] }] });
    const judgement = judgeTemplates([stack('Audit', { Trail: writeOnly, Fn: fn('f') })]);
    expect(judgement.recorders[0].findings.map(f => f.rule.id)).toEqual(['CLT2']);
    expect(judgement.functions.map(f => f.status)).toEqual([CoverageStatus.RECORDED]);
  });
});

describe('what a front end could not list (StackInput.unlisted): unknown, never a made-up trail or function', () => {
  const DENIED = 'cloudtrail:DescribeTrails: AccessDeniedException (not authorized)';
  const unlistedIds = (j: ReturnType<typeof judgeTemplates>) => j.unlisted.map(u => [u.path, u.findings.map(f => f.rule.id)]);

  test('trails not listed in a region: nothing is judged or counted for them; a function there no listed trail records is unknown (CLT21)', () => {
    const judgement = judgeTemplates([stack(`${ACCOUNT}/eu-west-1`, { Fn: fn('f') }, { region: 'eu-west-1', unlisted: { trails: DENIED } })]);
    expect(judgement.recorders).toEqual([]);
    expect(judgement.functions.map(f => [f.status, f.findings.map(x => x.rule.id)])).toEqual([[CoverageStatus.UNKNOWN, ['CLT21']]]);
    expect(judgement.functions[0].unknownBecause).toBe(`the trails of account ${ACCOUNT} in eu-west-1 could not be listed (${DENIED}), and one of them may record it`);
    expect(unlistedIds(judgement)).toEqual([[`${ACCOUNT}/eu-west-1`, ['CLT0']]]);
    expect(judgement.unlisted[0].findings[0].detail).toBe(`account ${ACCOUNT}, region eu-west-1: its trails could not be listed (${DENIED}): `
      + 'none of them is judged or counted, and a function there that no other trail records is unknown (CLT21)');
  });

  test('trails not listed in one region: a multi-region trail of another region still records its functions, and leaves others alone', () => {
    const judgement = judgeTemplates([
      stack('Audit', { Trail: trail() }),
      stack(`${ACCOUNT}/eu-west-1`, { Fn: fn('f') }, { region: 'eu-west-1', unlisted: { trails: DENIED } }),
      stack(`${ACCOUNT}/us-west-2`, { Other: fn('g') }, { region: 'us-west-2' }),
    ]);
    expect(judgement.functions.map(f => [f.region, f.status])).toEqual([['eu-west-1', CoverageStatus.RECORDED], ['us-west-2', CoverageStatus.RECORDED]]);
    expect(judgement.recorders.map(r => [r.path, r.findings])).toEqual([['Audit/Trail', []]]);
  });

  test('a trail whose account and region lack Lambda recording is not faulted (CLT1) when an unlisted event data store may record it', () => {
    const managementOnly = trail({ AdvancedEventSelectors: [MANAGEMENT] });
    const listed = judgeTemplates([stack('Audit', { Trail: managementOnly })]);
    const unlisted = judgeTemplates([stack('Audit', { Trail: managementOnly }, { unlisted: { eventDataStores: 'cloudtrail:ListEventDataStores: AccessDeniedException' } })]);
    expect(listed.recorders[0].findings.map(f => f.rule.id)).toEqual(['CLT1']);
    expect(unlisted.recorders[0].findings.map(f => [f.rule.id, f.about])).toEqual([['CLT0', 'CLT1']]);
  });

  test('one reason for everything (a region that refuses the credentials) is given once', () => {
    const reason = 'region eu-south-1 is not enabled for account 111111111111';
    const judgement = judgeTemplates([stack(`${ACCOUNT}/eu-south-1`, {}, { region: 'eu-south-1', unlisted: { trails: reason, eventDataStores: reason, functions: reason } })]);
    const [detail] = judgement.unlisted[0].findings.map(f => f.detail);
    expect(detail.split(reason)).toHaveLength(2);
    expect(detail).toMatch(/event data stores could not be listed \(for the same reason\).*its functions could not be listed \(for the same reason\)/);
  });

  test('functions not listed: none is counted; undecided (CLT0) unless the listed trails record every function there', () => {
    const where = { region: 'eu-west-1', unlisted: { functions: 'lambda:ListFunctions: AccessDeniedException' } };
    const recorded = judgeTemplates([stack('Audit', { Trail: trail() }), stack(`${ACCOUNT}/eu-west-1`, {}, where)]);
    expect(recorded.functions).toEqual([]);
    expect(recorded.unlisted).toEqual([]);
    expect(recorded.assumptions).toEqual([`The functions of account ${ACCOUNT}, region eu-west-1 could not be listed (lambda:ListFunctions: AccessDeniedException); every function there is recorded by org-trail.`]);

    const none = judgeTemplates([stack(`${ACCOUNT}/eu-west-1`, {}, where)]);
    expect(none.functions).toEqual([]);
    expect(unlistedIds(none)).toEqual([[`${ACCOUNT}/eu-west-1`, ['CLT0']]]);
    expect(none.unlisted[0].findings[0].detail).toMatch(/its functions could not be listed \(lambda:ListFunctions: AccessDeniedException\), and no trail records Lambda invocations there: could not decide CLT20/);

    const limited = trail({ AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders`] }] }] });
    const some = judgeTemplates([stack('Audit', { Trail: limited }), stack(`${ACCOUNT}/eu-west-1`, {}, where)]);
    expect(some.unlisted[0].findings[0].detail).toMatch(/its functions could not be listed .*: could not decide whether they are recorded \(org-trail may record it/);
  });
});

describe('readCloudAssembly', () => {
  test('reads every stage, nested stack, construct path and acknowledgement of a cdk.out', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-assembly-'));
    const app = new App({ outdir });
    const prod = new Stage(app, 'Prod', { env: { account: ACCOUNT, region: REGION } });
    const functions = new Stack(prod, 'Functions');
    const inner = new NestedStack(functions, 'Inner');
    const handler = new lambda.Function(inner, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    Validations.of(handler).acknowledge({ id: 'CLT21', reason: 'Sandbox function, no audit needed here' });
    new CompliantLambdaTrail(new Stack(prod, 'Audit'), 'LambdaTrail');
    app.synth();

    const assembly = readCloudAssembly(outdir);
    expect(assembly.stacks.map(s => [s.id, s.account, s.region, Object.keys(s.nestedStacks ?? {}).length]).sort()).toEqual([
      ['Prod/Audit', ACCOUNT, REGION, 0],
      ['Prod/Functions', ACCOUNT, REGION, 1],
    ]);
    const judgement = judgeTemplates(assembly.stacks);
    expect(judgement.recorders.map(r => [r.path, r.findings.length])).toEqual([['Prod/Audit/LambdaTrail', 0]]);
    expect(judgement.functions.map(f => [f.path, f.status])).toEqual([['Prod/Functions/Inner/Handler', CoverageStatus.RECORDED]]);
    expect(assembly.acknowledgements.all()).toEqual(expect.arrayContaining([
      { id: 'CLT21', ruleId: 'CLT21', reason: 'Sandbox function, no audit needed here', path: 'Prod/Functions/Inner/Handler' },
    ]));
  });
});

test('readCloudAssembly: a finding reported on an L2 is acknowledged on its resource (the CfnTrail), in any spelling of the id', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-assembly-ack-'));
  const app = new App({ outdir });
  const audit = new Stack(app, 'Audit', { env: { account: ACCOUNT, region: REGION } });
  const lambdaTrail = new CompliantLambdaTrail(audit, 'LambdaTrail', { cloudWatchLogs: false });
  Validations.of(lambdaTrail.trail).acknowledge({ id: 'Annotation::LambdaTrailChecks_CLT9', reason: 'A SIEM reads the S3 log files (SEC-12)' });
  app.synth();
  const assembly = readCloudAssembly(outdir);
  const [recorder] = judgeTemplates(assembly.stacks).recorders;
  expect([recorder.path, recorder.findings.map(f => f.rule.id)]).toEqual(['Audit/LambdaTrail', ['CLT9']]);
  expect(assembly.acknowledgements.find(recorder, 'CLT9')).toEqual(expect.objectContaining({ path: 'Audit/LambdaTrail/Resource', ruleId: 'CLT9' }));
  // A construct's own warning (no logical id) is on the L2 alone.
  expect(assembly.acknowledgements.find({ ...recorder, logicalId: '' }, 'CLT9')).toBeUndefined();
});

describe('odd values in templates are unknown, never a crash that drops the trail', () => {
  test.each([
    ['AWS::NoValue', { 'Fn::GetStackOutput': { Ref: 'AWS::NoValue' } }],
    ['a list', { 'Fn::GetStackOutput': ['Orders', 'Arn'] }],
  ])('Fn::GetStackOutput of %s in a selector value: the trail is read, the function undecided (CLT21), not CLT20', (_what, value) => {
    const limited = { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [value] }] };
    const judgement = judgeTemplates([stack('Audit', { Trail: trail({ AdvancedEventSelectors: [MANAGEMENT, limited] }), Fn: fn('f') })]);
    expect(judgement.recorders[0].findings.map(f => f.detail).join()).not.toMatch(/could not read/);
    expect(judgement.functions.map(f => [f.status, f.findings.map(x => x.rule.id)])).toEqual([[CoverageStatus.UNKNOWN, ['CLT21']]]);
  });
});

describe('a trail\'s KMSKeyId by alias', () => {
  const key = (allowsCloudTrail: boolean) => ({
    Type: 'AWS::KMS::Key',
    Properties: {
      KeyPolicy: {
        Statement: allowsCloudTrail
          ? [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' }]
          : [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
      },
    },
  });
  const alias = (keyLogicalId: string, more: Record<string, unknown> = {}) => ({
    Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/logs', TargetKeyId: { Ref: keyLogicalId } }, ...more,
  });
  const clt12 = (stacks: StackInput[]) => judgeTemplates(stacks).recorders[0].findings.filter(f => f.rule.id === 'CLT12').map(f => f.detail);

  test('alias/<name> leads to the key of the trail\'s account and region that the alias targets', () => {
    expect(clt12([stack('Audit', { Trail: trail({ KMSKeyId: 'alias/logs' }), Key: key(false), Alias: alias('Key') })]))
      .toEqual([expect.stringMatching(/^key Audit\/Key: no statement allows cloudtrail.amazonaws.com kms:GenerateDataKey/)]);
  });

  test('an alias of the same name in another account or region, or one not created, is another key', () => {
    const elsewhere = stack('Elsewhere', { Key: key(false), Alias: alias('Key') }, { account: '222222222222', region: 'us-west-2' });
    const notCreated = stack('NotCreated', { Key: key(false), Alias: alias('Key', { Condition: 'Never' }) }, {
      template: {
        Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
        Resources: { Key: key(false), Alias: alias('Key', { Condition: 'Never' }) } as any,
      },
    });
    expect(clt12([stack('Audit', { Trail: trail({ KMSKeyId: 'alias/logs' }) }), elsewhere])).toEqual([]);
    expect(clt12([stack('Audit', { Trail: trail({ KMSKeyId: 'arn:aws:kms:eu-west-1:999999999999:alias/logs' }) }), elsewhere])).toEqual([]);
    expect(clt12([stack('Audit', { Trail: trail({ KMSKeyId: 'alias/logs' }) }), notCreated])).toEqual([]);
  });
});

describe('env-agnostic stacks: function ARNs that differ in known characters are different functions', () => {
  // Every ARN is arn:aws:lambda:<region>:<account>:function:<stack>-<logical id>-<suffix>: the same
  // unknown region and account, then known characters that tell the functions apart.
  const agnostic = (id: string, resources: Record<string, unknown>) => stack(id, resources, { account: undefined, region: undefined });
  const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

  test('NotEquals a listed function records every other one, not "unknown"', () => {
    const excluding = { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', NotEquals: [arnOf('Skipped')] }] };
    const judgement = judgeTemplates([agnostic('App', { Trail: trail({ AdvancedEventSelectors: [MANAGEMENT, excluding] }), Skipped: fn(), Kept: fn(), Other: fn() })]);
    expect(judgement.functions.map(f => [f.logicalId, f.status])).toEqual([
      ['Skipped', CoverageStatus.OUTSIDE_SCOPE], ['Kept', CoverageStatus.RECORDED], ['Other', CoverageStatus.RECORDED],
    ]);
  });

  test('Equals and StartsWith a listed function (LambdaFunctionSelection.only) record it, and no other', () => {
    const only = {
      FieldSelectors: [...LAMBDA.FieldSelectors, {
        Field: 'resources.ARN', Equals: [arnOf('Listed')], StartsWith: [{ 'Fn::Join': ['', [arnOf('Listed'), ':']] }],
      }],
    };
    const judgement = judgeTemplates([agnostic('App', { Trail: trail({ AdvancedEventSelectors: [MANAGEMENT, only] }), Listed: fn(), ListedTwo: fn(), Other: fn() })]);
    expect(judgement.functions.map(f => [f.logicalId, f.status])).toEqual([
      ['Listed', CoverageStatus.RECORDED], ['ListedTwo', CoverageStatus.OUTSIDE_SCOPE], ['Other', CoverageStatus.OUTSIDE_SCOPE],
    ]);
  });
});
