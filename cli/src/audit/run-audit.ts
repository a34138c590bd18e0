// The audit's reading phase: who the caller is, which accounts and regions to read, and everything the
// rules need from each, with bounded concurrency. It only reads: every call it makes is a Describe,
// Get or List (and sts:AssumeRole for member accounts).
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { StackInput } from 'cdk-compliant-lambda-trail/engine';
import { AuditedRegion, AuditedTrail, liveStackInputs, OtherRegionStores, UnreachableAccount } from './live-stacks';
import {
  EventDataStoreListing, listEventDataStores, listFunctionNames, LiveBucket, LiveKey, readAccountPublicAccessBlock, readBucket, readKey,
  readOrganizationId, Readout,
} from '../aws/account-reader';
import { AwsClients, AwsSettings } from '../aws/aws-clients';
import { checkRegionName, partitionOf, regionsOf } from '../aws/regions';
import { describeTrails, parseTrailArn, readTrail } from '../aws/trail-reader';
import { DEFAULT_CONCURRENCY, mapWithConcurrency } from '../concurrency';
import { apiFailure, isCredentialsProblem, isRegionDisabled, isUnreachable, UsageError } from '../errors';
import { count } from '../output/count';
import { Progress } from '../progress';

export interface AuditOptions {
  /** The command that reads (`audit`, `remediate`), for its messages. */
  readonly command?: string;
  readonly settings: AwsSettings;
  /** Who the credentials belong to, when the command has asked already (remediate): not asked again. */
  readonly caller?: Caller;
  /** `--regions`: only these regions (default: every region enabled for each account). */
  readonly regions?: readonly string[];
  /** `--organization --role-name R`: every active account of the organization, by assuming R in each member. */
  readonly organizationRoleName?: string;
  readonly concurrency?: number;
  readonly progress?: Progress;
}

export interface AuditReading {
  readonly inputs: StackInput[];
  /** What the audit assumed or could not read, for the report. */
  readonly assumptions: string[];
  /** The accounts audited. */
  readonly accounts: string[];
  /** The region the audit started from. */
  readonly homeRegion: string;
  /** What was read, before it became `inputs` (remediate judges a trail as it would be after a change). */
  readonly read: {
    readonly regions: AuditedRegion[];
    readonly trails: AuditedTrail[];
    readonly unreachable: UnreachableAccount[];
    /** Event data stores homed in the enabled regions outside `--regions`, which may record the audited ones. */
    readonly otherRegions: OtherRegionStores[];
  };
}

interface AccountToRead {
  readonly account: string;
  readonly clients: AwsClients;
  readonly unreachable?: string;
}

/** Who the credentials belong to, and where the command starts. */
export interface Caller {
  /** Clients of the credentials, labelled with their account. */
  readonly clients: AwsClients;
  readonly account: string;
  readonly partition: string;
  /** The region to start from (`resolveHomeRegion`). */
  readonly homeRegion: string;
}

/** The caller's account (sts:GetCallerIdentity): the first call of a command, so a failure says what stops it. */
export async function identifyCaller(settings: AwsSettings, command = 'audit'): Promise<Caller> {
  const homeRegion = await resolveHomeRegion(settings);
  const clients = AwsClients.fromSettings(settings);
  let identity;
  try {
    identity = await clients.sts(homeRegion).send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw startFailure(command, clients, homeRegion, error);
  }
  const account = identity.Account!;
  const partition = /^arn:([^:]+):/.exec(identity.Arn ?? '')?.[1] ?? partitionOf(homeRegion);
  return { clients: clients.forAccount(account), account, partition, homeRegion };
}

