export * from './trail/lambda-function-selection';
export * from './trail/lambda-trail-options';
export * from './trail/lambda-trail-base';
export * from './trail/compliant-lambda-trail';
export * from './trail/cost-limited-lambda-trail';
export * from './trail/lambda-trail-monitoring';
export * from './checks/lambda-trail-checks';
export * from './checks/lambda-trail-checks-plugin';
