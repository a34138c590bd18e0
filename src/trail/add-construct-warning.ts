// Adds a construct warning (construct-warnings.ts) to a construct, acknowledgeable by its id.
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CONSTRUCT_WARNING_METADATA, ConstructWarning, ConstructWarningMetadata } from './construct-warnings';
import { messageOf } from '../engine/finding-message';

/**
 * Adds the warning to `scope`, acknowledgeable by its id: `[id] title: detail. Fix: fix`, as the
 * rules' messages read, followed by `appendix` (policy statements to paste) on the next lines.
 */
export function addConstructWarning(scope: IConstruct, warning: ConstructWarning, detail: string, appendix?: string): void {
  const message = messageOf({ ...warning, detail });
  Validations.of(scope).addWarning(warning.id, appendix === undefined ? message : `${message}\n${appendix}`);
  const data: ConstructWarningMetadata = { id: warning.id, detail, message };
  scope.node.addMetadata(CONSTRUCT_WARNING_METADATA, data);
}
