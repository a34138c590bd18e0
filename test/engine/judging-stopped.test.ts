// An exception the engine does not expect is a defect: it stops the judgement with an error that names
// the trail or function and the cause, instead of turning into a CLT0 "unreadable" warning. What the
// checks know they cannot read (too many combinations of conditions) stays an unknown.
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CompliantLambdaTrail, LambdaTrailChecks } from '../../src';
import { judgeTemplates } from '../../src/engine/judge';
import { JudgingStopped } from '../../src/engine/judging-stopped';
import { StackInput } from '../../src/model/cloudformation';
import * as trailModel from '../../src/model/trail-model';
import { FUNCTION_RULES, TRAIL_RULES } from '../../src/rules/rule-list';

const MANAGEMENT = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const LAMBDA = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] };

const input: StackInput = {
  id: 'Audit',
  stackName: 'Audit',
  account: '111111111111',
  region: 'us-east-1',
  template: {
    Resources: {
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: { TrailName: 'org-trail', IsLogging: true, IsMultiRegionTrail: true, S3BucketName: 'logs', AdvancedEventSelectors: [MANAGEMENT, LAMBDA] },
      },
      Orders: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders' } },
    },
  },
};

afterEach(() => jest.restoreAllMocks());

function stopped(run: () => unknown): JudgingStopped {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(JudgingStopped);
    return e as JudgingStopped;
  }
  throw new Error('expected the judgement to stop');
}

test('a trail rule that throws stops the judgement, naming the trail and the cause', () => {
  jest.spyOn(TRAIL_RULES[0], 'check').mockImplementation(() => {
    throw new TypeError("Cannot read properties of undefined (reading 'map')");
  });
  const error = stopped(() => judgeTemplates([input]));
  expect(error.subject).toBe('trail org-trail (Audit/Trail)');
  expect(error.message).toBe("the checks stopped while judging trail org-trail (Audit/Trail): TypeError: Cannot read properties of undefined (reading 'map'). "
    + 'This is a defect of the checks, not a finding: please report it with the template or app that shows it.');
  expect(error.reason).toBeInstanceOf(TypeError);
  expect(error.stack).toContain('Caused by: TypeError');
});

test('a function rule that throws stops the judgement, naming the function', () => {
  jest.spyOn(FUNCTION_RULES[0], 'check').mockImplementation(() => {
    throw new RangeError('out of range');
  });
  expect(stopped(() => judgeTemplates([input])).message).toMatch(/^the checks stopped while judging function Audit\/Orders: RangeError: out of range\. /);
});

test('reading a trail that throws stops the judgement before any rule runs, naming the trail by its path', () => {
  jest.spyOn(trailModel, 'trailModelFromProperties').mockImplementation(() => {
    throw new Error('unexpected shape');
  });
  const error = stopped(() => judgeTemplates([input]));
  expect(error.subject).toBe('trail Audit/Trail');
  expect(error.message).toContain('Error: unexpected shape');
});

test('under cdk synth the app fails with that error, naming the trail', () => {
  jest.spyOn(TRAIL_RULES[0], 'check').mockImplementation(() => {
    throw new TypeError('boom');
  });
  const app = new App();
  const stack = new Stack(app, 'Audit', { env: { account: '111111111111', region: 'us-east-1' } });
  new CompliantLambdaTrail(stack, 'Trail');
  new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
  Aspects.of(app).add(new LambdaTrailChecks());
  expect(() => app.synth()).toThrow(/the checks stopped while judging trail Audit-Trail-\w+ \(Audit\/Trail\): TypeError: boom\. This is a defect of the checks/);
});

test('what the checks know they cannot read stays an unknown: too many combinations of conditions is CLT0, not an error', () => {
  const parameters: Record<string, unknown> = {};
  const conditions: Record<string, unknown> = {};
  const equalsAll: unknown[] = [];
  for (const name of 'ABCDEFG') {
    parameters[name] = { Type: 'String' };
    conditions[`Is${name}`] = { 'Fn::Equals': [{ Ref: name }, 'on'] };
    equalsAll.push({ 'Fn::If': [`Is${name}`, 'true', 'false'] });
  }
  const many: StackInput = {
    ...input,
    template: {
      Parameters: parameters as any,
      Conditions: conditions as any,
      Resources: {
        Trail: {
          Type: 'AWS::CloudTrail::Trail',
          Properties: {
            TrailName: 'org-trail',
            IsLogging: true,
            IsMultiRegionTrail: true,
            S3BucketName: 'logs',
            IncludeGlobalServiceEvents: equalsAll[0],
            AdvancedEventSelectors: [MANAGEMENT, { FieldSelectors: [...LAMBDA.FieldSelectors, { Field: 'readOnly', Equals: equalsAll }] }],
          },
        },
      },
    },
  };
  const judgement = judgeTemplates([many]);
  expect(judgement.recorders[0].findings.map(f => [f.rule.id, f.detail])).toEqual([
    ['CLT0', expect.stringMatching(/could not read this trail \(more than 64 combinations of conditions/)],
  ]);
});
