// The shapes of Lambda function ARNs (AWS Lambda API Reference, "FunctionArn" and "Qualifier"), in
// one place: the selection factories validate against them and the selectors derive the qualified
// forms of a function from them.

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
