// The selector planning of `remediate`, as pure functions: many shapes of basic and advanced selectors,
// what is kept exactly, what changes, when basic selectors become advanced ones, and the limits.
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { basicSelectorsAsAdvanced } from 'cdk-compliant-lambda-trail/engine';
import type { FunctionScope, PlanInput } from '../../src/remediate/plan-input';
import { planSelectors, SelectorPlan } from '../../src/remediate/selector-plan';

const ACCOUNT = '111111111111';
const fn = (name: string, region = 'us-east-1') => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const ALL: FunctionScope = { mode: 'all' };
const only = (...arns: string[]): FunctionScope => ({ mode: 'only', arns });

const MANAGEMENT: AdvancedEventSelector = { Name: 'Management events: read and write', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const LAMBDA_ALL: AdvancedEventSelector = {
  Name: 'Lambda data events: all functions',
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }],
};
const S3_SELECTOR: AdvancedEventSelector = {
  Name: 'Invoices bucket writes',
  FieldSelectors: [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
    { Field: 'readOnly', Equals: ['false'] },
    { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::invoices/'] },
  ],
};
const DYNAMODB_SELECTOR: AdvancedEventSelector = {
  Name: 'Orders table',
  FieldSelectors: [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
    { Field: 'eventName', NotEquals: ['DescribeTable'] },
  ],
};

type Current = { eventSelectors?: EventSelector[]; advancedEventSelectors?: AdvancedEventSelector[] };

function plan(current: Current, scope: FunctionScope = ALL, managementNeeded = true): SelectorPlan {
  const input: PlanInput = { current, scope, partition: 'aws', managementNeeded };
  return planSelectors(input);
}

function lambdaOnlySelector(...arns: string[]): AdvancedEventSelector {
  const prefixes = arns.filter(a => a.split(':').length === 7).map(a => `${a}:`);
  return {
    Name: `Lambda data events: only ${arns.length} function(s)`,
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
      { Field: 'resources.ARN', Equals: arns, ...(prefixes.length ? { StartsWith: prefixes } : {}) },
    ],
  };
}

