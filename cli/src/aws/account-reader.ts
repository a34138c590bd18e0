// Reads what the rules need besides trails, in one account: functions, the trails' buckets and keys,
// and CloudTrail Lake event data stores. Each reader returns the value or the reason it is unknown.
import { GetEventDataStoreCommand, GetEventDataStoreResponse, ListEventDataStoresCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeOrganizationCommand, ListDelegatedAdministratorsCommand } from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { AwsClients } from './aws-clients';
import { apiFailure, errorName, isOperationNotOffered, UnexpectedAnswer } from '../errors';

/** A value the API gave, or why it did not. */
export type Readout<T> = { readonly value: T } | { readonly unknown: string };

/** Every function of a region (ListFunctions, all pages). */
export async function listFunctionNames(clients: AwsClients, region: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await clients.lambda(region).send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }));
    for (const fn of page.Functions ?? []) if (fn.FunctionName) names.push(fn.FunctionName);
    marker = page.NextMarker;
  } while (marker);
  return names;
}

/** What the audit knows of a trail's bucket. */
export interface LiveBucket {
  readonly name: string;
  /** undefined: the bucket has no public access block of its own. */
  readonly publicAccessBlock: Readout<PublicAccessBlockConfiguration | undefined>;
  /** The Block Public Access settings of its account, which apply on top of its own; undefined: the account has none. */
  readonly accountPublicAccessBlock: Readout<PublicAccessBlockConfiguration | undefined>;
  /** The policy document; undefined: the bucket has no policy. */
  readonly policy: Readout<unknown>;
  /** S3's answer when the bucket does not exist (NoSuchBucket): the trail names a bucket that is gone. */
  readonly missing?: string;
}

/**
 * A trail's bucket, read as a bucket of `owner` (ExpectedBucketOwner): a bucket of another account
 * answers AccessDenied, so what is read is the owner's, under the owner's account settings
 * (`accountPublicAccessBlock`, read once per account by the caller).
 */
export async function readBucket(
  clients: AwsClients, name: string, region: string, owner: string,
  accountPublicAccessBlock: Promise<Readout<PublicAccessBlockConfiguration | undefined>>,
): Promise<LiveBucket> {
  const s3 = clients.s3(region);
  let missing: string | undefined;
  const failure = (action: string, absent: string, error: unknown) => {
    if (errorName(error) === absent) return { value: undefined };
    if (errorName(error) === 'NoSuchBucket') missing = apiFailure(action, error);
    return { unknown: bucketFailure(action, error) };
  };
  const [publicAccessBlock, policy] = await Promise.all([
    s3.send(new GetPublicAccessBlockCommand({ Bucket: name, ExpectedBucketOwner: owner }))
      .then(a => ({ value: a.PublicAccessBlockConfiguration }))
      .catch(error => failure('s3:GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration', error)),
    s3.send(new GetBucketPolicyCommand({ Bucket: name, ExpectedBucketOwner: owner }))
      .then(a => parsePolicy('s3:GetBucketPolicy', a.Policy))
      .catch(error => failure('s3:GetBucketPolicy', 'NoSuchBucketPolicy', error)),
  ]);
  return { name, publicAccessBlock, accountPublicAccessBlock: await accountPublicAccessBlock, policy, missing };
}

/**
 * The account's S3 Block Public Access settings (s3control:GetPublicAccessBlock), which apply to
 * every bucket of the account on top of the bucket's own; undefined: the account has none.
 */
export async function readAccountPublicAccessBlock(
  clients: AwsClients, account: string, region: string,
): Promise<Readout<PublicAccessBlockConfiguration | undefined>> {
  try {
    const answer = await clients.s3Control(region).send(new GetAccountPublicAccessBlockCommand({ AccountId: account }));
    return { value: answer.PublicAccessBlockConfiguration };
  } catch (error) {
    return errorName(error) === 'NoSuchPublicAccessBlockConfiguration' ? { value: undefined } : { unknown: apiFailure('s3:GetAccountPublicAccessBlock', error) };
  }
}

function bucketFailure(action: string, error: unknown): string {
  const reason = apiFailure(action, error);
  // S3 answers AccessDenied both for a policy that denies the caller and for a bucket owned by an account that did not grant it.
  return /AccessDenied/.test(reason) ? `${reason}; a bucket in another account reads the same way` : reason;
}

/** What the audit knows of a trail's key. */
export interface LiveKey {
  /** The key policy document. */
  readonly policy: Readout<unknown>;
  /** Its state (kms:DescribeKey KeyState): CloudTrail encrypts only with an Enabled key. */
  readonly state: Readout<string>;
}