/** Reads an account (or organization) and returns the engine's input. */
export async function readLiveAccounts(options: AuditOptions): Promise<AuditReading> {
  const progress = options.progress ?? new Progress(undefined);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const caller = options.caller ?? await identifyCaller(options.settings, options.command);
  const { homeRegion, partition } = caller;
  const assumptions: string[] = [];

  let accounts: AccountToRead[];
  if (options.organizationRoleName) {
    accounts = await organizationAccounts(caller.clients, homeRegion, partition, options.organizationRoleName, concurrency, progress, assumptions);
  } else {
    accounts = [{ account: caller.account, clients: caller.clients }];
  }

  const regions: AuditedRegion[] = [];
  const otherRegions: OtherRegionStores[] = [];
  const unreachable: UnreachableAccount[] = [];
  const seenTrails: SeenTrails = new Map();
  await mapWithConcurrency(accounts, concurrency, async (entry, index) => {
    const label = `account ${entry.account} (${index + 1}/${accounts.length})`;
    if (entry.unreachable) {
      progress.info(`${label}: not audited: ${entry.unreachable}`);
      unreachable.push({ account: entry.account, reason: entry.unreachable });
      return;
    }
    const accountRegions = await regionsOf(entry.clients, homeRegion, options.regions);
    if (accountRegions.unreadable) {
      if (!options.regions) {
        progress.info(`${label}: cannot list its regions (${accountRegions.unreadable}); pass --regions to audit it`);
        unreachable.push({ account: entry.account, reason: accountRegions.unreadable });
        return;
      }
      assumptions.push(`The enabled regions of account ${entry.account} could not be listed (${accountRegions.unreadable}); the regions given with --regions were audited.`);
      otherRegions.push({ account: entry.account, eventDataStores: { unknown: accountRegions.unreadable } });
    }
    if (accountRegions.notEnabled.length) {
      assumptions.push(`Opt-in regions not enabled for account ${entry.account} were not audited (no function can run there): ${accountRegions.notEnabled.join(', ')}.`);
    }
    for (const region of accountRegions.requestedButDisabled) {
      const reason = `region ${region} is not enabled for account ${entry.account}`;
      regions.push(unreadableRegion(entry.account, region, partition, reason));
    }
    progress.info(`${label}: ${count(accountRegions.enabled.length, 'region')}`);
    await mapWithConcurrency(accountRegions.enabled, concurrency, async region => {
      const audited = await readRegion(entry, region, partition, seenTrails);
      regions.push(audited);
      const functions = 'value' in audited.functions ? count(audited.functions.value.length, 'function') : `functions unknown (${audited.functions.unknown})`;
      progress.info(`${label} ${region}: ${functions}`);
    });
    // An event data store is listed only in its home region: a multi-region one homed outside
    // --regions records the audited regions too.
    if (accountRegions.notAskedFor.length) {
      progress.info(`${label}: CloudTrail Lake event data stores of ${count(accountRegions.notAskedFor.length, 'region')} outside --regions`);
      await mapWithConcurrency(accountRegions.notAskedFor, concurrency, async region => {
        otherRegions.push({ account: entry.account, region, eventDataStores: mayBeMultiRegion(await listEventDataStores(entry.clients, region)) });
      });
    }
  });

  progress.info(`reading ${count(seenTrails.size, 'trail')}`);
  const byAccount = new Map(accounts.filter(a => !a.unreachable).map(a => [a.account, a]));
  // Read once per bucket, key and account, however many trails share them.
  const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key)!;
  };
  const buckets = new Map<string, Promise<LiveBucket>>();
  const accountBlocks = new Map<string, Promise<Readout<PublicAccessBlockConfiguration | undefined>>>();
  const keys = new Map<string, Promise<LiveKey>>();
  const organizations = new Map<string, Promise<Readout<string>>>();
  const trails: AuditedTrail[] = await mapWithConcurrency([...seenTrails.values()], concurrency, async ({ description, readers }) => {
    // The owner reads its trail best (an organization trail's bucket and key are the management account's).
    const owner = parseTrailArn(description.TrailARN)?.account;
    const reader = (owner ? byAccount.get(owner) : undefined) ?? readers[0];
    const trail = await readTrail(reader.clients, description);
    const name = description.S3BucketName;
    const accountBlock = () => once(accountBlocks, reader.account, () => readAccountPublicAccessBlock(reader.clients, reader.account, homeRegion));
    const [bucket, key, organizationId] = await Promise.all([
      name ? once(buckets, `${reader.account}/${name}`, () => readBucket(reader.clients, name, trail.homeRegion, reader.account, accountBlock())) : undefined,
      description.KmsKeyId ? once(keys, `${reader.account}/${description.KmsKeyId}`, () => readKey(reader.clients, description.KmsKeyId!, reader.account)) : undefined,
      description.IsOrganizationTrail ? once(organizations, reader.account, () => readOrganizationId(reader.clients, homeRegion)) : undefined,
    ]);
    return { trail, partition, bucket, key, organizationId };
  });

  assumptions.push(...lakeNotOffered([...regions, ...otherRegions]));
  const sorted = sortRegions(regions);
  const others = sortRegions(otherRegions);
  return {
    inputs: liveStackInputs(sorted, trails, unreachable, others),
    assumptions: [...new Set(assumptions)],
    accounts: accounts.map(a => a.account),
    homeRegion,
    read: { regions: sorted, trails, unreachable, otherRegions: others },
  };
}