describe('basic selectors that can stay basic', () => {
  test('no selectors at all (CloudTrail\'s default): the default selector gets every function', () => {
    const p = plan({});
    expect(p.before).toEqual({ kind: 'basic', selectors: [] });
    expect(p.after).toEqual({ kind: 'basic', selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }] });
    expect(p.changes).toEqual([expect.stringMatching(/^CloudTrail's default selector .*: add the data resource AWS::Lambda::Function \[arn:aws:lambda\]/)]);
    expect(p.costAfter).toEqual({ kind: 'basic', selectors: 1, dataResources: 1 });
    expect(p.refusal).toBeUndefined();
  });

  test('the default selector as GetEventSelectors returns it: Lambda is added to it, nothing else changes', () => {
    const p = plan({ eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] });
    expect(p.after.selectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }], ExcludeManagementEventSources: [] }]);
    expect(p.convertedBecause).toBeUndefined();
  });

  test('S3 data resources on the same selector are kept exactly, Lambda is added beside them', () => {
    const s3 = { Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::invoices/', 'arn:aws:s3:::reports/2024'] };
    const p = plan({ eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [s3] }] });
    expect(p.after.kind).toBe('basic');
    expect((p.after.selectors[0] as EventSelector).DataResources).toEqual([s3, { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }]);
    expect((p.after.selectors[0] as EventSelector).DataResources![0]).toBe(s3);
    expect(p.costBefore).toEqual({ kind: 'basic', selectors: 1, dataResources: 2 });
    expect(p.costAfter).toEqual({ kind: 'basic', selectors: 1, dataResources: 3 });
  });

  test('a ReadOnly S3 selector is kept as it was; Lambda goes on the selector whose ReadWriteType is All', () => {
    const readOnlyS3: EventSelector = { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] };
    const management: EventSelector = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] };
    const p = plan({ eventSelectors: [readOnlyS3, management] });
    expect(p.after.selectors[0]).toBe(readOnlyS3);
    expect(p.after.selectors[1]).toEqual({ ...management, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] });
    expect(p.kept).toEqual(['basic selector 1']);
    expect(p.changes).toEqual(['basic selector 2: add the data resource AWS::Lambda::Function [arn:aws:lambda] (every function, read and write)']);
  });

  test('4 of 5 basic selectors, none of them All: a fifth selector for Lambda, still basic', () => {
    const selectors: EventSelector[] = [
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::b/'] }] },
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb'] }] },
    ];
    const p = plan({ eventSelectors: selectors });
    expect(p.after.kind).toBe('basic');
    expect(p.after.selectors.slice(0, 4)).toEqual(selectors);
    selectors.forEach((s, i) => expect(p.after.selectors[i]).toBe(s));
    expect(p.after.selectors[4]).toEqual({ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] });
    expect(p.costAfter).toEqual({ kind: 'basic', selectors: 5, dataResources: 5 });
  });

  test('function ARNs on an All selector (a basic cost limit): they become every function', () => {
    const p = plan({ eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: [fn('a'), fn('b')] }] }] });
    expect(p.after.selectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }]);
    expect(p.changes).toEqual([`basic selector 1: its AWS::Lambda::Function data resource [${fn('a')}, ${fn('b')}] becomes [arn:aws:lambda] (every function, read and write)`]);
  });

  test('Lambda on two All selectors: the first records every function, the second, left with nothing, goes', () => {
    const p = plan({
      eventSelectors: [
        { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::x/'] }, { Type: 'AWS::Lambda::Function', Values: [fn('a')] }] },
        { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::Lambda::Function', Values: [fn('b')] }] },
        { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::Lambda::Function', Values: [fn('c')] }, { Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::y/'] }] },
      ],
    });
    expect(p.after.selectors).toEqual([
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::x/'] }, { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] },
      { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::y/'] }] },
    ]);
    expect(p.changes[1]).toMatch(/^remove basic selector 2: it recorded only Lambda data events of/);
    expect(p.changes[2]).toMatch(/^basic selector 3: remove its AWS::Lambda::Function data resource/);
  });

  test('already compliant (every function, read and write): no change, the selectors as read', () => {
    const selectors: EventSelector[] = [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }];
    const p = plan({ eventSelectors: selectors });
    expect(p.changed).toBe(false);
    expect(p.changes).toEqual([]);
    expect(p.after).toBe(p.before);
  });

  test('a Lambda data resource of another partition (arn:aws-cn:lambda) records no function of an aws trail, as the engine reads it: it becomes arn:aws:lambda', () => {
    const p = plan({ eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws-cn:lambda'] }] }] });
    expect(p.after.selectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }]);
  });

  test('every function recorded by a ReadOnly and a WriteOnly selector together: no change', () => {
    const p = plan({
      eventSelectors: [
        { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] },
        { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] },
      ],
    });
    expect(p.changed).toBe(false);
  });
});

