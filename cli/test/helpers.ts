import * as fs from 'fs';
import * as path from 'path';
import { ApiCall, iamActionOf } from '../src/aws/aws-clients';

/** The corpus of CloudFormation templates the library's CfnInclude tests use. */
export const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');

/** A template of the corpus; `account` replaces the corpus's account (111111111111) everywhere in it. */
export function fixture(name: string, account?: string): any {
  const text = fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
  return JSON.parse(account ? text.split('111111111111').join(account) : text);
}

/** The actions the least-privilege policy for `audit` allows (docs/iam/lambda-trail-audit-policy.json). */
export function auditPolicyActions(): Set<string> {
  return policyActions('lambda-trail-audit-policy.json');
}

/** The actions the least-privilege policy for `remediate` allows (docs/iam/lambda-trail-remediate-policy.json). */
export function remediatePolicyActions(): Set<string> {
  return policyActions('lambda-trail-remediate-policy.json');
}

/** The actions the least-privilege policy for `verify` allows (docs/iam/lambda-trail-verify-policy.json). */
export function verifyPolicyActions(): Set<string> {
  return policyActions('lambda-trail-verify-policy.json');
}

function policyActions(file: string): Set<string> {
  const policy = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'iam', file), 'utf8'));
  return new Set(policy.Statement.flatMap((s: any) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

/** A call log for the SDK middleware (every API call the audit makes). */
export function callLog(): { calls: ApiCall[]; onCall: (call: ApiCall) => void; actions: () => string[] } {
  const calls: ApiCall[] = [];
  return { calls, onCall: call => calls.push(call), actions: () => [...new Set(calls.map(iamActionOf))].sort() };
}

/** Read-only operations: what the audit may call. */
export function isReadOnly(action: string): boolean {
  const operation = action.split(':')[1];
  return /^(Describe|Get|List)/.test(operation) || action === 'sts:AssumeRole';
}
