// Which property names a resource, for the types whose names the engine reads (a function's name is
// part of its ARN; a bucket's and a trail's are what policies and selectors refer to), and the longest
// name the service accepts: the template evaluator (`Ref`, generated names), the engine and the
// construct front end (which reads names from L1 fields without rendering them) share this table.

/** The property that names resources of a type. */
export interface NameProperty {
  readonly property: string;
  /** The longest name: CloudFormation shortens a longer generated name in a way it does not document. */
  readonly maxLength: number;
  /** Generated names are in lower case (S3 bucket names). */
  readonly lowerCase: boolean;
}

/** `FunctionName`, for `AWS::Lambda::Function` and `AWS::Serverless::Function` (AWS Lambda API Reference, "FunctionName": 64 characters). */
export const FUNCTION_NAME: NameProperty = { property: 'FunctionName', maxLength: 64, lowerCase: false };

/** The name property of each type whose names the engine reads. */
export const NAME_PROPERTIES: ReadonlyMap<string, NameProperty> = new Map([
  ['AWS::Lambda::Function', FUNCTION_NAME],
  ['AWS::Serverless::Function', FUNCTION_NAME],
  ['AWS::S3::Bucket', { property: 'BucketName', maxLength: 63, lowerCase: true }],
  ['AWS::CloudTrail::Trail', { property: 'TrailName', maxLength: 128, lowerCase: false }],
]);