describe('management events in basic selectors', () => {
  test('an excluded source is kept as chosen, and the plan says the control asks for it (CLT4)', () => {
    const selector: EventSelector = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: ['kms.amazonaws.com'] };
    const p = plan({ eventSelectors: [selector] });
    expect((p.after.selectors[0] as EventSelector).ExcludeManagementEventSources).toEqual(['kms.amazonaws.com']);
    expect(p.after.selectors).toHaveLength(1);
    expect(p.notes).toEqual([
      'read and write management events are recorded except the sources [kms.amazonaws.com] (basic selector 1): kept as you chose it; the control asks for every management event (CLT4): remove the exclusion, or record them with another logging trail',
    ]);
  });

  test('read management events only, with an exclusion: write ones are added with the same exclusion', () => {
    const p = plan({ eventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: ['kms.amazonaws.com'] }] });
    expect(p.after.kind).toBe('basic');
    expect(p.after.selectors.slice(1)).toEqual([
      { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: ['kms.amazonaws.com'] },
    ]);
    expect(p.changes[1]).toBe('add a basic selector for write management events: the trail records none; with the exclusions of basic selector 1, which you chose');
  });

  test('no management events, none recorded elsewhere: one new selector records them and every function', () => {
    const s3: EventSelector = { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }] };
    const p = plan({ eventSelectors: [s3] });
    expect(p.after.selectors).toEqual([s3, { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }]);
    expect(p.changes).toEqual(['add a basic selector for management events and AWS::Lambda::Function [arn:aws:lambda] (every function), read and write']);
  });

  test('no management events, but another logging trail records them: none added, and the plan says why', () => {
    const p = plan({ eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }] }] }, ALL, false);
    expect(p.after.selectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }, { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }]);
    expect(p.notes).toEqual([expect.stringMatching(/^the trail records no read and write management events; the other logging trails .* record them, alone or together with its own selectors \(the audit raises no CLT4\), so none are added here/)]);
  });
});

