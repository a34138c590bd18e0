// The only writes the CLI makes: PutEventSelectors (the planned selector set, whole, as CloudTrail
// replaces it) and StartLogging, in the trail's home region (CloudTrail accepts changes to a trail only
// there), by ARN (as an organization trail's delegated administrator must). They run in that order,
// so that a trail starts logging with its complete selectors; the first failure stops the rest.
import { PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import type { SelectorSet } from './selector-plan';
import type { AwsClients } from '../aws/aws-clients';
import { apiFailure } from '../errors';
import { count } from '../output/count';

/** One write of a plan: the IAM action and what it does. */
export interface WriteStep {
  readonly action: 'cloudtrail:PutEventSelectors' | 'cloudtrail:StartLogging';
  readonly does: string;
}

export interface ApplyResult {
  readonly applied: WriteStep[];
  readonly notApplied: WriteStep[];
  /** The failed call and its error, when one failed. */
  readonly failure?: string;
}

export interface TrailToChange {
  readonly arn: string;
  readonly homeRegion: string;
}

/** The writes a plan needs, in the order they are made. */
export function writeSteps(selectors: SelectorSet | undefined, startLogging: boolean): WriteStep[] {
  return [
    ...(selectors ? [{
      action: 'cloudtrail:PutEventSelectors' as const,
      does: `replace the event selectors with the ${count(selectors.selectors.length, `${selectors.kind} selector`)} planned`,
    }] : []),
    ...(startLogging ? [{ action: 'cloudtrail:StartLogging' as const, does: 'start logging' }] : []),
  ];
}

export async function applyChanges(
  clients: AwsClients, trail: TrailToChange, selectors: SelectorSet | undefined, startLogging: boolean,
): Promise<ApplyResult> {
  const steps = writeSteps(selectors, startLogging);
  const client = clients.cloudTrail(trail.homeRegion);
  const applied: WriteStep[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      if (step.action === 'cloudtrail:PutEventSelectors') {
        await client.send(new PutEventSelectorsCommand(selectors!.kind === 'basic'
          ? { TrailName: trail.arn, EventSelectors: [...selectors!.selectors] }
          : { TrailName: trail.arn, AdvancedEventSelectors: [...selectors!.selectors] }));
      } else {
        await client.send(new StartLoggingCommand({ Name: trail.arn }));
      }
      applied.push(step);
    } catch (error) {
      return { applied, notApplied: steps.slice(index), failure: apiFailure(step.action, error) };
    }
  }
  return { applied, notApplied: [] };
}
