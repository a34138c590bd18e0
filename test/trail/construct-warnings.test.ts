// The constructs' own warnings (CLT40-CLT45): one per problem, a message that starts with the id like
// the rules' messages, and an id that acknowledges it.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { functionArn, newFunction, newStack, synth } from './util';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailBase } from '../../src';
import { RULES } from '../../src/rules/rule-list';
import { CONSTRUCT_WARNINGS } from '../../src/trail/construct-warnings';

const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The construct warnings on a stack, as `<path> <id>`, from the `[CLT4x]` that starts each message. */
function warningIds(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map(entry => `${entry.id} ${/^\[(CLT\d+)\]/.exec(String(entry.entry.data))?.[1] ?? String(entry.entry.data)}`).sort();
}

/** A trail that gets the warning `id`, and nothing else. */
const TRIGGERS: Record<string, (stack: Stack) => LambdaTrailBase> = {
  CLT40: stack => new CompliantLambdaTrail(stack, 'Trail', { logRetention: logs.RetentionDays.THREE_MONTHS }),
  CLT41: stack => new CompliantLambdaTrail(stack, 'Trail', { lifecycleRules: [{ id: 'Expire', expiration: Duration.days(30) }] }),
  CLT42: stack => new CompliantLambdaTrail(stack, 'Trail', { encryptionKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN) }),
  CLT43: stack => new CompliantLambdaTrail(stack, 'Trail', { bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'my-log-bucket') }),
  CLT44: stack => new CompliantLambdaTrail(stack, 'Trail', { snsTopic: sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:111111111111:deliveries') }),
  CLT45: stack => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([newFunction(stack, 'Fn')]) }),
};

describe('construct warnings', () => {
  test('are CLT40 to CLT45, in order, each with a title, an explanation and a fix', () => {
    expect(CONSTRUCT_WARNINGS.map(w => w.id)).toEqual(['CLT40', 'CLT41', 'CLT42', 'CLT43', 'CLT44', 'CLT45']);
    for (const w of CONSTRUCT_WARNINGS) {
      expect(w.title.length).toBeGreaterThan(10);
      expect(w.explanation.length).toBeGreaterThan(40);
      expect(w.fix).toContain(`acknowledge ${w.id}`);
    }
  });

  test('share no id with the rules', () => {
    const ruleIds = new Set(RULES.map(rule => rule.id));
    expect(CONSTRUCT_WARNINGS.filter(w => ruleIds.has(w.id))).toEqual([]);
  });

  test('every warning has a trigger in this test', () => {
    expect(Object.keys(TRIGGERS)).toEqual(CONSTRUCT_WARNINGS.map(w => w.id));
  });

  describe.each(CONSTRUCT_WARNINGS.map(w => [w.id, w] as const))('%s', (id, w) => {
    test('is the one warning its trigger gives, on the trail', () => {
      const { stack } = synth(s => TRIGGERS[id](s));
      expect(warningIds(stack)).toEqual([`/TestStack/Trail ${id}`]);
    });

    test('reads like a rule\'s message: [id] title: detail. Fix: fix', () => {
      const { stack } = synth(s => TRIGGERS[id](s));
      const message = String(Annotations.fromStack(stack).findWarning('/TestStack/Trail', Match.anyValue())[0].entry.data);
      expect(message.startsWith(`[${id}] ${w.title}: `)).toBe(true);
      expect(message).toContain(`. Fix: ${w.fix}`);
      expect(message).toContain(`[ack: Annotation::${id}]`);
    });

    test(`acknowledging ${id} on the trail removes it`, () => {
      const { stack } = synth(s => {
        const trail = TRIGGERS[id](s);
        Validations.of(trail).acknowledge({ id, reason: 'Reviewed in CHG-2001: see the runbook' });
      });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    test(`acknowledging ${id} on the stack removes it`, () => {
      const { stack } = synth(s => {
        TRIGGERS[id](s);
        Validations.of(s).acknowledge({ id, reason: 'Reviewed in CHG-2001: see the runbook' });
      });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    test('acknowledging another id leaves it', () => {
      const other = id === 'CLT40' ? 'CLT41' : 'CLT40';
      const { stack } = synth(s => {
        const trail = TRIGGERS[id](s);
        Validations.of(trail).acknowledge({ id: other, reason: 'Reviewed in CHG-2001: see the runbook' });
      });
      expect(warningIds(stack)).toEqual([`/TestStack/Trail ${id}`]);
    });
  });

  test('several warnings on one trail are acknowledged one by one', () => {
    const { stack } = synth(s => {
      const trail = new CompliantLambdaTrail(s, 'Trail', {
        encryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN),
        logRetention: logs.RetentionDays.ONE_MONTH,
        lifecycleRules: [{ id: 'Expire', expiration: Duration.days(30) }],
      });
      Validations.of(trail).acknowledge({ id: 'CLT42', reason: 'The key policy has the statements (CHG-2002)' });
    });
    expect(warningIds(stack)).toEqual(['/TestStack/Trail CLT40', '/TestStack/Trail CLT41']);
  });
});

describe('CLT45: a limited selection on CompliantLambdaTrail', () => {
  test.each([
    ['only', (stack: Stack) => LambdaFunctionSelection.only([newFunction(stack, 'Fn')]), 'only 1 function\\(s\\)'],
    ['onlyArns', () => LambdaFunctionSelection.onlyArns([functionArn('a'), functionArn('b')]), 'only 2 function\\(s\\)'],
    ['allExcept', (stack: Stack) => LambdaFunctionSelection.allExcept([newFunction(stack, 'Fn')]), 'all functions except 1'],
  ])('%s gives the warning, naming the selection and what is expected', (_name, selection, scope) => {
    const { stack } = synth(s => new CompliantLambdaTrail(s, 'Trail', { functions: selection(s) }));
    Annotations.fromStack(stack).hasWarning('/TestStack/Trail', Match.stringLikeRegexp(
      `^\\[CLT45\\] CompliantLambdaTrail limits Lambda data events: functions is a limited selection \\(Lambda data events: ${scope}\\); expected LambdaFunctionSelection\\.all\\(\\)`));
    Annotations.fromStack(stack).hasWarning('/TestStack/Trail', Match.stringLikeRegexp('Fix: Use CostLimitedLambdaTrail with the same scope, id and functions'));
  });

  test('the limited selection is still what the trail records (deprecated, not broken)', () => {
    const { template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { functions: LambdaFunctionSelection.onlyArns([functionArn('a')]) }));
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: Match.arrayWith([Match.objectLike({
        FieldSelectors: Match.arrayWith([{ Field: 'resources.ARN', Equals: [functionArn('a')], StartsWith: [`${functionArn('a')}:`] }]),
      })]),
    });
  });

  test.each([
    ['CompliantLambdaTrail by default', (stack: Stack) => new CompliantLambdaTrail(stack, 'Trail')],
    ['CompliantLambdaTrail with all()', (stack: Stack) => new CompliantLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.all() })],
    ['CostLimitedLambdaTrail', (stack: Stack) => new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([newFunction(stack, 'Fn')]) })],
  ])('%s gives no warning', (_name, build) => {
    const stack = newStack();
    build(stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
