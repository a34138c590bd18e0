// Whose credentials a run uses. One account: the function's own. An organization rule (the
// construct's `organization`, which sets the two variables below): AWS Config invokes the function
// of the administrator account for each member, and the member's AWS Config takes the evaluations
// of its own rule (the event's result token) only from the member's credentials, so a run for a
// member assumes the member role there and uses it for every read, PutEvaluations and
// GetComplianceDetailsByConfigRule (the "ASSUME_ROLE_MODE" of awslabs/aws-config-rdk).
import type { Caller } from '../audit/run-audit';
import { AwsClients, AwsSettings } from '../aws/aws-clients';
import { partitionOf } from '../aws/regions';
import { apiFailure } from '../errors';

/** The member role's name (LambdaTrailConfigRule's `organization.memberRoleName`): set in organization mode only. */
export const MEMBER_ROLE_NAME_ENV = 'LAMBDA_TRAIL_MEMBER_ROLE_NAME';

/** The function's own account: its events are judged with the function's own role. */
export const ADMINISTRATOR_ACCOUNT_ENV = 'LAMBDA_TRAIL_ADMINISTRATOR_ACCOUNT';

/** The credentials of a run. */
export interface RuleAccess {
  /** Clients for AWS Config (and the reads, through `caller`). */
  readonly clients: AwsClients;
  /** The member as the audit's reader takes it; undefined: the reader asks who the function's credentials belong to. */
  readonly caller?: Caller;
}

/** The member role cannot be assumed: the run fails, since nothing can reach the member's AWS Config without it. */
export class MemberRoleNotAssumed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemberRoleNotAssumed';
  }
}

/** The credentials for an event of `accountId`, in `region`. */
export async function accessFor(accountId: string | undefined, region: string, settings: AwsSettings): Promise<RuleAccess> {
  const env = settings.env ?? process.env;
  const own = AwsClients.fromSettings(settings);
  const roleName = env[MEMBER_ROLE_NAME_ENV];
  if (!roleName) return { clients: own };
  if (!accountId) {
    throw new Error(`an organization rule's event without accountId; expected AWS Config to name the member account (${MEMBER_ROLE_NAME_ENV} is set)`);
  }
  if (accountId === env[ADMINISTRATOR_ACCOUNT_ENV]) return { clients: own };
  const partition = partitionOf(region);
  const roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
  const clients = own.assumeRole(roleArn, accountId, 'lambda-trail-config-rule');
  try {
    await clients.resolveCredentials();
  } catch (error) {
    throw new MemberRoleNotAssumed(`cannot assume ${roleArn} for the organization rule in account ${accountId}: ${apiFailure('sts:AssumeRole', error)}. `
      + `Deploy LambdaTrailConfigRuleMemberRole (roleName ${roleName}, administratorAccount ${env[ADMINISTRATOR_ACCOUNT_ENV] ?? 'this function\'s account'}) in account ${accountId}, `
      + 'or exclude the account with organization.excludedAccounts; no evaluation was sent, since only the member\'s credentials reach its AWS Config');
  }
  return { clients, caller: { clients, account: accountId, partition, homeRegion: region } };
}
