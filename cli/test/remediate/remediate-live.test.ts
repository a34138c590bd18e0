// `lambda-trail remediate` against moto: audit -> remediate --apply -> audit passes, for the shapes of
// selectors trails have in the field; what is not Lambda is kept exactly; --only then --all; a dry run
// changes nothing; a second --apply writes nothing; refusals write nothing; and every call made is in
// docs/iam/lambda-trail-remediate-policy.json.
import {
  AddTagsCommand, AdvancedEventSelector, CloudTrailClient, DescribeTrailsCommand, EventSelector, GetEventSelectorsCommand, GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { ApiCall, iamActionOf } from '../../src/aws/aws-clients';
import { applyTemplate } from '../apply-template';
import { callLog, fixture, isReadOnly, remediatePolicyActions } from '../helpers';
import { awsJsonError, MotoProxy } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli, ruleIds } from '../run-cli';

const server = useMotoServer();

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`;
const fn = (name: string) => `arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:${name}`;
const LAMBDA_ALL = { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] };

const MANAGEMENT: AdvancedEventSelector = { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const S3_WRITES: AdvancedEventSelector = {
  Name: 'Invoice writes',
  FieldSelectors: [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
    { Field: 'readOnly', Equals: ['false'] },
    { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::invoices/', 'arn:aws:s3:::receipts/'] },
  ],
};
const DYNAMODB: AdvancedEventSelector = {
  Name: 'Orders table',
  FieldSelectors: [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
    { Field: 'resources.ARN', Equals: [`arn:aws:dynamodb:us-east-1:${MOTO_ACCOUNT}:table/orders`] },
    { Field: 'eventName', NotEquals: ['DescribeTable'] },
  ],
};

/** The corpus's compliant trail (KMS, validation, a private TLS-only bucket...) with these selectors, and two functions. */
type Selectors = { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] };

async function trailWith(selectors: Selectors, options: { logging?: boolean; without?: string[] } = {}) {
  const template = fixture('compliant');
  const properties = template.Resources.Trail.Properties;
  delete properties.AdvancedEventSelectors;
  for (const property of options.without ?? []) delete properties[property];
  Object.assign(properties, selectors);
  properties.IsLogging = options.logging ?? true;
  template.Resources.Orders = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } };
  template.Resources.Billing = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'billing' } };
  await applyTemplate(template, { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
}

const cloudtrail = () => new CloudTrailClient({ region: 'us-east-1', endpoint: server().endpoint });

/** Functions of these names in another region of the account. */
async function functionsIn(region: string, names: string[]) {
  const resources = Object.fromEntries(names.map(name => [`Fn${name}`, { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } }]));
  await applyTemplate({ Resources: resources }, { endpoint: server().endpoint, region, account: MOTO_ACCOUNT, suffix: region });
}

/** Everything CloudTrail says of the trail. */
async function trailState() {
  const client = cloudtrail();
  const [described, selectors, status] = await Promise.all([
    client.send(new DescribeTrailsCommand({ trailNameList: [TRAIL_ARN] })),
    client.send(new GetEventSelectorsCommand({ TrailName: TRAIL_ARN })),
    client.send(new GetTrailStatusCommand({ Name: TRAIL_ARN })),
  ]);
  return { trail: described.trailList, basic: selectors.EventSelectors, advanced: selectors.AdvancedEventSelectors, isLogging: status.IsLogging };
}

function remediate(flags: string[], onCall?: (call: ApiCall) => void) {
  return cli(['remediate', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--trail', 'fixture-trail', '--quiet', ...flags], { onCall });
}

const audit = () => cli(['audit', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--format', 'json', '--quiet']);

function writesOf(calls: readonly ApiCall[]): string[] {
  return calls.map(iamActionOf).filter(a => !isReadOnly(a));
}

/** audit (the findings given) -> remediate --apply -> audit passes; a second --apply writes nothing. Returns the selectors read back. */
async function auditRemediateAudit(findingsBefore: string[], writes = ['cloudtrail:PutEventSelectors']) {
  const before = await audit();
  expect([before.code, ruleIds(before.json())]).toEqual([1, findingsBefore]);

  const log = callLog();
  const applied = await remediate(['--apply'], log.onCall);
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
  expect(writesOf(log.calls)).toEqual(writes);
  expect(applied.stdout).toMatch(/Verdict after the change \(read back from CloudTrail\), as lambda-trail audit judges account 111111111111, region us-east-1:\n {2}trail arn:aws:cloudtrail:us-east-1:111111111111:trail\/fixture-trail \[compliant\] records Lambda invocations of: (every function|All events of \[arn:aws:lambda\])\n/);

  const after = await audit();
  expect([after.code, ruleIds(after.json())]).toEqual([0, []]);

  const second = callLog();
  const again = await remediate(['--apply'], second.onCall);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/\nNothing to change: the trail already records what was asked, and is logging.\n/);
  expect(writesOf(second.calls)).toEqual([]);
  return trailState();
}

describe('audit -> remediate --apply -> audit passes', () => {
  test('a trail with no data events (no selectors: CloudTrail\'s default)', async () => {
    await trailWith({});
    const state = await auditRemediateAudit(['CLT1', 'CLT20', 'CLT20']);
    expect(state.basic).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [LAMBDA_ALL] }]);
  });

  test('a read-only Lambda selector (basic, shared with S3 and management events): converted to advanced, with the same meaning for the rest', async () => {
    const readOnly: EventSelector = {
      ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::invoices/'] }, LAMBDA_ALL],
    };
    await trailWith({ EventSelectors: [readOnly] });
    const state = await auditRemediateAudit(['CLT1', 'CLT2', 'CLT20', 'CLT20', 'CLT4']);
    expect(state.advanced?.map(s => s.Name)).toEqual([
      'Management events: read (basic selector 1)',
      'AWS::S3::Object data events: read (basic selector 1)',
      'Lambda data events: all functions',
      'Management events: write',
    ]);
    expect(state.advanced?.[1].FieldSelectors).toEqual([
      { Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      { Field: 'readOnly', Equals: ['true'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::invoices/'] },
    ]);
  });

  test('a read-only Lambda selector (advanced): replaced in its place', async () => {
    const readOnly: AdvancedEventSelector = {
      Name: 'Lambda reads',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }, { Field: 'readOnly', Equals: ['true'] }],
    };
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT, readOnly, S3_WRITES] });
    const state = await auditRemediateAudit(['CLT1', 'CLT2', 'CLT20', 'CLT20']);
    expect(state.advanced?.map(s => s.Name)).toEqual(['Management events', 'Lambda data events: all functions', 'Invoice writes']);
  });

  test('basic selectors with S3 data resources: kept exactly, still basic', async () => {
    const s3Reads: EventSelector = { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::invoices/', 'arn:aws:s3:::reports/2024'] }] };
    const management: EventSelector = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::audit-exports/'] }] };
    await trailWith({ EventSelectors: [s3Reads, management] });
    const before = await trailState();
    const state = await auditRemediateAudit(['CLT1', 'CLT20', 'CLT20']);
    expect(state.advanced ?? []).toEqual([]);
    expect(state.basic).toEqual([before.basic![0], { ...before.basic![1], DataResources: [...before.basic![1].DataResources!, LAMBDA_ALL] }]);
  });

  test('advanced selectors with S3 and DynamoDB selectors: kept byte for byte', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT, S3_WRITES, DYNAMODB] });
    const before = await trailState();
    const state = await auditRemediateAudit(['CLT1', 'CLT20', 'CLT20']);
    expect(state.advanced).toHaveLength(4);
    expect(JSON.stringify(state.advanced!.slice(0, 3))).toBe(JSON.stringify(before.advanced));
    expect(state.advanced![3]).toEqual({
      Name: 'Lambda data events: all functions',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }],
    });
  });

  test('a trail at 4 of 5 basic selectors: a fifth one for Lambda, the four kept exactly', async () => {
    const four: EventSelector[] = [
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::b/'] }] },
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: [`arn:aws:dynamodb:us-east-1:${MOTO_ACCOUNT}:table/orders`] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb'] }] },
    ];
    await trailWith({ EventSelectors: four });
    const before = await trailState();
    const applied = await remediate([]);
    expect(applied.stdout).toContain('Event selectors before (basic; 4 of 5 basic selectors, 4 of 250 data resources):');
    expect(applied.stdout).toContain('Event selectors after (basic; 5 of 5 basic selectors, 5 of 250 data resources):');
    const state = await auditRemediateAudit(['CLT1', 'CLT20', 'CLT20']);
    expect(state.basic).toEqual([...before.basic!, { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [LAMBDA_ALL] }]);
  });

  test('a trail at 5 of 5 basic selectors: converted, because a sixth would be over the limit', async () => {
    const five: EventSelector[] = [
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] },
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::b/'] }] },
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb'] }] },
    ];
    await trailWith({ EventSelectors: five });
    const plan = await remediate([]);
    expect(plan.stdout).toContain('convert the 5 basic selectors to 5 advanced selectors with the same meaning (the change would need 6 basic selectors (CloudTrail allows 5))');
    const state = await auditRemediateAudit(['CLT1', 'CLT20', 'CLT20']);
    expect(state.basic ?? []).toEqual([]);
    expect(state.advanced).toHaveLength(6);
  });

  test('a trail that is not logging: StartLogging after PutEventSelectors, and the plan says so', async () => {
    await trailWith({}, { logging: false });
    const plan = await remediate([]);
    expect(plan.stdout).toMatch(/ {2}2\. cloudtrail:StartLogging: start logging\n {7}- the trail is not logging, so it records nothing \(CLT7\)\n/);
    await auditRemediateAudit(['CLT1', 'CLT20', 'CLT20', 'CLT7'], ['cloudtrail:PutEventSelectors', 'cloudtrail:StartLogging']);
    expect((await trailState()).isLogging).toBe(true);
  });
});

describe('management events the user excluded', () => {
  test('are kept, the plan says the control asks for them, and the predicted verdict is the audit\'s after the change', async () => {
    const withoutKms: EventSelector = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: ['kms.amazonaws.com'] };
    await trailWith({ EventSelectors: [withoutKms] });
    const plan = await remediate(['--format', 'json']);
    expect(plan.json().notes).toEqual([
      'read and write management events are recorded except the sources [kms.amazonaws.com] (basic selector 1): kept as you chose it; '
      + 'the control asks for every management event (CLT4): remove the exclusion, or record them with another logging trail',
    ]);
    expect((await remediate(['--apply'])).code).toBe(0);
    expect((await trailState()).basic).toEqual([{ ...withoutKms, DataResources: [LAMBDA_ALL] }]);
    const after = (await audit()).json();
    const predicted = plan.json().verdict.trail;
    expect(after.trails[0].findings.map((f: any) => f.id)).toEqual(predicted.findings.map((f: any) => f.id));
    expect(after.trails[0].status).toBe(predicted.status);
  });
});

describe('the backout plan: --only, then --all', () => {
  test('--only limits to the listed functions (CLT3 names them), --all restores every function; the other selectors never change', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT, S3_WRITES, DYNAMODB] });
    expect((await remediate(['--apply'])).code).toBe(0);
    const compliant = await trailState();

    const limited = await remediate(['--only', 'orders', '--apply']);
    expect(limited.code).toBe(0);
    expect(limited.stdout).toContain(`functions: only orders (${fn('orders')}), read and write, with their versions and aliases (--only)`);
    const scope = `resources.ARN Equals [${fn('orders')}] or StartsWith [${fn('orders')}:]`;
    expect(limited.stdout).toContain(`[compliant-with-warnings] records Lambda invocations of: ${scope}`);
    const backout = (await audit()).json();
    expect(ruleIds(backout)).toEqual(['CLT21 (warning)', 'CLT3 (warning)']);
    expect(backout.trails[0].findings[0].message).toContain(`Lambda data events are recorded only for: ${scope}`);
    expect(backout.functions.map((f: any) => [f.arn, f.status])).toEqual(expect.arrayContaining([[fn('orders'), 'recorded'], [fn('billing'), 'outside-scope']]));
    const limitedState = await trailState();
    expect(limitedState.advanced).toEqual([...compliant.advanced!.slice(0, 3), {
      Name: 'Lambda data events: only 1 function(s)',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
        { Field: 'resources.ARN', Equals: [fn('orders')], StartsWith: [`${fn('orders')}:`] },
      ],
    }]);

    const log = callLog();
    expect((await remediate(['--only', fn('orders'), '--apply'], log.onCall)).code).toBe(0);
    expect(writesOf(log.calls)).toEqual([]);

    const restored = await remediate(['--all', '--apply']);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("replace 'Lambda data events: only 1 function(s)'");
    const after = await audit();
    expect([after.code, ruleIds(after.json())]).toEqual([0, []]);
    expect(JSON.stringify((await trailState()).advanced)).toBe(JSON.stringify(compliant.advanced));
  });
});

describe('a dry run', () => {
  test('changes nothing: the trail is the same before and after, no write call, and the plan shows what --apply would do', async () => {
    await trailWith({ EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [LAMBDA_ALL] }] }, { logging: false });
    const before = await trailState();
    const log = callLog();
    const plan = await remediate([], log.onCall);
    expect(plan.code).toBe(0);
    expect(writesOf(log.calls)).toEqual([]);
    expect(await trailState()).toEqual(before);
    expect(plan.stdout).toContain('Changes (dry run: nothing is changed without --apply):');
    expect(plan.stdout).toContain('Dry run: nothing was changed. Run the same command with --apply to make these changes.');
    expect(plan.stdout).toMatch(/Verdict after the change \(predicted\), .*\n {2}trail .* \[compliant\]/);
  });

  test('the predicted verdict says what the change leaves open (remediate changes only selectors and logging)', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT] }, { without: ['KMSKeyId', 'EnableLogFileValidation'] });
    const run = await remediate([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nVerdict after the change \(predicted\), .*\n {2}trail arn:\S+ \[non-compliant\] records Lambda invocations of: every function\n/);
    expect(run.stdout).toContain('\n  open after this change: CLT5, CLT6 (remediate changes only the trail\'s selectors and logging; each fix is above)\n');
    expect(run.stdout).toContain(`        fix: aws cloudtrail update-trail --name ${TRAIL_ARN} --enable-log-file-validation\n`);
  });

  test('--format json: the plan as one document', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT, S3_WRITES] });
    const run = await remediate(['--format', 'json']);
    expect(run.code).toBe(0);
    const plan = run.json();
    expect(plan).toEqual(expect.objectContaining({
      command: 'remediate',
      mode: 'dry-run',
      caller: MOTO_ACCOUNT,
      functions: 'all',
      writes: [{ action: 'cloudtrail:PutEventSelectors', does: 'replace the event selectors with the 3 advanced selectors planned' }],
      applied: [],
      notApplied: [],
    }));
    expect(plan.trail).toEqual({
      arn: TRAIL_ARN,
      name: 'fixture-trail',
      account: MOTO_ACCOUNT,
      homeRegion: 'us-east-1',
      partition: 'aws',
      organizationTrail: false,
      multiRegion: true,
      isLogging: true,
    });
    expect(plan.owner).toEqual({ none: true });
    expect(plan.selectors.costBefore).toEqual({ kind: 'advanced', values: 1 + 5 });
    expect(plan.selectors.costAfter).toEqual({ kind: 'advanced', values: 1 + 5 + 2 });
    expect(plan.selectors.limits).toEqual({ basicSelectors: 5, dataResources: 250, advancedValues: 500 });
    expect(plan.verdict.basis).toBe('predicted');
    expect(plan.verdict.trail.status).toBe('compliant');
    expect(plan.verdict.report.tool.frontEnd).toBe('lambda-trail remediate');
  });
});

describe('refusals: a clear error, exit 2, nothing written', () => {
  async function expectRefused(flags: string[], message: RegExp) {
    const before = await trailState();
    const log = callLog();
    const run = await remediate(flags, log.onCall);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(writesOf(log.calls)).toEqual([]);
    expect(await trailState()).toEqual(before);
    return run;
  }

  test('a trail a CloudFormation stack owns: the plan names the stack and the construct; --force changes it', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
    await cloudtrail().send(new AddTagsCommand({
      ResourceId: TRAIL_ARN,
      TagsList: [{ Key: 'aws:cloudformation:stack-name', Value: 'payments-audit' }, { Key: 'aws:cloudformation:logical-id', Value: 'AuditTrail' }],
    }));
    const run = await expectRefused(['--apply'], /^lambda-trail: remediate refused, nothing was changed: the trail belongs to the CloudFormation stack payments-audit \(logical id AuditTrail\): make the change in that stack's code/);
    expect(run.stdout).toContain("owner: CloudFormation stack payments-audit (logical id AuditTrail): the change belongs in that stack's code.");
    expect(run.stdout).toContain('In CDK: CompliantLambdaTrail (every function, read and write)');
    expect(run.stdout).toMatch(/\nRefused, nothing was changed: .*Pass --force to change it here anyway \(the stack then drifts\)\.\n/);
    // Nothing is written, so the verdict is the trail's as it is (no Lambda data events), not a prediction.
    expect(run.stdout).toMatch(/\nVerdict \(the trail as it is\), .*\n {2}trail .* \[non-compliant\]/);
    expect(run.stdout).not.toContain('Verdict after the change');
    const only = await expectRefused(['--only', 'orders'], /remediate refused/);
    expect(only.stdout).toContain('CostLimitedLambdaTrail with LambdaFunctionSelection.only([...])');

    const forced = await remediate(['--apply', '--force']);
    expect(forced.code).toBe(0);
    expect((await trailState()).advanced?.map(s => s.Name)).toEqual(['Management events', 'Lambda data events: all functions']);
  });

  test('a change over a CloudTrail limit: the plan shows the cost', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
    const names = Array.from({ length: 250 }, (_, i) => `f${i}`);
    await functionsIn('eu-west-1', names);
    const arns = names.map(name => `arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:${name}`);
    const run = await expectRefused(['--only', arns.join(','), '--apply'], /remediate refused, nothing was changed: the change would need 503 advanced selector values, over CloudTrail's limit of 500 per trail/);
    expect(run.stdout).toContain('Event selectors after (advanced; 503 of 500 advanced selector values):');
  });

  test('a function ARN of another region that does not exist there: looked up in its region, refused even with --force', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
    const billing = `arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:billing`;
    const message = new RegExp(`^lambda-trail: --only: no function ${billing} \\(lambda:ListFunctions of account ${MOTO_ACCOUNT}, region eu-west-1\\); expected an existing function\n$`);
    const run = await expectRefused(['--only', `orders,${billing}`, '--apply'], message);
    expect(run.stdout).toBe('');
    await expectRefused(['--only', billing, '--apply', '--force'], message);
  });

  test('a function name that does not exist', async () => {
    await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
    const run = await expectRefused(['--only', 'orders,ordres', '--apply'],
      /^lambda-trail: --only: no function named 'ordres' in account 111111111111, region us-east-1 \(the trail's home region\) \(lambda:ListFunctions\); expected the name of an existing function there, or a function ARN\n$/);
    expect(run.stdout).toBe('');
  });

  test('a trail that does not exist: said after looking the trail up, before anything else is read', async () => {
    await trailWith({});
    const log = callLog();
    const run = await cli(['remediate', '--endpoint-url', server().endpoint, '--region', 'us-east-1', '--trail', 'no-such-trail', '--quiet'], { onCall: log.onCall });
    expect(run.stderr).toBe('lambda-trail: --trail no-such-trail: no trail of this name in account 111111111111, region us-east-1 (cloudtrail:DescribeTrails, shadow trails included); expected the name or ARN of a trail (lambda-trail audit lists them)\n');
    expect(run.code).toBe(2);
    expect(log.calls.map(iamActionOf)).toEqual(['sts:GetCallerIdentity', 'cloudtrail:DescribeTrails']);
  });
});

test('a function ARN of another region that exists there is recorded, checked in its own region', async () => {
  await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
  await functionsIn('eu-west-1', ['billing']);
  const billing = `arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:billing`;
  const log = callLog();
  const run = await remediate(['--only', billing, '--apply'], log.onCall);
  expect([run.code, run.stderr]).toEqual([0, '']);
  expect(run.stdout).not.toContain('Note:');
  expect(log.calls.filter(c => c.operation === 'ListFunctions').map(c => c.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  expect((await trailState()).advanced?.[1].FieldSelectors?.find(f => f.Field === 'resources.ARN')?.Equals).toEqual([billing]);
});

test('a function ARN whose region\'s functions cannot be listed: refused, unless --force, which records it with a note', async () => {
  await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
  const billing = `arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:billing`;
  const proxy = await MotoProxy.start(server().endpoint, call => (call.service === 'lambda' && call.region === 'eu-west-1'
    ? awsJsonError(403, 'AccessDeniedException', 'not authorized') : undefined));
  try {
    const run = (...flags: string[]) => cli(['remediate', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--trail', 'fixture-trail', '--quiet', '--only', billing, ...flags]);
    const why = `${billing} could not be checked to exist (lambda:ListFunctions: AccessDeniedException (not authorized))`;
    const refused = await run('--apply');
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, '', `lambda-trail: --only: ${why}; expected a function remediate can list, or --force to record it as given\n`]);
    expect((await trailState()).advanced).toEqual([MANAGEMENT]);
    const forced = await run('--apply', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`\nNote: ${why}; recorded as given (--force)\n`);
    expect((await trailState()).advanced?.[1].FieldSelectors?.find(f => f.Field === 'resources.ARN')?.Equals).toEqual([billing]);
  } finally {
    await proxy.close();
  }
});

test('a trail found by name from another region is changed in its home region', async () => {
  await trailWith({ AdvancedEventSelectors: [MANAGEMENT] });
  const log = callLog();
  const run = await cli(['remediate', '--endpoint-url', server().endpoint, '--region', 'eu-west-1', '--trail', 'fixture-trail', '--apply', '--quiet'], { onCall: log.onCall });
  expect(run.code).toBe(0);
  expect(log.calls.filter(c => !isReadOnly(iamActionOf(c))).map(c => [c.operation, c.region])).toEqual([['PutEventSelectors', 'us-east-1']]);
  // eu-west-1 only showed where the trail lives: its functions and the rest are read in us-east-1 alone (and, as in
  // every other region of the account, the event data stores homed there, one of which may record us-east-1).
  expect(log.calls.filter(c => c.region === 'eu-west-1').map(iamActionOf)).toEqual(['sts:GetCallerIdentity', 'cloudtrail:DescribeTrails', 'cloudtrail:ListEventDataStores']);
  expect((await trailState()).advanced).toHaveLength(2);
});

test('every call remediate makes is allowed by docs/iam/lambda-trail-remediate-policy.json, and the policy allows nothing it does not need', async () => {
  await trailWith({ EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [] }] }, { logging: false });
  const log = callLog();
  expect((await remediate([], log.onCall)).code).toBe(0);
  expect((await remediate(['--only', 'orders', '--apply'], log.onCall)).code).toBe(0);
  expect((await remediate(['--apply'], log.onCall)).code).toBe(0);
  const actions = log.actions();
  const allowed = remediatePolicyActions();
  expect(actions.filter(a => !allowed.has(a))).toEqual([]);
  // moto has no CloudTrail Lake, and this account no organization: the faults tests make those calls with mocks.
  expect([...allowed].filter(a => !actions.includes(a)).sort()).toEqual([
    'cloudtrail:GetEventDataStore', 'organizations:DescribeOrganization', 'organizations:ListDelegatedAdministrators',
  ]);
  expect(actions.filter(a => !isReadOnly(a))).toEqual(['cloudtrail:PutEventSelectors', 'cloudtrail:StartLogging']);
});
