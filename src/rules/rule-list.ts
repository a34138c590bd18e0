import { bucketNotPublic } from './bucket-not-public';
import { bucketPolicySourceCondition } from './bucket-policy-source-condition';
import { cloudWatchLogs } from './cloudwatch-logs';
import { encryptedWithKms } from './encrypted-with-kms';
import { functionInScope } from './function-in-scope';
import { functionsRecorded } from './functions-recorded';
import { isLogging } from './is-logging';
import { keyAllowsCloudTrail } from './key-allows-cloudtrail';
import { limitedFunctionScope } from './limited-function-scope';
import { logFileValidation } from './log-file-validation';
import { multiRegion } from './multi-region';
import { recordsInvocations } from './records-invocations';
import { recordsManagementEvents } from './records-management-events';
import { recordsReadAndWrite } from './records-read-and-write';
import { FunctionRule, Rule, TrailRule } from './rule';
import { selectorsAccepted } from './selectors-accepted';

/** Every rule, in id order. Its ids and levels are a contract (a test pins them). */
export const RULES: Rule[] = [
  recordsInvocations, recordsReadAndWrite, limitedFunctionScope, recordsManagementEvents, encryptedWithKms,
  logFileValidation, isLogging, multiRegion, cloudWatchLogs, bucketNotPublic, bucketPolicySourceCondition,
  keyAllowsCloudTrail, selectorsAccepted, functionsRecorded, functionInScope,
];

export const TRAIL_RULES = RULES.filter((r): r is TrailRule => r.appliesTo === 'trail');
export const FUNCTION_RULES = RULES.filter((r): r is FunctionRule => r.appliesTo === 'function');
