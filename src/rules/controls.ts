// The controls findings serve, named the way auditors cite them.
export const LAMBDA_CONTROL = 'CIS-style control: CloudTrail records Lambda function invocation API operations';
export const SOC2_MONITORING = 'SOC 2 CC7.2 (monitoring of system components)';
export const SOC2_ACCESS = 'SOC 2 CC6.1 (logical access security, protection of information)';
export const ISO_LOGGING = 'ISO 27001:2022 A.8.15 (logging)';
export const ISO_MONITORING = 'ISO 27001:2022 A.8.16 (monitoring activities)';
export const ISO_CRYPTO = 'ISO 27001:2022 A.8.24 (use of cryptography)';
export const NIST_AU2 = 'NIST 800-53 AU-2 (event logging)';
export const NIST_AU9 = 'NIST 800-53 AU-9 (protection of audit information)';
export const NIST_AU10 = 'NIST 800-53 AU-10 (non-repudiation)';
export const NIST_AU12 = 'NIST 800-53 AU-12 (audit record generation)';
export const NIST_SI4 = 'NIST 800-53 SI-4 (system monitoring)';
export const NIST_SC28 = 'NIST 800-53 SC-28 (protection of information at rest)';
export const NIST_SC8 = 'NIST 800-53 SC-8 (transmission confidentiality and integrity)';
export const NIST_AC3 = 'NIST 800-53 AC-3 (access enforcement)';

export const EVENT_LOGGING = [LAMBDA_CONTROL, SOC2_MONITORING, ISO_LOGGING, NIST_AU2, NIST_AU12];
export const LOG_PROTECTION = [SOC2_ACCESS, ISO_LOGGING, NIST_AU9];