/** The stores of a region outside --regions that may record the audited ones: multi-region stores, and those whose details could not be read. */
function mayBeMultiRegion(listing: EventDataStoreListing): EventDataStoreListing {
  if (!('stores' in listing)) return listing;
  return { stores: listing.stores.filter(store => 'unknown' in store.details || store.details.value.MultiRegionEnabled !== false) };
}

/** The regions without CloudTrail Lake, one sentence per reason (an emulator that lacks it answers the same in every region). */
function lakeNotOffered(listings: readonly { readonly region?: string; readonly eventDataStores: EventDataStoreListing }[]): string[] {
  const byReason = new Map<string, Set<string>>();
  for (const { region, eventDataStores } of listings) {
    if (!region || !('notOffered' in eventDataStores)) continue;
    byReason.set(eventDataStores.notOffered, (byReason.get(eventDataStores.notOffered) ?? new Set()).add(region));
  }
  return [...byReason].map(([reason, names]) => `CloudTrail Lake is not offered in ${[...names].sort().join(', ')} (${reason}): no event data store can record there.`);
}

/** Why the first call failed, for the command that made it: an endpoint that cannot be reached, credentials, or the call itself. */
function startFailure(command: string, clients: AwsClients, region: string, error: unknown): UsageError {
  const call = apiFailure('sts:GetCallerIdentity', error);
  if (isUnreachable(error)) {
    const endpoint = clients.customEndpoint('STS');
    const where = endpoint ? `${endpoint.url} (${endpoint.setBy})` : `the AWS STS endpoint of ${region}`;
    return new UsageError(`${command}: cannot reach ${where}: ${call}. Nothing was read or changed; expected an endpoint that answers (check the URL, the network or a proxy).`);
  }
  const expected = isCredentialsProblem(error) ? ' Expected AWS credentials from --profile, the environment or the shared config files.' : '';
  return new UsageError(`${command}: cannot start: ${call}. Nothing was read or changed.${expected}`);
}

/** Everything in a region is unknown, for one reason (a disabled region, say). */
function unreadableRegion(account: string, region: string, partition: string, reason: string): AuditedRegion {
  return { account, region, partition, functions: { unknown: reason }, trailsUnknown: reason, eventDataStores: { unknown: reason } };
}

type SeenTrails = Map<string, { description: Trail & { TrailARN: string }; readers: AccountToRead[] }>;

