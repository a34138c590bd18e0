// The shapes of Lambda function ARNs (AWS Lambda API Reference, "FunctionArn" and "Qualifier"), in
// one place: the selection factories validate against them, the selectors derive the qualified forms
// of a function from them, and every function ARN the engine, the checks and the CLI make is built
// (`functionArn`) or taken apart (`parseFunctionArn`) here.

/** An unqualified function ARN: `arn:<partition>:lambda:<region>:<account>:function:<name>`. */
export const UNQUALIFIED_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;

/** A qualified function ARN: an unqualified one followed by `:<version or alias>` (or `:$LATEST`). */
export const QUALIFIED_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}:(\$LATEST|[A-Za-z0-9_-]{1,128})$/;

/** The basic event selector value that stands for every function of the trail's account: `arn:<partition>:lambda`. */
export const EVERY_FUNCTION_DATA_RESOURCE = /^arn:[a-z-]+:lambda$/;

/** How a function ARN is written, for messages that say what was expected. */
export const FUNCTION_ARN_FORMAT = 'arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]';

/** True when `arn` is a literal function ARN, qualified or not. */
export function isFunctionArn(arn: string): boolean {
  return UNQUALIFIED_FUNCTION_ARN.test(arn) || QUALIFIED_FUNCTION_ARN.test(arn);
}

/** True when `arn` names a version or alias of a function (and so matches only itself). */
export function isQualifiedFunctionArn(arn: string): boolean {
  return QUALIFIED_FUNCTION_ARN.test(arn);
}

/** Where a function lives: the parts of its ARN before `function:`. */
export interface FunctionPlace {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * The ARN of a function, `arn:<partition>:lambda:<region>:<account>:function:<name>`, or of one of its
 * versions or aliases with `qualifier`. The parts may be values not known before deployment.
 */
export function functionArn(place: FunctionPlace, name: string, qualifier?: string): string {
  return `arn:${place.partition}:lambda:${place.region}:${place.account}:function:${name}${qualifier !== undefined ? `:${qualifier}` : ''}`;
}

/** The parts of a literal function ARN, qualified or not; undefined when it is not one (`isFunctionArn`). */
export function parseFunctionArn(arn: string): (FunctionPlace & { readonly name: string; readonly qualifier?: string }) | undefined {
  if (!isFunctionArn(arn)) return undefined;
  const [, partition, , region, account, , name, qualifier] = arn.split(':');
  return { partition, region, account, name, ...(qualifier !== undefined ? { qualifier } : {}) };
}
