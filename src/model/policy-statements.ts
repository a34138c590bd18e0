// Reading resolved IAM policy documents (bucket and key policies) for the rules that check them.

/** The statements of a resolved policy document, or undefined when they are not known at synth. */
export function statementsOf(document: any): any[] | undefined {
  if (document === undefined || document === null || typeof document !== 'object') return undefined;
  const statements = document.Statement;
  if (Array.isArray(statements)) return statements.filter(s => s && typeof s === 'object');
  if (statements && typeof statements === 'object') return [statements];
  return undefined;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether the statement's principal includes the given service (or everyone). */
export function principalIncludesService(statement: any, service: string): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asList(principal.Service).includes(service) || asList(principal.AWS).includes('*');
}

/** Whether the statement's actions include the action (wildcards honoured). */
export function actionsInclude(statement: any, action: string): boolean {
  return asList(statement.Action).some(pattern => typeof pattern === 'string' && wildcardMatches(pattern.toLowerCase(), action.toLowerCase()));
}

function wildcardMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

/** The condition keys a statement tests, lower-cased. */
export function conditionKeys(statement: any): string[] {
  const condition = statement.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return Object.values(condition).flatMap(block => (block && typeof block === 'object' ? Object.keys(block) : [])).map(k => k.toLowerCase());
}

/** Whether a statement denies requests over plain HTTP (aws:SecureTransport false). */
export function deniesInsecureTransport(statement: any): boolean {
  if (statement.Effect !== 'Deny') return false;
  const bool = statement.Condition?.Bool;
  const value = bool?.['aws:SecureTransport'];
  return asList(value).some(v => v === false || v === 'false');
}
