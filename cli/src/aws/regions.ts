import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { partition } from '@aws-sdk/core/client';
import { AwsClients } from './aws-clients';
import { apiFailure, UsageError } from '../errors';

/** The regions to audit in one account. */
export interface AccountRegions {
  /** Regions enabled for the account (or the ones asked for, when enabled). */
  readonly enabled: string[];
  /** Opt-in regions the account has not enabled: no function can run there. */
  readonly notEnabled: string[];
  /** Regions asked for that are not enabled for the account: what they hold cannot be read. */
  readonly requestedButDisabled: string[];
  /**
   * Regions enabled for the account that were not asked for (empty when every region is audited):
   * CloudTrail Lake event data stores homed there are listed only there.
   */
  readonly notAskedFor: string[];
  /** Why the regions could not be listed, when they could not (the requested regions are used then). */
  readonly unreadable?: string;
}

/**
 * The regions of an account, from `ec2:DescribeRegions` (every region with its opt-in status), limited
 * to `only` when given.
 */
export async function regionsOf(clients: AwsClients, homeRegion: string, only?: readonly string[]): Promise<AccountRegions> {
  try {
    const answer = await clients.ec2(homeRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
    const all = (answer.Regions ?? []).filter(r => r.RegionName);
    const isEnabled = (status: string | undefined) => status !== 'not-opted-in';
    const enabledNames = all.filter(r => isEnabled(r.OptInStatus)).map(r => r.RegionName!).sort();
    const notEnabled = all.filter(r => !isEnabled(r.OptInStatus)).map(r => r.RegionName!).sort();
    if (!only) return { enabled: enabledNames, notEnabled, requestedButDisabled: [], notAskedFor: [] };
    return {
      enabled: only.filter(r => enabledNames.includes(r) || !notEnabled.includes(r)),
      notEnabled: [],
      requestedButDisabled: only.filter(r => notEnabled.includes(r)),
      // Of the partition of the regions asked for: a store of this partition's account is homed in one of them.
      notAskedFor: enabledNames.filter(r => !only.includes(r) && only.some(asked => partitionOf(asked) === partitionOf(r))),
    };
  } catch (error) {
    return { enabled: only ? [...only] : [], notEnabled: [], requestedButDisabled: [], notAskedFor: [], unreadable: apiFailure('ec2:DescribeRegions', error) };
  }
}

/** The partition of a region (the ARNs the audit writes follow it), from the AWS SDK's partition data. */
export function partitionOf(region: string): string {
  return partition(region).name;
}

/**
 * True when the name is a region of an AWS partition: one the AWS SDK's partition data lists (the
 * data its clients resolve endpoints with, current with the SDK). A name that only looks like one
 * (`eu-westt-1`) is not: every call there would fail.
 */
export function isKnownRegion(region: string): boolean {
  // partition() merges a listed region's entry (its description) into the answer; a name that only
  // matches a partition's pattern gets the partition's outputs alone. (Its type does not declare the
  // entry's fields: a test pins this behaviour.)
  return REGION_NAME.test(region) && (partition(region) as { description?: string }).description !== undefined;
}

/**
 * A UsageError unless the name is a region of an AWS partition (`source`: the flag or variable it
 * came from), before any call is made there.
 */
export function checkRegionName(source: string, region: string): void {
  if (isKnownRegion(region)) return;
  throw new UsageError(`${source} '${region}' is not an AWS region; expected a region of an AWS partition such as us-east-1 or eu-west-1, `
    + 'as the partition data of the AWS SDK this CLI uses lists them (aws ec2 describe-regions --all-regions lists an account\'s)');
}

/** The shape of a region name (no pseudo-regions such as aws-global). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
