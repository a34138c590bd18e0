// The one builder of function ARNs and its inverse (src/model/lambda-arns.ts): what the engine, the
// checks and the CLI make a function's ARN from, and read back.
import { functionArn, isFunctionArn, isQualifiedFunctionArn, parseFunctionArn } from '../../src/model/lambda-arns';
import { hasUnknown, unknownValue } from '../../src/model/unknown-value';

const PLACE = { partition: 'aws-us-gov', region: 'us-gov-west-1', account: '111111111111' };

test('functionArn: arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]', () => {
  expect(functionArn(PLACE, 'orders')).toBe('arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:orders');
  expect(functionArn(PLACE, 'orders', 'prod')).toBe('arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:orders:prod');
  expect(isFunctionArn(functionArn(PLACE, 'orders'))).toBe(true);
  expect(isQualifiedFunctionArn(functionArn(PLACE, 'orders', '$LATEST'))).toBe(true);
});

test('functionArn keeps a value not known before deployment as it is (a generated name)', () => {
  const arn = functionArn(PLACE, unknownValue('generated name of Stack/F'));
  expect(hasUnknown(arn)).toBe(true);
  expect(arn.startsWith('arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:')).toBe(true);
});

test('parseFunctionArn takes apart what functionArn builds, and nothing that is not a function ARN', () => {
  expect(parseFunctionArn(functionArn(PLACE, 'orders'))).toEqual({ ...PLACE, name: 'orders' });
  expect(parseFunctionArn(functionArn(PLACE, 'orders', '7'))).toEqual({ ...PLACE, name: 'orders', qualifier: '7' });
  for (const notOne of ['arn:aws:lambda', 'arn:aws:lambda:us-east-1:111111111111:layer:x', 'arn:aws:lambda:us-east-1:1111:function:x', 'orders', 'arn:aws:s3:::b']) {
    expect({ notOne, parsed: parseFunctionArn(notOne) }).toEqual({ notOne, parsed: undefined });
  }
});