describe('basic selectors converted to advanced ones, only when the change needs it', () => {
  test('a Lambda resource on a ReadOnly selector shared with S3 and management events', () => {
    const p = plan({
      eventSelectors: [{
        ReadWriteType: 'ReadOnly',
        IncludeManagementEvents: true,
        DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::invoices/'] }, { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }],
      }],
    });
    expect(p.convertedBecause).toBe('basic selector 1 records Lambda data events ReadOnly only, and its ReadWriteType also governs its other data resources and management events');
    expect(p.after).toEqual({
      kind: 'advanced',
      selectors: [
        { Name: 'Management events: read (basic selector 1)', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] },
        {
          Name: 'AWS::S3::Object data events: read (basic selector 1)',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'readOnly', Equals: ['true'] },
            { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::invoices/'] },
          ],
        },
        LAMBDA_ALL,
        { Name: 'Management events: write', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
      ],
    });
    expect(p.changes[0]).toMatch(/^convert the 1 basic selector to 3 advanced selectors with the same meaning/);
    expect(p.changes[1]).toMatch(/^replace 'AWS::Lambda::Function data events: read \(basic selector 1\)' .* with 'Lambda data events: all functions'/);
    expect(p.costAfter).toEqual({ kind: 'advanced', values: 2 + 4 + 2 + 2 });
  });

  test('5 basic selectors already and none records all events: converted, each selector\'s meaning kept', () => {
    const selectors: EventSelector[] = [
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/logs'] }] },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`] }] },
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb'] }] },
    ];
    const p = plan({ eventSelectors: selectors });
    expect(p.convertedBecause).toBe('the change would need 6 basic selectors (CloudTrail allows 5)');
    const after = p.after.selectors as AdvancedEventSelector[];
    expect(after.map(s => s.Name)).toEqual([
      'Management events: read (basic selector 1)',
      'Management events: write (basic selector 2)',
      'AWS::S3::Object data events: write (basic selector 2)',
      'AWS::S3::Object data events: read (basic selector 3)',
      'AWS::DynamoDB::Table data events: write (basic selector 4)',
      'AWS::DynamoDB::Table data events: read (basic selector 5)',
      'Lambda data events: all functions',
    ]);
    expect(after[0].FieldSelectors).toEqual([
      { Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] },
      { Field: 'eventSource', NotEquals: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
    ]);
    // `arn:aws:s3` is the prefix of every object ARN of the partition (the engine's reading).
    expect(after[2].FieldSelectors).toEqual([
      { Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'readOnly', Equals: ['false'] },
      { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:'] },
    ]);
    expect(after[3].FieldSelectors).toContainEqual({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::a/logs'] });
    expect(after[4].FieldSelectors).toContainEqual({ Field: 'resources.ARN', Equals: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`] });
    expect(after[5].FieldSelectors).toContainEqual({ Field: 'resources.ARN', StartsWith: ['arn:aws:dynamodb:'] });
    expect(p.notes).toEqual([expect.stringMatching(/^read management events are recorded except eventSource NotEquals \[kms.amazonaws.com, rdsdata.amazonaws.com\] \('Management events: read \(basic selector 1\)'\)/)]);
  });

  test('over 250 data resources: converted (the advanced values fit)', () => {
    const values = Array.from({ length: 250 }, (_, i) => `arn:aws:s3:::bucket-${i}/`);
    const p = plan({ eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: values }] }] });
    expect(p.convertedBecause).toBe('the change would need 251 data resources (CloudTrail allows 250)');
    expect(p.costAfter).toEqual({ kind: 'advanced', values: 1 + 252 + 2 });
    expect(p.refusal).toBeUndefined();
  });

  test('--only: basic selectors cannot list functions with their versions and aliases', () => {
    const s3: EventSelector = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::a/'] }, { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] };
    const p = plan({ eventSelectors: [s3] }, only(fn('a')));
    expect(p.convertedBecause).toMatch(/^--only records each function with its versions and aliases/);
    expect(p.after.selectors).toEqual([
      { Name: 'Management events: read and write (basic selector 1)', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { Name: 'AWS::S3::Object data events: read and write (basic selector 1)', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::a/'] }] },
      lambdaOnlySelector(fn('a')),
    ]);
  });

  test('a data resource type basic selectors do not define cannot be converted: refused, with the reason', () => {
    const p = plan({ eventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }, { Type: 'AWS::Made::Up', Values: ['x'] }] }] });
    expect(p.refusal).toMatch(/^basic selector 1 records Lambda data events ReadOnly only.*, so the basic selectors must become advanced ones, but basic selector 1 has a data resource of type 'AWS::Made::Up'/);
  });
});

describe('advanced selectors', () => {
  test('no Lambda selector: every other selector is sent back as read (the same objects), the construct\'s Lambda selector is added', () => {
    const p = plan({ advancedEventSelectors: [MANAGEMENT, S3_SELECTOR, DYNAMODB_SELECTOR] });
    expect(p.after.selectors).toEqual([MANAGEMENT, S3_SELECTOR, DYNAMODB_SELECTOR, LAMBDA_ALL]);
    [MANAGEMENT, S3_SELECTOR, DYNAMODB_SELECTOR].forEach((s, i) => expect(p.after.selectors[i]).toBe(s));
    expect(p.kept).toEqual(["'Management events: read and write'", "'Invoices bucket writes'", "'Orders table'"]);
    expect(p.changes).toEqual(["add 'Lambda data events: all functions' (eventCategory Equals [Data] and resources.type Equals [AWS::Lambda::Function])"]);
    expect(p.costBefore).toEqual({ kind: 'advanced', values: 1 + 4 + 3 });
    expect(p.costAfter).toEqual({ kind: 'advanced', values: 1 + 4 + 3 + 2 });
  });

  test('a read-only Lambda selector is replaced in its place', () => {
    const readOnly: AdvancedEventSelector = { Name: 'lambda reads', FieldSelectors: [...LAMBDA_ALL.FieldSelectors!, { Field: 'readOnly', Equals: ['true'] }] };
    const p = plan({ advancedEventSelectors: [MANAGEMENT, readOnly, S3_SELECTOR] });
    expect(p.after.selectors).toEqual([MANAGEMENT, LAMBDA_ALL, S3_SELECTOR]);
    expect(p.changes).toEqual(["replace 'lambda reads' (eventCategory Equals [Data] and resources.type Equals [AWS::Lambda::Function] and readOnly Equals [true]) with 'Lambda data events: all functions' (eventCategory Equals [Data] and resources.type Equals [AWS::Lambda::Function])"]);
  });

  test('an eventName condition that leaves out Invoke, and a second limited Lambda selector: both replaced by one', () => {
    const noInvoke: AdvancedEventSelector = { FieldSelectors: [...LAMBDA_ALL.FieldSelectors!, { Field: 'eventName', NotEquals: ['Invoke'] }] };
    const p = plan({ advancedEventSelectors: [noInvoke, MANAGEMENT, lambdaOnlySelector(fn('a'))] });
    expect(p.after.selectors).toEqual([LAMBDA_ALL, MANAGEMENT]);
    expect(p.changes[0]).toMatch(/^replace advanced selector 1 \(.*eventName NotEquals \[Invoke\]\), 'Lambda data events: only 1 function\(s\)' \(/);
  });

  test('compliant (the construct\'s selectors): no change', () => {
    const p = plan({ advancedEventSelectors: [MANAGEMENT, LAMBDA_ALL] });
    expect(p.changed).toBe(false);
    expect(p.after).toBe(p.before);
    expect(p.notes).toEqual([]);
  });

  test('every Lambda data event recorded in another form (reads and writes apart, an ARN prefix of every function): no change, as the engine reads it', () => {
    const reads: AdvancedEventSelector = { Name: 'reads', FieldSelectors: [...LAMBDA_ALL.FieldSelectors!, { Field: 'readOnly', Equals: ['true'] }] };
    const writes: AdvancedEventSelector = { Name: 'writes', FieldSelectors: [...LAMBDA_ALL.FieldSelectors!, { Field: 'readOnly', Equals: ['false'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:lambda:'] }] };
    const p = plan({ advancedEventSelectors: [MANAGEMENT, reads, writes] });
    expect(p.changed).toBe(false);
  });

  test('a selector shared by Lambda and S3 keeps recording S3 as it did', () => {
    const shared: AdvancedEventSelector = { Name: 'reads', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object', 'AWS::Lambda::Function'] }, { Field: 'readOnly', Equals: ['true'] }] };
    const p = plan({ advancedEventSelectors: [MANAGEMENT, shared] });
    expect(p.after.selectors).toEqual([
      MANAGEMENT,
      { Name: 'reads', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'readOnly', Equals: ['true'] }] },
      LAMBDA_ALL,
    ]);
  });

  test('no management selector, none recorded elsewhere: the construct\'s management selector is added', () => {
    const p = plan({ advancedEventSelectors: [S3_SELECTOR] });
    expect(p.after.selectors).toEqual([S3_SELECTOR, LAMBDA_ALL, MANAGEMENT]);
  });

  test('management events without KMS (eventSource NotEquals): kept, named in the notes; read-only management gets its writes with the same exclusion', () => {
    const readsWithoutKms: AdvancedEventSelector = {
      Name: 'reads but kms',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }],
    };
    const p = plan({ advancedEventSelectors: [readsWithoutKms, LAMBDA_ALL] });
    expect(p.after.selectors).toEqual([readsWithoutKms, LAMBDA_ALL, {
      Name: 'Management events: write',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }],
    }]);
    expect(p.notes).toEqual(["read management events are recorded except eventSource NotEquals [kms.amazonaws.com] ('reads but kms'): kept as you chose it; the control asks for every management event (CLT4): remove the exclusion, or record them with another logging trail"]);
  });

  test('a management selector that includes only some sources does not count as recording them', () => {
    const onlyIam: AdvancedEventSelector = { Name: 'iam', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', Equals: ['iam.amazonaws.com'] }] };
    const p = plan({ advancedEventSelectors: [onlyIam, LAMBDA_ALL] });
    expect(p.after.selectors).toEqual([onlyIam, LAMBDA_ALL, MANAGEMENT]);
    expect(p.changes).toEqual(["add 'Management events: read and write' (eventCategory Equals [Management]): the trail records only the read and write management events of eventSource Equals [iam.amazonaws.com] ('iam')"]);
    // Recorded by another trail: nothing added, and the note says what this one records (the engine reads some).
    expect(plan({ advancedEventSelectors: [onlyIam, LAMBDA_ALL] }, ALL, false).notes).toEqual([
      "the trail records only the read and write management events of eventSource Equals [iam.amazonaws.com] ('iam'); the other logging trails of its account and regions record them, alone or together with its own selectors (the audit raises no CLT4), so none are added here: CloudTrail bills every further copy of management events",
    ]);
  });
});

describe('--only (the backout plan) and back', () => {
  test('the selector of LambdaFunctionSelection.only: Equals the ARN and StartsWith "<arn>:"; a qualified ARN only itself', () => {
    const p = plan({ advancedEventSelectors: [MANAGEMENT, LAMBDA_ALL, S3_SELECTOR] }, only(fn('orders'), `${fn('billing')}:prod`));
    expect(p.after.selectors).toEqual([MANAGEMENT, {
      Name: 'Lambda data events: only 2 function(s)',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
        { Field: 'resources.ARN', Equals: [fn('orders'), `${fn('billing')}:prod`], StartsWith: [`${fn('orders')}:`] },
      ],
    }, S3_SELECTOR]);
  });

  test('the same functions in another order, under another name: no change', () => {
    const current = { ...lambdaOnlySelector(fn('b'), fn('a')), Name: 'limited by hand' };
    expect(plan({ advancedEventSelectors: [MANAGEMENT, current] }, only(fn('a'), fn('b'))).changed).toBe(false);
  });

  test('other functions: replaced; then --all restores every function and nothing else moves', () => {
    const limited = plan({ advancedEventSelectors: [MANAGEMENT, lambdaOnlySelector(fn('a')), S3_SELECTOR] }, only(fn('b')));
    expect(limited.after.selectors).toEqual([MANAGEMENT, lambdaOnlySelector(fn('b')), S3_SELECTOR]);
    const restored = plan({ advancedEventSelectors: limited.after.selectors as AdvancedEventSelector[] });
    expect(restored.after.selectors).toEqual([MANAGEMENT, LAMBDA_ALL, S3_SELECTOR]);
  });

  test('over 500 advanced values: refused, with the count', () => {
    const arns = Array.from({ length: 250 }, (_, i) => fn(`f${i}`));
    const p = plan({ advancedEventSelectors: [MANAGEMENT, LAMBDA_ALL] }, only(...arns));
    expect(p.refusal).toBe("the change would need 503 advanced selector values, over CloudTrail's limit of 500 per trail");
    expect(plan({ advancedEventSelectors: [MANAGEMENT, LAMBDA_ALL] }, only(...arns.slice(0, 248))).refusal).toBeUndefined();
  });
});

describe('basicSelectorsAsAdvanced (the engine\'s reading of basic selectors, which remediate converts with)', () => {
  test('every-resource values (prefixes of their partition), exact and prefix values, and selectors without management events', () => {
    const result = basicSelectorsAsAdvanced([
      { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::'] }, { Type: 'AWS::Lambda::Function', Values: [fn('a'), fn('b')] }] },
      { DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: ['arn:aws-cn:dynamodb'] }, { Type: 'AWS::Lambda::Function', Values: [] }] },
    ]);
    expect(result).toEqual({
      selectors: [
        {
          Name: 'AWS::S3::Object data events: read and write (basic selector 1)',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::'] }],
        },
        {
          Name: 'AWS::Lambda::Function data events: read and write (basic selector 1)',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }, { Field: 'resources.ARN', Equals: [fn('a'), fn('b')] }],
        },
        { Name: 'Management events: read and write (basic selector 2)', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        // A value in another partition (aws-cn) is no table of this one: the prefix says so.
        {
          Name: 'AWS::DynamoDB::Table data events: read and write (basic selector 2)',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws-cn:dynamodb:'] }],
        },
      ],
    });
  });

  test('an unknown ReadWriteType is refused', () => {
    expect(basicSelectorsAsAdvanced([{ ReadWriteType: 'Sometimes' }])).toEqual({ refusal: "basic selector 1 has ReadWriteType 'Sometimes'; expected All, ReadOnly or WriteOnly" });
  });
});
