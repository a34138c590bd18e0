// A live audit speaks of a live account: each finding's fix is what to run there (lambda-trail
// remediate, the AWS CLI), naming the trail, never a CDK construct; what is not known could not be
// read, with the call that failed, never "before deployment". Against moto (a proxy denies a call).
import { applyTemplate } from '../apply-template';
import { fixture } from '../helpers';
import { awsJsonError, MotoProxy } from '../moto-proxy';
import { MOTO_ACCOUNT, useMotoServer } from '../moto-server';
import { cli } from '../run-cli';

const server = useMotoServer();
const TRAIL = `arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/fixture-trail`;

async function auditThrough(denied: string | undefined) {
  const proxy = await MotoProxy.start(server().endpoint, call => (denied && call.operation === denied ? awsJsonError(400, 'AccessDeniedException', 'not authorized') : undefined));
  try {
    return await cli(['audit', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--regions', 'us-east-1', '--quiet']);
  } finally {
    await proxy.close();
  }
}

test('the fixes of a live audit are what to run in the account, naming the trail', async () => {
  const costLimited = fixture('cost-limited');
  costLimited.Resources.Trail.Properties.EnableLogFileValidation = false;
  await applyTemplate(costLimited, { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const run = await auditThrough(undefined);
  expect(run.stdout).toContain(`        fix: Go back to full logging: lambda-trail remediate --trail ${TRAIL} --all (read its plan, then run it again with --apply).`);
  expect(run.stdout).toContain(`        fix: aws cloudtrail update-trail --name ${TRAIL} --enable-log-file-validation\n`);
  expect(run.stdout).not.toMatch(/CompliantLambdaTrail|CostLimitedLambdaTrail|LambdaFunctionSelection|Set EnableLogFileValidation/);
});

test('what could not be read says so, with the call, never "before deployment"', async () => {
  await applyTemplate(fixture('compliant'), { endpoint: server().endpoint, region: 'us-east-1', account: MOTO_ACCOUNT });
  const run = await auditThrough('GetTrailStatus');
  expect(run.stdout).toContain('could not decide CLT7 (The trail is not logging): IsLogging is not known (could not be read: cloudtrail:GetTrailStatus: AccessDeniedException (not authorized))');
  expect(run.stdout).toContain('fix: Give the audit the read permissions of docs/iam/lambda-trail-audit-policy.json where the message says a call failed');
  expect(run.stdout).not.toMatch(/before deployment|at synth|known at deployment/);
});
