import { acknowledgementReason } from './acknowledgement-reason';
import { acknowledgementUnmatched } from './acknowledgement-unmatched';
import { bucketAllowsCloudTrail } from './bucket-allows-cloudtrail';
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
import { DeliveryRule, FunctionRule, Rule, RuleInfo, TrailRule } from './rule';
import { selectorsAccepted } from './selectors-accepted';
import { undecidable } from './undecidable';

/** The rules that judge a trail or a function (CLT1 to CLT21), in id order. */
const TRAIL_AND_FUNCTION_RULES: Rule[] = [
  recordsInvocations, recordsReadAndWrite, limitedFunctionScope, recordsManagementEvents, encryptedWithKms,
  logFileValidation, isLogging, multiRegion, cloudWatchLogs, bucketNotPublic, bucketPolicySourceCondition,
  keyAllowsCloudTrail, selectorsAccepted, bucketAllowsCloudTrail, functionsRecorded, functionInScope,
];

/**
 * The checks' own rules (CLT0, CLT30, CLT31), whose findings are about the checks' work rather than a
 * trail or function: what they cannot read or decide, and acknowledgements they do not accept.
 */
export const CHECKS_OWN_RULES = { CLT0: undecidable, CLT30: acknowledgementReason, CLT31: acknowledgementUnmatched } as const;

/** Every rule, in id order. Its ids and levels are a contract (a test pins them). */
export const RULES: RuleInfo[] = [undecidable, ...TRAIL_AND_FUNCTION_RULES, acknowledgementReason, acknowledgementUnmatched];

export const TRAIL_RULES = TRAIL_AND_FUNCTION_RULES.filter((r): r is TrailRule => r.appliesTo === 'trail');
/** The trail rules whose findings mean CloudTrail cannot deliver: a trail they fault records nothing. */
export const DELIVERY_RULES = TRAIL_RULES.filter((r): r is DeliveryRule => 'stopsDelivery' in r && r.stopsDelivery === true);
export const FUNCTION_RULES = TRAIL_AND_FUNCTION_RULES.filter((r): r is FunctionRule => r.appliesTo === 'function');
