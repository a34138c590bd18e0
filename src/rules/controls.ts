// The controls findings serve, as frameworks and the frameworks' own ids (the way auditors cite them,
// and the shape of cfn-guard's ComplianceFrameworkMappings).

/** A control of a compliance framework. */
export interface ControlMapping {
  /** The framework, e.g. `NIST-800-53-r5`, `SOC2`, `ISO-27001-2022`. */
  readonly framework: string;
  /** The framework's id of the control, e.g. `AU-2`, `CC7.2`, `A.8.15`. */
  readonly id: string;
  /** The control's name. */
  readonly title: string;
}

const control = (framework: string, id: string, title: string): ControlMapping => ({ framework, id, title });

export const LAMBDA_CONTROL = control('CIS-style', 'CloudTrail-Lambda-data-events', 'CloudTrail records Lambda function invocation API operations');
export const SOC2_MONITORING = control('SOC2', 'CC7.2', 'Monitoring of system components');
export const SOC2_ACCESS = control('SOC2', 'CC6.1', 'Logical access security, protection of information');
export const ISO_LOGGING = control('ISO-27001-2022', 'A.8.15', 'Logging');
export const ISO_MONITORING = control('ISO-27001-2022', 'A.8.16', 'Monitoring activities');
export const ISO_CRYPTO = control('ISO-27001-2022', 'A.8.24', 'Use of cryptography');
export const NIST_AU2 = control('NIST-800-53-r5', 'AU-2', 'Event logging');
export const NIST_AU9 = control('NIST-800-53-r5', 'AU-9', 'Protection of audit information');
export const NIST_AU10 = control('NIST-800-53-r5', 'AU-10', 'Non-repudiation');
export const NIST_AU11 = control('NIST-800-53-r5', 'AU-11', 'Audit record retention');
export const NIST_AU12 = control('NIST-800-53-r5', 'AU-12', 'Audit record generation');
export const NIST_SI4 = control('NIST-800-53-r5', 'SI-4', 'System monitoring');
export const NIST_SC28 = control('NIST-800-53-r5', 'SC-28', 'Protection of information at rest');
export const NIST_SC8 = control('NIST-800-53-r5', 'SC-8', 'Transmission confidentiality and integrity');
export const NIST_AC3 = control('NIST-800-53-r5', 'AC-3', 'Access enforcement');

export const EVENT_LOGGING = [LAMBDA_CONTROL, SOC2_MONITORING, ISO_LOGGING, NIST_AU2, NIST_AU12];
export const LOG_PROTECTION = [SOC2_ACCESS, ISO_LOGGING, NIST_AU9];

/** A control for people: `NIST-800-53-r5 AU-2 (Event logging)`. */
export function describeControl(c: ControlMapping): string {
  return `${c.framework} ${c.id} (${c.title})`;
}
