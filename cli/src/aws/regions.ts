import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { AwsClients } from './aws-clients';
import { apiFailure } from '../errors';

/** The regions to audit in one account. */
export interface AccountRegions {
  /** Regions enabled for the account (or the ones asked for, when enabled). */
  readonly enabled: string[];
  /** Opt-in regions the account has not enabled: no function can run there. */
  readonly notEnabled: string[];
  /** Regions asked for that are not enabled for the account: what they hold cannot be read. */
  readonly requestedButDisabled: string[];
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
    if (!only) return { enabled: enabledNames, notEnabled, requestedButDisabled: [] };
    return {
      enabled: only.filter(r => enabledNames.includes(r) || !notEnabled.includes(r)),
      notEnabled: [],
      requestedButDisabled: only.filter(r => notEnabled.includes(r)),
    };
  } catch (error) {
    return { enabled: only ? [...only] : [], notEnabled: [], requestedButDisabled: [], unreadable: apiFailure('ec2:DescribeRegions', error) };
  }
}

/** The partition of a region (the ARNs the audit writes follow it). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}
