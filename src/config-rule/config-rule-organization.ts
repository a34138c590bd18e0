// What the two halves of the organization rule agree on: LambdaTrailConfigRule with `organization`
// (the function, in the management or delegated-administrator account) and
// LambdaTrailConfigRuleMemberRole (the role it assumes in every member). Both are deployed
// separately, often by different pipelines, so they meet by name only: the function's role and the
// member role have fixed names, the same defaults on both sides.
import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LambdaTrailError } from '../errors';

/** The member role's name unless `memberRoleName` / `roleName` says otherwise. */
export const DEFAULT_MEMBER_ROLE_NAME = 'LambdaTrailConfigRuleMember';

/**
 * The function's role in organization mode is this prefix and the stack's region unless
 * `functionRoleName` says otherwise: an organization rule is regional, so the administrator stack is
 * deployed once per region, and role names are unique in an account.
 */
export const DEFAULT_FUNCTION_ROLE_PREFIX = 'LambdaTrailConfigRuleFunction-';

/** The organization rule's name unless `configRuleName` says otherwise (CloudFormation requires one). */
export const DEFAULT_ORGANIZATION_RULE_NAME = 'lambda-trail-config-rule';

/** The handler assumes this role name in member accounts (cli/src/config-rule/member-access.ts). */
export const MEMBER_ROLE_NAME_ENV = 'LAMBDA_TRAIL_MEMBER_ROLE_NAME';

/** The account of the function: events of this account are judged with the function's own role. */
export const ADMINISTRATOR_ACCOUNT_ENV = 'LAMBDA_TRAIL_ADMINISTRATOR_ACCOUNT';

/** PutOrganizationConfigRule's limit on ExcludedAccounts (AWS Config API Reference, OrganizationConfigRule). */
export const MAX_EXCLUDED_ACCOUNTS = 1000;

const ACCOUNT_ID = /^\d{12}$/;
/** IAM's role names: 1 to 64 of letters, digits and `+=,.@_-` (IAM API Reference, CreateRole). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_NAME_PATTERN = /^[\w+=,.@*?-]{1,64}$/;
/** OrganizationConfigRuleName: 1 to 64 of letters, digits, `-` and `_`. */
const ORGANIZATION_RULE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const CODE = 'InvalidConfigRuleOrganization';

/** A 12-digit account id (a token passes: CloudFormation checks it at deploy). */
export function checkAccountId(scope: Construct, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (!ACCOUNT_ID.test(value)) throw new LambdaTrailError(CODE, `${prop} is '${value}'; expected a 12-digit AWS account id`, scope);
}

/** An IAM role name (with `pattern`, `*` and `?` too: an ArnLike pattern of role names). */
export function checkRoleName(scope: Construct, prop: string, value: string, pattern = false): void {
  if (Token.isUnresolved(value)) return;
  if (!(pattern ? ROLE_NAME_PATTERN : ROLE_NAME).test(value)) {
    const what = pattern ? 'an IAM role name or a pattern of them: 1 to 64 letters, digits, +=,.@_- or the wildcards * and ?' : 'an IAM role name: 1 to 64 letters, digits or +=,.@_-';
    throw new LambdaTrailError(CODE, `${prop} is '${value}'; expected ${what}`, scope);
  }
}

/** The excluded accounts as AWS Config takes them: 12-digit ids, no repeats, at most 1,000. */
export function checkExcludedAccounts(scope: Construct, accounts: readonly string[]): void {
  if (accounts.length > MAX_EXCLUDED_ACCOUNTS) {
    throw new LambdaTrailError(CODE, `organization.excludedAccounts has ${accounts.length} accounts; expected at most ${MAX_EXCLUDED_ACCOUNTS} (AWS Config's limit on ExcludedAccounts)`, scope);
  }
  accounts.forEach((account, i) => checkAccountId(scope, `organization.excludedAccounts[${i}]`, account));
  const repeated = accounts.filter((a, i) => !Token.isUnresolved(a) && accounts.indexOf(a) !== i);
  if (repeated.length) {
    throw new LambdaTrailError(CODE, `organization.excludedAccounts names ${repeated[0]} more than once; expected each account once`, scope);
  }
}

/** The organization rule's name: required by CloudFormation, AWS Config's pattern. */
export function checkOrganizationRuleName(scope: Construct, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (!ORGANIZATION_RULE_NAME.test(name)) {
    throw new LambdaTrailError(CODE, `configRuleName is '${name}' with organization; expected an organization rule name: 1 to 64 letters, digits, '-' or '_'`, scope);
  }
}