/** The policy and state of a trail's key, unless the key is in another account (they cannot be read from here). */
export async function readKey(clients: AwsClients, keyArn: string, readingAccount: string): Promise<LiveKey> {
  const match = /^arn:[^:]+:kms:([^:]+):(\d{12}):key\/.+$/.exec(keyArn);
  if (!match) return { policy: { unknown: `kms:GetKeyPolicy: '${keyArn}' is not a key ARN` }, state: { unknown: `kms:DescribeKey: '${keyArn}' is not a key ARN` } };
  const [, region, account] = match;
  if (account !== readingAccount) {
    const elsewhere = `the key is in account ${account}, not ${readingAccount}, so it cannot be read`;
    return { policy: { unknown: `kms:GetKeyPolicy: ${elsewhere}` }, state: { unknown: `kms:DescribeKey: ${elsewhere}` } };
  }
  const kms = clients.kms(region);
  const readPolicy = async (): Promise<Readout<unknown>> => {
    try {
      return parsePolicy('kms:GetKeyPolicy', (await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy);
    } catch (error) {
      return { unknown: apiFailure('kms:GetKeyPolicy', error) };
    }
  };
  const readState = async (): Promise<Readout<string>> => {
    try {
      const state = (await kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata?.KeyState;
      return state ? { value: state } : { unknown: 'kms:DescribeKey: the answer has no KeyState' };
    } catch (error) {
      return { unknown: apiFailure('kms:DescribeKey', error) };
    }
  };
  const [policy, state] = await Promise.all([readPolicy(), readState()]);
  return { policy, state };
}

/** The id of the caller's organization (organizations:DescribeOrganization), for the log files of its organization trails. */
export async function readOrganizationId(clients: AwsClients, region: string): Promise<Readout<string>> {
  try {
    const answer = await clients.organizations(region).send(new DescribeOrganizationCommand({}));
    return answer.Organization?.Id ? { value: answer.Organization.Id } : { unknown: 'organizations:DescribeOrganization: the answer has no organization id' };
  } catch (error) {
    return { unknown: apiFailure('organizations:DescribeOrganization', error) };
  }
}

function parsePolicy(action: string, text: string | undefined): Readout<unknown> {
  if (text === undefined) return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { unknown: `${action}: the policy is not JSON` };
  }
}

/** A CloudTrail Lake event data store: its ARN, and its details or why they could not be read. */
export interface LiveEventDataStore {
  readonly arn: string;
  readonly details: Readout<GetEventDataStoreResponse>;
}

/** The event data stores of a region; `notOffered` when the endpoint has no CloudTrail Lake (none can exist there). */
export type EventDataStoreListing =
  | { readonly stores: LiveEventDataStore[] }
  | { readonly notOffered: string }
  | { readonly unknown: string };

export async function listEventDataStores(clients: AwsClients, region: string): Promise<EventDataStoreListing> {
  const client = clients.cloudTrail(region);
  const arns: string[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new ListEventDataStoresCommand({ NextToken: token }));
      for (const store of page.EventDataStores ?? []) if (store.EventDataStoreArn) arns.push(store.EventDataStoreArn);
      token = page.NextToken;
    } while (token);
  } catch (error) {
    // An emulator without CloudTrail Lake answers with a page that is not the API's (moto: HTML); AWS
    // itself always answers in the API's protocol, so there such an answer stays unknown.
    const emulatorWithout = clients.usesCustomEndpoint('CLOUDTRAIL') && error instanceof UnexpectedAnswer;
    if (isOperationNotOffered(error) || emulatorWithout) return { notOffered: apiFailure('cloudtrail:ListEventDataStores', error) };
    return { unknown: apiFailure('cloudtrail:ListEventDataStores', error) };
  }
  const stores: LiveEventDataStore[] = [];
  for (const arn of arns) {
    const details = await client.send(new GetEventDataStoreCommand({ EventDataStore: arn }))
      .then(value => ({ value }))
      .catch(error => ({ unknown: apiFailure('cloudtrail:GetEventDataStore', error) }));
    stores.push({ arn, details });
  }
  return { stores };
}

/** The accounts registered as delegated administrators of an AWS service in the caller's organization. */
export async function delegatedAdministrators(clients: AwsClients, region: string, servicePrincipal: string): Promise<Readout<string[]>> {
  const accounts: string[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await clients.organizations(region)
        .send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: servicePrincipal, NextToken: token }));
      for (const admin of page.DelegatedAdministrators ?? []) if (admin.Id) accounts.push(admin.Id);
      token = page.NextToken;
    } while (token);
  } catch (error) {
    return { unknown: apiFailure('organizations:ListDelegatedAdministrators', error) };
  }
  return { value: accounts };
}
