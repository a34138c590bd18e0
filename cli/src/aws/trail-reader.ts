// Reads CloudTrail trails as the API describes them. `remediate` reuses it to read a trail before
// changing it, so it returns what the API said (SDK shapes) and why a part could not be read.
import {
  AdvancedEventSelector, DescribeTrailsCommand, EventSelector, GetEventSelectorsCommand, GetTrailStatusCommand, ListTagsCommand, Trail,
} from '@aws-sdk/client-cloudtrail';
import type { Readout } from './account-reader';
import { AwsClients } from './aws-clients';
import { apiFailure } from '../errors';

/** A trail with its status and selectors, each either read or the reason it could not be. */
export interface LiveTrail {
  /** What DescribeTrails said (in any region: a shadow trail describes the same trail). */
  readonly description: Trail & { TrailARN: string };
  readonly arn: string;
  readonly name: string;
  /** The account that owns the trail (from its ARN). */
  readonly account: string;
  readonly homeRegion: string;
  readonly isLogging: boolean | { readonly unknown: string };
  /** The S3 error CloudTrail last met delivering log files (GetTrailStatus LatestDeliveryError), when it reports one. */
  readonly deliveryError?: string;
  /** When it last delivered a log file (LatestDeliveryTime), when it has. */
  readonly latestDelivery?: Date;
  readonly selectors: TrailSelectors | { readonly unknown: string };
}

/** A trail's selectors as GetEventSelectors returns them: basic or advanced. */
export interface TrailSelectors {
  readonly eventSelectors?: EventSelector[];
  readonly advancedEventSelectors?: AdvancedEventSelector[];
}

/** The parts of a trail ARN: `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`. */
export function parseTrailArn(arn: string): { partition: string; region: string; account: string; name: string } | undefined {
  const match = /^arn:([^:]+):cloudtrail:([^:]+):(\d{12}):trail\/(.+)$/.exec(arn);
  return match ? { partition: match[1], region: match[2], account: match[3], name: match[4] } : undefined;
}

/**
 * The trails DescribeTrails shows in one region, shadow trails included (a multi-region trail of
 * another region, an organization trail of the management account).
 */
export async function describeTrails(clients: AwsClients, region: string): Promise<(Trail & { TrailARN: string })[]> {
  const answer = await clients.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  return (answer.trailList ?? []).filter((t): t is Trail & { TrailARN: string } => typeof t.TrailARN === 'string');
}

/**
 * Status and selectors of a trail, asked in its home region (CloudTrail answers GetEventSelectors
 * only there); a failure of either is kept as the reason.
 */
export async function readTrail(clients: AwsClients, description: Trail & { TrailARN: string }): Promise<LiveTrail> {
  const parsed = parseTrailArn(description.TrailARN);
  const homeRegion = description.HomeRegion ?? parsed?.region ?? '';
  const client = clients.cloudTrail(homeRegion);
  const [status, selectors] = await Promise.all([
    client.send(new GetTrailStatusCommand({ Name: description.TrailARN }))
      .then(s => ({
        isLogging: typeof s.IsLogging === 'boolean' ? s.IsLogging : { unknown: 'cloudtrail:GetTrailStatus: the answer has no IsLogging' },
        deliveryError: s.LatestDeliveryError || undefined,
        latestDelivery: s.LatestDeliveryTime,
      }))
      .catch(error => ({ isLogging: { unknown: apiFailure('cloudtrail:GetTrailStatus', error) } })),
    client.send(new GetEventSelectorsCommand({ TrailName: description.TrailARN }))
      .then(s => ({ eventSelectors: s.EventSelectors, advancedEventSelectors: s.AdvancedEventSelectors }))
      .catch(error => ({ unknown: apiFailure('cloudtrail:GetEventSelectors', error) })),
  ]);
  return {
    description,
    arn: description.TrailARN,
    name: description.Name ?? parsed?.name ?? description.TrailARN,
    account: parsed?.account ?? '',
    homeRegion,
    ...status,
    selectors,
  };
}

/** A trail's tags (ListTags, in its home region), or why they could not be read. */
export async function readTrailTags(clients: AwsClients, trail: Pick<LiveTrail, 'arn' | 'homeRegion'>): Promise<Readout<Record<string, string>>> {
  try {
    const answer = await clients.cloudTrail(trail.homeRegion).send(new ListTagsCommand({ ResourceIdList: [trail.arn] }));
    const tags = (answer.ResourceTagList ?? []).find(r => r.ResourceId === trail.arn)?.TagsList ?? [];
    return { value: Object.fromEntries(tags.filter(t => t.Key).map(t => [t.Key!, t.Value ?? ''])) };
  } catch (error) {
    return { unknown: apiFailure('cloudtrail:ListTags', error) };
  }
}
