// Conditions judged as CloudFormation evaluates them, on plain templates (the engine as the CLI feeds
// it): Fn::And, Fn::Or and Fn::Not over Fn::Equals; one parameter equals at most one string; a String
// parameter's AllowedValues bound it; only the deployments that can occur are judged, each with what
// records in it. A fast-check oracle deploys small random templates with every parameter value and
// checks the verdicts against what each deployment records.
import * as fc from 'fast-check';
import { judgeTemplates } from '../../src/engine/judge';
import { FunctionJudgement, Judgement } from '../../src/engine/types';
import { StackInput } from '../../src/model/cloudformation';
import { CoverageStatus } from '../../src/model/coverage-status';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const MANAGEMENT = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const LAMBDA = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] };

/**
 * A compliant trail created under `condition` (a condition name), if given, that records every
 * invocation, or (`only`) the invocations of that function only.
 */
const trail = (name: string, condition?: string, only?: string) => ({
  Type: 'AWS::CloudTrail::Trail',
  ...(condition ? { Condition: condition } : {}),
  Properties: {
    TrailName: name,
    IsLogging: true,
    IsMultiRegionTrail: true,
    EnableLogFileValidation: true,
    S3BucketName: 'logs',
    KMSKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1',
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:x',
    AdvancedEventSelectors: [MANAGEMENT, only === undefined ? LAMBDA
      : { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'resources.ARN', Equals: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:${only}`] }] }],
  },
});
const fn = (name: string, condition?: string) => ({ Type: 'AWS::Lambda::Function', ...(condition ? { Condition: condition } : {}), Properties: { FunctionName: name } });

const equals = (parameter: string, value: string) => ({ 'Fn::Equals': [{ Ref: parameter }, value] });
const ref = (condition: string) => ({ Condition: condition });
const ENV = { Env: { Type: 'String', Default: 'prod', AllowedValues: ['prod', 'dev'] } };
const IS_PROD_IS_DEV = { IsProd: equals('Env', 'prod'), IsDev: equals('Env', 'dev') };

function judge(template: Record<string, unknown>, more: Partial<StackInput> = {}): Judgement {
  return judgeTemplates([{ id: 'Stack', stackName: 'Stack', account: ACCOUNT, region: REGION, template: template as any, ...more }]);
}

/** The template of one trail created under `trailCondition` and one function created under `fnCondition`. */
function guarded(trailCondition: unknown, fnCondition?: unknown, parameters: Record<string, unknown> = ENV): Record<string, unknown> {
  return {
    Parameters: parameters,
    Conditions: { ...IS_PROD_IS_DEV, TrailCondition: trailCondition, ...(fnCondition ? { FnCondition: fnCondition } : {}) },
    Resources: { Trail: trail('the-trail', 'TrailCondition'), Orders: fn('orders', fnCondition ? 'FnCondition' : undefined) },
  };
}

const statusOf = (judgement: Judgement, path = 'Stack/Orders') => judgement.functions.find(f => f.path === path)?.status;
const findingIds = (judgement: Judgement) => [
  ...judgement.recorders.flatMap(r => r.findings.map(f => `${r.path} ${f.rule.id}`)),
  ...judgement.functions.flatMap(f => f.findings.map(x => `${f.path} ${x.rule.id}`)),
];

describe('Fn::And, Fn::Or and Fn::Not over equalities of one parameter (Env, AllowedValues prod, dev)', () => {
  test.each([
    ['Fn::Or [IsProd, IsDev]: the trail exists in every deployment', { 'Fn::Or': [ref('IsProd'), ref('IsDev')] }, undefined, CoverageStatus.RECORDED],
    ['Fn::Not [Fn::And [IsProd, IsDev]]: both never hold, so the trail always exists', { 'Fn::Not': [{ 'Fn::And': [ref('IsProd'), ref('IsDev')] }] }, undefined, CoverageStatus.RECORDED],
    ['Fn::And [IsProd, Fn::Not [IsDev]] is IsProd: a trail under it records a function under IsProd', { 'Fn::And': [ref('IsProd'), { 'Fn::Not': [ref('IsDev')] }] }, ref('IsProd'), CoverageStatus.RECORDED],
    ['Fn::Not [IsProd] is IsDev: a trail under it records a function under IsDev', { 'Fn::Not': [ref('IsProd')] }, ref('IsDev'), CoverageStatus.RECORDED],
    ['Fn::Not [Fn::Or [IsProd, IsDev]] never holds: the trail is never created, and the function is recorded by no trail (CLT20)', { 'Fn::Not': [{ 'Fn::Or': [ref('IsProd'), ref('IsDev')] }] }, undefined, CoverageStatus.NOT_RECORDED],
    ['a trail under IsDev, a function under IsProd: never recorded where it exists (CLT20)', ref('IsDev'), ref('IsProd'), CoverageStatus.NOT_RECORDED],
    ['a trail under IsProd, a function everywhere: recorded in prod only (CLT21)', ref('IsProd'), undefined, CoverageStatus.UNKNOWN],
  ])('%s', (_title, trailCondition, fnCondition, status) => {
    const judgement = judge(guarded(trailCondition, fnCondition));
    expect(statusOf(judgement)).toBe(status);
    const expected = status === CoverageStatus.RECORDED ? [] : [`Stack/Orders ${status === CoverageStatus.NOT_RECORDED ? 'CLT20' : 'CLT21'}`];
    expect(findingIds(judgement)).toEqual(expected);
  });

  test('a function created only under Fn::And [IsProd, IsDev], which never holds, is not judged: no CLT20 although no trail records Lambda', () => {
    const judgement = judge({
      Parameters: ENV,
      Conditions: { ...IS_PROD_IS_DEV, Never: { 'Fn::And': [ref('IsProd'), ref('IsDev')] } },
      Resources: { Orders: fn('orders', 'Never'), Reports: fn('reports', 'IsDev') },
    });
    expect(judgement.functions.map(f => [f.path, f.status])).toEqual([['Stack/Reports', CoverageStatus.NOT_RECORDED]]);
  });

  test('the trail is judged in the two deployments that can occur, not in four', () => {
    const judgement = judge(guarded({ 'Fn::Or': [ref('IsProd'), ref('IsDev')] }));
    expect(judgement.recorders[0].assumptions).toEqual([
      'Judged in every scenario of the conditions it depends on: parameter Env of Stack is "dev"; parameter Env of Stack is "prod".',
    ]);
  });
});

describe('a parameter\'s AllowedValues bound what it can be; without them it can be any string', () => {
  const bothOr = { 'Fn::Or': [ref('IsProd'), ref('IsDev')] };
  test.each([
    ['String with AllowedValues prod, dev: prod or dev', ENV, CoverageStatus.RECORDED],
    ['String with a Default and no AllowedValues: any string at deployment', { Env: { Type: 'String', Default: 'prod' } }, CoverageStatus.UNKNOWN],
    ['AllowedValues of an SSM parameter type bound the SSM parameter\'s name, not its value', { Env: { Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: ['prod', 'dev'] } }, CoverageStatus.UNKNOWN],
    ['AllowedValues of a list bound each element, not the list', { Env: { Type: 'CommaDelimitedList', AllowedValues: ['prod', 'dev'] } }, CoverageStatus.UNKNOWN],
  ])('a trail under Fn::Or [IsProd, IsDev], Env %s', (_title, parameters, status) => {
    expect(statusOf(judge(guarded(bothOr, undefined, parameters)))).toBe(status);
  });

  test('an equality with a value outside AllowedValues never holds: the trail under it is never created, in no scenario', () => {
    const judgement = judge(guarded(equals('Env', 'qa')));
    expect(judgement.recorders.map(r => [r.lambdaScope, r.assumptions])).toEqual([['not created in any scenario', []]]);
    expect(statusOf(judgement)).toBe(CoverageStatus.NOT_RECORDED);
  });

  test('an equality of a string built from the parameter (Fn::Sub env-${Env}) is bounded the same way', () => {
    const judgement = judge(guarded({ 'Fn::Or': [{ 'Fn::Equals': [{ 'Fn::Sub': 'env-${Env}' }, 'env-prod'] }, ref('IsDev')] }));
    expect(statusOf(judgement)).toBe(CoverageStatus.RECORDED);
  });

  test('a parameter value given to the checks (StackInput.parameterValues, the CLI\'s --parameter) decides the conditions: one deployment', () => {
    const judgement = judge({
      Parameters: ENV,
      Conditions: IS_PROD_IS_DEV,
      Resources: { ProdTrail: trail('prod-trail', 'IsProd'), DevTrail: trail('dev-trail', 'IsDev'), Orders: fn('orders') },
    }, { parameterValues: { Env: 'dev' } });
    expect(judgement.recorders.map(r => [r.path, r.lambdaScope, r.assumptions])).toEqual([
      ['Stack/ProdTrail', 'not created in any scenario', []],
      ['Stack/DevTrail', 'every function', []],
    ]);
    expect(judgement.functions.map(f => [f.status, f.recordedBy])).toEqual([[CoverageStatus.RECORDED, ['dev-trail']]]);
  });

  test('equalities on two parameters are independent: a trail under IsProd does not record a function under InEurope', () => {
    const judgement = judge({
      Parameters: { ...ENV, Geo: { Type: 'String', AllowedValues: ['eu', 'us'] } },
      Conditions: { ...IS_PROD_IS_DEV, InEurope: equals('Geo', 'eu') },
      Resources: { Trail: trail('the-trail', 'IsProd'), Orders: fn('orders', 'InEurope') },
    });
    expect(statusOf(judgement)).toBe(CoverageStatus.UNKNOWN);
    expect(judgement.functions[0].unknownBecause).toContain('parameter Env of Stack is "dev"');
  });

  test('the same parameter name in two stacks is two parameters', () => {
    const judgement = judgeTemplates([
      { id: 'Audit', stackName: 'Audit', account: ACCOUNT, region: REGION, template: { Parameters: ENV, Conditions: IS_PROD_IS_DEV, Resources: { Trail: trail('the-trail', 'IsProd') } } as any },
      { id: 'App', stackName: 'App', account: ACCOUNT, region: REGION, template: { Parameters: ENV, Conditions: IS_PROD_IS_DEV, Resources: { Orders: fn('orders', 'IsProd') } } as any },
    ]);
    expect(statusOf(judgement, 'App/Orders')).toBe(CoverageStatus.UNKNOWN);
  });
});

describe('the enumeration is bounded', () => {
  test('a trail whose selectors depend on seven independent parameters (128 deployments, more than 64) is not read, and CLT0 says why', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const judgement = judge({
      Parameters: Object.fromEntries(names.map(n => [n, { Type: 'String' }])),
      Conditions: Object.fromEntries(names.map(n => [`Is${n}`, equals(n, 'on')])),
      Resources: {
        Trail: { ...trail('the-trail'), Properties: { ...trail('the-trail').Properties, AdvancedEventSelectors: [MANAGEMENT, ...names.map(n => ({ 'Fn::If': [`Is${n}`, LAMBDA, { Ref: 'AWS::NoValue' }] }))] } },
        Orders: fn('orders'),
      },
    });
    expect(judgement.recorders[0].findings.map(f => [f.rule.id, f.detail])).toEqual([
      ['CLT0', expect.stringMatching(/could not read this trail \(more than 64 combinations of conditions whose values are not known \(parameter A of Stack is "on", .*parameter G of Stack is "on"\)\)/)],
    ]);
    expect(statusOf(judgement)).toBe(CoverageStatus.NOT_RECORDED);
  });

  test('a function that only telling apart more than 64 deployments of the trails could decide is CLT21, and says so', () => {
    // Seven trails, each created when its two parameters are both on: 2^7 deployments to tell apart.
    const pairs = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map(n => [`${n}1`, `${n}2`]);
    const judgement = judge({
      Parameters: Object.fromEntries(pairs.flat().map(p => [p, { Type: 'String', AllowedValues: ['on', 'off'] }])),
      Conditions: Object.fromEntries(pairs.map(([a, b]) => [`Both${a}`, { 'Fn::And': [equals(a, 'on'), equals(b, 'on')] }])),
      Resources: { ...Object.fromEntries(pairs.map(([a]) => [`Trail${a}`, trail(`trail-${a}`, `Both${a}`)])), Orders: fn('orders') },
    });
    expect(statusOf(judgement)).toBe(CoverageStatus.UNKNOWN);
    expect(judgement.functions[0].unknownBecause).toContain('telling apart the deployments its conditions allow would take more than 64 combinations of conditions, the most the checks judge');
  });
});

// The oracle: small templates (two parameters, conditions over their equalities, trails and functions
// under conditions), deployed with every value each parameter can take.
type Expression = { eq: [number, string] } | { and: Expression[] } | { or: Expression[] } | { not: Expression } | { cond: number };

interface Case {
  /** Per parameter: its AllowedValues, or undefined (any string). */
  readonly parameters: readonly (readonly string[] | undefined)[];
  readonly conditions: readonly Expression[];
  /** Per trail: the index of its condition, or undefined (always created), and whether it records only another function. */
  readonly trails: readonly { readonly condition?: number; readonly otherFunctionOnly: boolean }[];
  /** Per function: the index of its condition, or undefined (always created). */
  readonly functions: readonly (number | undefined)[];
}

const VALUES = ['a', 'b', 'c'];
const PARAMETER_NAMES = ['P0', 'P1'];

function arbExpression(conditionsBefore: number): fc.Arbitrary<Expression> {
  const leaf: fc.Arbitrary<Expression> = conditionsBefore > 0
    ? fc.oneof(fc.record({ eq: fc.tuple(fc.nat(1), fc.constantFrom(...VALUES)) }), fc.record({ cond: fc.nat(conditionsBefore - 1) }))
    : fc.record({ eq: fc.tuple(fc.nat(1), fc.constantFrom(...VALUES)) });
  return fc.letrec<{ e: Expression }>(tie => ({
    e: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ and: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ or: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('e') })),
  })).e;
}

const arbCase: fc.Arbitrary<Case> = fc.record({
  parameters: fc.array(fc.option(fc.subarray(VALUES, { minLength: 1 }), { nil: undefined }), { minLength: 2, maxLength: 2 }),
  conditions: fc.tuple(arbExpression(0), arbExpression(1), arbExpression(2)).map(c => [...c]),
  trails: fc.array(fc.record({ condition: fc.option(fc.nat(2), { nil: undefined }), otherFunctionOnly: fc.boolean() }), { maxLength: 3 }),
  functions: fc.array(fc.option(fc.nat(2), { nil: undefined }), { minLength: 1, maxLength: 2 }),
});

function toTemplate(expression: Expression): unknown {
  if ('eq' in expression) return equals(PARAMETER_NAMES[expression.eq[0]], expression.eq[1]);
  if ('and' in expression) return { 'Fn::And': expression.and.map(toTemplate) };
  if ('or' in expression) return { 'Fn::Or': expression.or.map(toTemplate) };
  if ('not' in expression) return { 'Fn::Not': [toTemplate(expression.not)] };
  return ref(`C${expression.cond}`);
}

function templateOf(c: Case): Record<string, unknown> {
  return {
    Parameters: Object.fromEntries(c.parameters.map((allowed, i) => [PARAMETER_NAMES[i], { Type: 'String', ...(allowed ? { AllowedValues: allowed } : {}) }])),
    Conditions: Object.fromEntries(c.conditions.map((e, i) => [`C${i}`, toTemplate(e)])),
    Resources: {
      ...Object.fromEntries(c.trails.map((t, i) => [`Trail${i}`, trail(`trail-${i}`, t.condition === undefined ? undefined : `C${t.condition}`, t.otherFunctionOnly ? 'another' : undefined)])),
      ...Object.fromEntries(c.functions.map((condition, i) => [`Fn${i}`, fn(`fn-${i}`, condition === undefined ? undefined : `C${condition}`)])),
    },
  };
}

/** Every deployment: each parameter takes each of its AllowedValues, or (unbounded) each value or another string. */
function deployments(c: Case): string[][] {
  const choices = c.parameters.map(allowed => [...(allowed ?? [...VALUES, 'another string'])]);
  return choices.reduce<string[][]>((all, values) => all.flatMap(d => values.map(v => [...d, v])), [[]]);
}

function holds(c: Case, expression: Expression, values: readonly string[]): boolean {
  if ('eq' in expression) return values[expression.eq[0]] === expression.eq[1];
  if ('and' in expression) return expression.and.every(e => holds(c, e, values));
  if ('or' in expression) return expression.or.some(e => holds(c, e, values));
  if ('not' in expression) return !holds(c, expression.not, values);
  return holds(c, c.conditions[expression.cond], values);
}

describe('oracle: the verdicts are those of the deployments that can occur', () => {
  const runs = { numRuns: Number(process.env.FC_RUNS ?? 300), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

  test('a function recorded in every deployment where it exists has no finding, one recorded in none is CLT20 when no trail records Lambda there, any other CLT21; one that never exists is not judged', () => {
    fc.assert(fc.property(arbCase, c => {
      const judgement = judge(templateOf(c));
      const exists = (condition: number | undefined, values: readonly string[]) =>
        condition === undefined || holds(c, c.conditions[condition], values);
      // A trail that records every function has no finding; one that records another function only,
      // CLT3 (a limited scope, a warning), or CLT0 naming CLT3 when it holds in some scenarios only.
      c.trails.forEach((t, i) => {
        const findings = judgement.recorders.find(r => r.path === `Stack/Trail${i}`)!.findings.map(f => f.about ?? f.rule.id);
        expect(findings.filter(id => !t.otherFunctionOnly || id !== 'CLT3')).toEqual([]);
      });
      c.functions.forEach((condition, i) => {
        const where = deployments(c).filter(values => exists(condition, values));
        const judged: FunctionJudgement | undefined = judgement.functions.find(f => f.path === `Stack/Fn${i}`);
        if (where.length === 0) {
          expect(judged).toBeUndefined();
          return;
        }
        const statuses = new Set(where.map(values => {
          const existing = c.trails.filter(t => exists(t.condition, values));
          if (existing.some(t => !t.otherFunctionOnly)) return CoverageStatus.RECORDED;
          return existing.length > 0 ? CoverageStatus.OUTSIDE_SCOPE : CoverageStatus.NOT_RECORDED;
        }));
        const expected = statuses.size === 1 ? [...statuses][0] : CoverageStatus.UNKNOWN;
        const finding = { [CoverageStatus.RECORDED]: [], [CoverageStatus.NOT_RECORDED]: ['CLT20'], [CoverageStatus.OUTSIDE_SCOPE]: ['CLT21'], [CoverageStatus.UNKNOWN]: ['CLT21'] }[expected];
        expect(judged?.findings.map(f => f.rule.id)).toEqual(finding);
        // Where some deployments are outside the scope of the trails there and others recorded by none,
        // the checks may say outside-scope for the whole: the finding (CLT21) is the same.
        const mixedUnrecorded = statuses.size === 2 && statuses.has(CoverageStatus.OUTSIDE_SCOPE) && statuses.has(CoverageStatus.NOT_RECORDED);
        expect(judged?.status).toBe(mixedUnrecorded && judged?.status === CoverageStatus.OUTSIDE_SCOPE ? CoverageStatus.OUTSIDE_SCOPE : expected);
      });
    }), runs);
  });
});
