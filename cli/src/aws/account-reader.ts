// Reads what the rules need besides trails, in one account: functions, the trails' buckets and keys,
// and CloudTrail Lake event data stores. Each reader returns the value or the reason it is unknown.
import { GetEventDataStoreCommand, GetEventDataStoreResponse, ListEventDataStoresCommand } from '@aws-sdk/client-cloudtrail';
import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListDelegatedAdministratorsCommand } from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
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
  /** The policy document; undefined: the bucket has no policy. */
  readonly policy: Readout<unknown>;
}

export async function readBucket(clients: AwsClients, name: string, region: string): Promise<LiveBucket> {
  const s3 = clients.s3(region);
  const [publicAccessBlock, policy] = await Promise.all([
    s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))
      .then(a => ({ value: a.PublicAccessBlockConfiguration }))
      .catch(error => (errorName(error) === 'NoSuchPublicAccessBlockConfiguration' ? { value: undefined } : { unknown: bucketFailure('s3:GetPublicAccessBlock', error) })),
    s3.send(new GetBucketPolicyCommand({ Bucket: name }))
      .then(a => parsePolicy('s3:GetBucketPolicy', a.Policy))
      .catch(error => (errorName(error) === 'NoSuchBucketPolicy' ? { value: undefined } : { unknown: bucketFailure('s3:GetBucketPolicy', error) })),
  ]);
  return { name, publicAccessBlock, policy };
}

function bucketFailure(action: string, error: unknown): string {
  const reason = apiFailure(action, error);
  // S3 answers AccessDenied both for a policy that denies the caller and for a bucket owned by an account that did not grant it.
  return /AccessDenied/.test(reason) ? `${reason}; a bucket in another account reads the same way` : reason;
}

/** The key policy of a trail's key, unless the key is in another account (its policy cannot be read from here). */
export async function readKeyPolicy(clients: AwsClients, keyArn: string, readingAccount: string): Promise<Readout<unknown>> {
  const match = /^arn:[^:]+:kms:([^:]+):(\d{12}):key\/.+$/.exec(keyArn);
  if (!match) return { unknown: `kms:GetKeyPolicy: '${keyArn}' is not a key ARN` };
  const [, region, account] = match;
  if (account !== readingAccount) {
    return { unknown: `kms:GetKeyPolicy: the key is in account ${account}, not ${readingAccount}, so its policy cannot be read` };
  }
  try {
    const answer = await clients.kms(region).send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }));
    return parsePolicy('kms:GetKeyPolicy', answer.Policy);
  } catch (error) {
    return { unknown: apiFailure('kms:GetKeyPolicy', error) };
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