async function readRegion(entry: AccountToRead, region: string, partition: string, seenTrails: SeenTrails): Promise<AuditedRegion> {
  const { clients, account } = entry;
  const [functions, trails, eventDataStores] = await Promise.all([
    listFunctionNames(clients, region).then(value => ({ value }), error => ({ error })),
    describeTrails(clients, region).then(value => ({ value }), error => ({ error })),
    listEventDataStores(clients, region),
  ]);
  const failures = [functions, trails].filter((r): r is { error: unknown } => 'error' in r);
  if (failures.length === 2 && failures.every(f => isRegionDisabled(f.error))) {
    const reason = `region ${region} is not enabled for account ${account} (${apiFailure('lambda:ListFunctions', failures[0].error)})`;
    return unreadableRegion(account, region, partition, reason);
  }
  if ('value' in trails) {
    for (const description of trails.value) {
      const seen = seenTrails.get(description.TrailARN);
      if (seen) {
        if (!seen.readers.includes(entry)) seen.readers.push(entry);
      } else {
        seenTrails.set(description.TrailARN, { description, readers: [entry] });
      }
    }
  }
  return {
    account,
    region,
    partition,
    functions: 'value' in functions ? functions : { unknown: apiFailure('lambda:ListFunctions', functions.error) },
    trailsUnknown: 'error' in trails ? apiFailure('cloudtrail:DescribeTrails', trails.error) : undefined,
    eventDataStores,
  };
}

async function organizationAccounts(
  caller: AwsClients, homeRegion: string, partition: string, roleName: string,
  concurrency: number, progress: Progress, assumptions: string[],
): Promise<AccountToRead[]> {
  const listed: { Id?: string; Status?: string; State?: string }[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await caller.organizations(homeRegion).send(new ListAccountsCommand({ NextToken: token }));
      listed.push(...(page.Accounts ?? []));
      token = page.NextToken;
    } while (token);
  } catch (error) {
    throw new UsageError(`--organization: cannot list the organization's accounts: ${apiFailure('organizations:ListAccounts', error)}. Expected credentials of the management account or a delegated administrator.`);
  }
  const active = listed.filter(a => a.Id && (a.State ?? a.Status) === 'ACTIVE').map(a => a.Id!);
  const inactive = listed.filter(a => a.Id && (a.State ?? a.Status) !== 'ACTIVE').map(a => a.Id!);
  if (inactive.length) assumptions.push(`Accounts of the organization that are not active were not audited: ${inactive.join(', ')}.`);
  progress.info(`organization: ${count(active.length, 'active account')}; assuming ${roleName} in each member`);
  return mapWithConcurrency(active.sort(), concurrency, async account => {
    if (account === caller.account) return { account, clients: caller };
    const clients = caller.assumeRole(`arn:${partition}:iam::${account}:role/${roleName}`, account);
    try {
      await clients.resolveCredentials();
      return { account, clients };
    } catch (error) {
      return { account, clients, unreachable: apiFailure(`sts:AssumeRole ${roleName}`, error) };
    }
  });
}

/** The region to start from: `--region`, else the SDK's own chain (AWS_REGION, the profile's region). */
export async function resolveHomeRegion(settings: AwsSettings): Promise<string> {
  if (settings.region) return settings.region;
  const env = settings.env ?? process.env;
  const fromEnv = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (fromEnv) {
    checkRegionName(env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION', fromEnv);
    return fromEnv;
  }
  // The SDK's own resolution reads the shared config file (and the profile's region).
  const probe = new STSClient(settings.profile ? { profile: settings.profile } : {});
  try {
    const region = await probe.config.region();
    if (region) {
      checkRegionName(`the region of the profile ${settings.profile ?? env.AWS_PROFILE ?? 'default'}`, region);
      return region;
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // No region anywhere: the error below says where to give one.
  } finally {
    probe.destroy();
  }
  throw new UsageError('no region: pass --region, set AWS_REGION, or give the profile a region (the audit starts there and then reads every enabled region)');
}

function sortRegions<T extends { readonly account: string; readonly region?: string }>(regions: T[]): T[] {
  return [...regions].sort((a, b) => `${a.account}/${a.region ?? ''}`.localeCompare(`${b.account}/${b.region ?? ''}`));
}
