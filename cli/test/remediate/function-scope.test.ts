// --only as function ARNs: each is checked to exist in its own account and region; what cannot be
// checked is refused unless --force, and what does not exist is refused always.
import { FunctionContext, resolveFunctions } from '../../src/remediate/function-scope';

const CALLER = '111111111111';
const MEMBER = '222222222222';
const arn = (account: string, region: string, name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;

const context = (force: boolean, asked: string[] = []): FunctionContext => ({
  partition: 'aws',
  callerAccount: CALLER,
  homeRegion: 'us-east-1',
  trailAccount: CALLER,
  organizationTrail: true,
  multiRegion: true,
  force,
  functionsIn: async region => {
    asked.push(region);
    return region === 'ap-south-1' ? { unknown: 'lambda:ListFunctions: AccessDeniedException' } : { value: [`fn-${region}`] };
  },
});

test('an ARN of the caller\'s account is looked up in its own region', async () => {
  const asked: string[] = [];
  expect(await resolveFunctions([arn(CALLER, 'eu-west-1', 'fn-eu-west-1'), 'fn-us-east-1'], context(false, asked))).toEqual([
    { given: arn(CALLER, 'eu-west-1', 'fn-eu-west-1'), arn: arn(CALLER, 'eu-west-1', 'fn-eu-west-1') },
    { given: 'fn-us-east-1', arn: arn(CALLER, 'us-east-1', 'fn-us-east-1') },
  ]);
  expect(asked).toEqual(['eu-west-1', 'us-east-1']);
});

test('fails when an ARN names no function of its region, with or without --force', async () => {
  for (const force of [false, true]) {
    await expect(resolveFunctions([arn(CALLER, 'eu-west-1', 'billing')], context(force)))
      .rejects.toThrow(`--only: no function ${arn(CALLER, 'eu-west-1', 'billing')} (lambda:ListFunctions of account ${CALLER}, region eu-west-1); expected an existing function`);
  }
});

test.each([
  [arn(MEMBER, 'us-east-1', 'orders'), `it is in account ${MEMBER}, and remediate lists the functions of account ${CALLER} (your credentials) only`],
  [arn(CALLER, 'ap-south-1', 'orders'), 'lambda:ListFunctions: AccessDeniedException'],
])('fails when %s cannot be checked to exist, unless --force records it with a note', async (given, why) => {
  await expect(resolveFunctions([given], context(false))).rejects.toThrow(`--only: ${given} could not be checked to exist (${why}); expected a function remediate can list, or --force to record it as given`);
  expect(await resolveFunctions([given], context(true))).toEqual([{ given, arn: given, unchecked: `${given} could not be checked to exist (${why}); recorded as given (--force)` }]);
});
