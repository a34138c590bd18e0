// An organization in moto: the management account (moto's default account) and member accounts
// created through Organizations, with credentials for each member from sts:AssumeRole (moto maps
// the credentials of an assumed role to the role's account).
import { CreateAccountCommand, CreateOrganizationCommand, DescribeOrganizationCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { fixture } from './helpers';

export interface MemberAccount {
  readonly id: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export async function createOrganization(endpoint: string, members: number, roleName: string): Promise<MemberAccount[]> {
  const organizations = new OrganizationsClient({ region: 'us-east-1', endpoint });
  await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  for (let i = 0; i < members; i++) {
    await organizations.send(new CreateAccountCommand({ AccountName: `member-${i}`, Email: `member-${i}@example.com` }));
  }
  const accounts = (await organizations.send(new ListAccountsCommand({}))).Accounts ?? [];
  const sts = new STSClient({ region: 'us-east-1', endpoint });
  const result: MemberAccount[] = [];
  for (const account of accounts.filter(a => a.Name?.startsWith('member-'))) {
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.Id}:role/${roleName}`, RoleSessionName: 'fixture' }));
    const c = assumed.Credentials!;
    result.push({ id: account.Id!, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken } });
  }
  return result;
}

/** The id of the organization created in moto. */
export async function organizationId(endpoint: string): Promise<string> {
  return (await new OrganizationsClient({ region: 'us-east-1', endpoint }).send(new DescribeOrganizationCommand({}))).Organization!.Id!;
}

/**
 * The compliant fixture of `account` as an organization trail whose bucket policy lets CloudTrail
 * write under AWSLogs/<organization id>/, where an organization trail writes (CLT14).
 */
export function organizationTrailFixture(account: string, writesFor: string): any {
  const template = fixture('compliant', account);
  template.Resources.Trail.Properties.IsOrganizationTrail = true;
  const write = template.Resources.BucketPolicy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'CloudTrailWrite');
  write.Resource = { 'Fn::Sub': `\${Bucket.Arn}/AWSLogs/${writesFor}/*` };
  return template;
}
