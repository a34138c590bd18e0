// Sending evaluations to AWS Config, and finding the ones that went stale. PutEvaluations takes at
// most 100 evaluations a call; a run sends them in batches with the event's result token. An
// evaluation AWS Config refuses (FailedEvaluations) fails the run, so that Lambda reports the error.
import {
  ComplianceType as SdkComplianceType, ConfigServiceClient, Evaluation, GetComplianceDetailsByConfigRuleCommand, ListDiscoveredResourcesCommand,
  PutEvaluationsCommand, ResourceType,
} from '@aws-sdk/client-config-service';
import { ComplianceType, RuleEvaluation } from './evaluations';
import type { Readout } from '../aws/account-reader';
import { apiFailure } from '../errors';

/** PutEvaluations' limit on the evaluations of one call. */
export const MAX_EVALUATIONS_PER_CALL = 100;

/** Sends the evaluations in batches; returns the number of calls made. */
export async function putEvaluations(
  client: ConfigServiceClient, resultToken: string, orderingTimestamp: Date, evaluations: readonly RuleEvaluation[],
): Promise<number> {
  const failed: string[] = [];
  let calls = 0;
  for (let i = 0; i < evaluations.length; i += MAX_EVALUATIONS_PER_CALL) {
    const batch: Evaluation[] = evaluations.slice(i, i + MAX_EVALUATIONS_PER_CALL).map(e => ({
      ComplianceResourceType: e.resourceType,
      ComplianceResourceId: e.resourceId,
      ComplianceType: e.compliance as SdkComplianceType,
      Annotation: e.annotation,
      OrderingTimestamp: orderingTimestamp,
    }));
    const answer = await client.send(new PutEvaluationsCommand({ ResultToken: resultToken, Evaluations: batch }));
    calls++;
    for (const f of answer.FailedEvaluations ?? []) failed.push(`${f.ComplianceResourceType} ${f.ComplianceResourceId}`);
  }
  if (failed.length) {
    throw new Error(`config:PutEvaluations: AWS Config refused ${failed.length} of ${evaluations.length} evaluations: ${failed.slice(0, 10).join(', ')}${failed.length > 10 ? ', …' : ''}`);
  }
  return calls;
}

/** A resource the rule has evaluated before (COMPLIANT or NON_COMPLIANT), as AWS Config keeps it. */
export interface EvaluatedResource {
  readonly resourceType: string;
  readonly resourceId: string;
}

/**
 * The resources of the given types that the rule's current results name
 * (config:GetComplianceDetailsByConfigRule, all pages), or why they could not be read.
 */
export async function evaluatedResources(
  client: ConfigServiceClient, ruleName: string, types: readonly string[],
): Promise<Readout<EvaluatedResource[]>> {
  const found: EvaluatedResource[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new GetComplianceDetailsByConfigRuleCommand({
        ConfigRuleName: ruleName,
        ComplianceTypes: [ComplianceType.COMPLIANT, ComplianceType.NON_COMPLIANT] as SdkComplianceType[],
        Limit: 100,
        NextToken: token,
      }));
      for (const result of page.EvaluationResults ?? []) {
        const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
        if (qualifier?.ResourceType && qualifier.ResourceId && types.includes(qualifier.ResourceType)) {
          found.push({ resourceType: qualifier.ResourceType, resourceId: qualifier.ResourceId });
        }
      }
      token = page.NextToken;
    } while (token);
  } catch (error) {
    return { unknown: apiFailure('config:GetComplianceDetailsByConfigRule', error) };
  }
  return { value: found };
}

/** NOT_APPLICABLE for each resource evaluated before that the run no longer finds: AWS Config then drops its result. */
export function withdrawals(previous: readonly EvaluatedResource[], current: readonly RuleEvaluation[], why: string): RuleEvaluation[] {
  const seen = new Set(current.map(e => `${e.resourceType}\n${e.resourceId}`));
  const stale = previous.filter(p => !seen.has(`${p.resourceType}\n${p.resourceId}`));
  const unique = [...new Map(stale.map(p => [`${p.resourceType}\n${p.resourceId}`, p])).values()];
  return unique.map(p => ({ resourceType: p.resourceType, resourceId: p.resourceId, compliance: ComplianceType.NOT_APPLICABLE, annotation: why }));
}

/**
 * AWS Config's own resource ids of the region's resources of a type, by resource name and by the name
 * at the end of the id when the id is an ARN (config:ListDiscoveredResources, all pages): the id an
 * evaluation must carry to land on the resource in AWS Config's inventory. Empty when AWS Config
 * records no resource of the type; why, when the call failed.
 */
export async function discoveredIds(
  client: ConfigServiceClient, resourceType: string, nameOfArn: (arn: string) => string,
): Promise<Readout<Map<string, string>>> {
  const ids = new Map<string, string>();
  try {
    let token: string | undefined;
    do {
      const request = { resourceType: resourceType as ResourceType, limit: 100, nextToken: token };
      const page = await client.send(new ListDiscoveredResourcesCommand(request));
      for (const resource of page.resourceIdentifiers ?? []) {
        if (!resource.resourceId) continue;
        if (resource.resourceName) ids.set(resource.resourceName, resource.resourceId);
        if (resource.resourceId.startsWith('arn:')) ids.set(nameOfArn(resource.resourceId), resource.resourceId);
      }
      token = page.nextToken;
    } while (token);
  } catch (error) {
    return { unknown: apiFailure('config:ListDiscoveredResources', error) };
  }
  return { value: ids };
}
