// The command line: `lambda-trail <check|audit|remediate|verify> [flags]`, `help [command]` and `--version`, and the
// usage of every command. check, audit and remediate are parsed here; verify parses its flags in
// verify/verify-args.ts with this module's helpers. Every bad flag is a UsageError that names the flag, what was
// given and what is expected (exit code 2).
import { parseArgs, ParseArgsConfig } from 'util';
import { checkRegionName, partitionOf } from './aws/regions';
import { parseTrailArn } from './aws/trail-reader';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './concurrency';
import { UsageError } from './errors';

export type OutputFormat = 'summary' | 'json' | 'sarif';
const FORMATS: OutputFormat[] = ['summary', 'json', 'sarif'];

/** Flags every command takes. */
export interface CommonFlags {
  readonly format: OutputFormat;
  readonly strict: boolean;
  readonly quiet: boolean;
  readonly acknowledgements?: string;
}

export interface CheckArgs extends CommonFlags {
  readonly command: 'check';
  readonly paths: string[];
  readonly account?: string;
  readonly region?: string;
  /** `--stack-name`: the name of the one template file's stack; otherwise unknown. */
  readonly stackName?: string;
  readonly parameters: Record<string, string>;
}

/** Where AWS calls go (audit, remediate, verify): `--profile`, `--region`, `--endpoint-url`. */
export interface AwsFlags {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

export interface AuditArgs extends CommonFlags, AwsFlags {
  readonly command: 'audit';
  readonly regions?: string[];
  readonly organization: boolean;
  readonly roleName?: string;
  readonly concurrency: number;
}

export interface RemediateArgs extends AwsFlags {
  readonly command: 'remediate';
  readonly format: 'summary' | 'json';
  readonly quiet: boolean;
  readonly acknowledgements?: string;
  readonly trail: string;
  /** `--only`: function names or ARNs; undefined with `--all` (the default). */
  readonly only?: string[];
  readonly apply: boolean;
  readonly force: boolean;
}

export type CliArgs = CheckArgs | AuditArgs | RemediateArgs | { readonly command: 'help'; readonly topic?: string } | { readonly command: 'version' };

type Command = 'check' | 'audit' | 'remediate' | 'verify';

const PROFILE = '  --profile NAME                 A profile of the shared AWS config files (default: the standard chain)';
const ENDPOINT = '  --endpoint-url URL             Send every call to URL (an emulator); AWS_ENDPOINT_URL is honoured too';
const UNEXPECTED = '3 an unexpected error (a bug: the message and stack trace are on stderr)';

/** Each command's line in the list of commands, its own flags, and its exit codes. */
const COMMANDS: Record<Command, { readonly synopsis: string; readonly summary: string; readonly flags: string; readonly exitCodes: string }> = {
  check: {
    synopsis: 'check <cdk.out | template...>',
    summary: 'Check CloudFormation templates (JSON or YAML) or cloud assemblies',
    flags: `  --account ID                   The account the templates deploy to (default: unknown)
  --region REGION                The region the templates deploy to (default: unknown)
  --stack-name NAME              The stack name the one template deploys as (default: unknown; not for cdk.out,
                                 whose manifest names its stacks)
  --parameter NAME=VALUE         A template parameter's value (repeatable; others are unknown)`,
    exitCodes: `0 no unacknowledged error (with --strict: nor warning), 1 unacknowledged findings, 2 bad flags or input,\n${UNEXPECTED}`,
  },
  audit: {
    synopsis: 'audit',
    summary: 'Audit a live account (or, with --organization, every member account)',
    flags: `${PROFILE}
  --region REGION                The region to start from (default: AWS_REGION or the profile's)
  --regions R1,R2                Audit only these regions, of one partition (default: every region enabled for the account)
${ENDPOINT}
  --organization                 Audit every active account of the organization (management or delegated admin)
  --role-name NAME               With --organization: the role to assume in each member account
  --concurrency N                Accounts (and regions of one account) read at once (default: ${DEFAULT_CONCURRENCY})`,
    exitCodes: `0 no unacknowledged error (with --strict: nor warning), 1 unacknowledged findings, 2 bad flags or input,\n${UNEXPECTED}`,
  },
  remediate: {
    synopsis: 'remediate --trail NAME|ARN',
    summary: `Plan (and with --apply make) the change that makes a live trail record
                                 Lambda data events of every function (or only some), read and write`,
    flags: `  --trail NAME|ARN               The trail to change (a name is looked up in --region; changes go to its home region)
  --all                          Record every function's data events, read and write (the default)
  --only F1,F2                   Record only these functions (names in the home region, or ARNs), with their
                                 versions and aliases: the control's backout plan; --all restores every function
  --apply                        Make the change (without it, only the plan is printed)
  --force                        Change a trail that a CloudFormation stack owns (the stack then drifts), or record
                                 an --only function whose existence cannot be read
${PROFILE}
  --region REGION                Where a trail name is looked up (default: AWS_REGION or the profile's)
${ENDPOINT}`,
    exitCodes: `0 planned, applied or nothing to change, 1 a change failed (the output says what was and was not applied),
2 refused or bad input (nothing was changed), ${UNEXPECTED}`,
  },
  verify: {
    synopsis: 'verify --trail T --function F',
    summary: 'Invoke function F once and wait for its Invoke record in trail T\'s logs',
    flags: `  --trail NAME|ARN               The trail whose CloudWatch Logs group (or, without one, S3 log files) is searched
  --function NAME|ARN            The one function to invoke (asynchronously, once, with {"lambdaTrailVerify":true}); a
                                 name is a function of --region
  --timeout 15m                  How long to wait for the record (s, m or h; default 15m, at most 24h)
  --poll-interval 15s            How often to look (default 15s)
${PROFILE}
  --region REGION                Where the names are looked up (default: AWS_REGION or the profile's)
${ENDPOINT}`,
    exitCodes: `0 the record arrived, 1 it did not arrive within --timeout (or cannot: the log group does not exist),
2 bad input or a check that could not be made (nothing invoked, or the invocation failed), ${UNEXPECTED}`,
  },
};

const ACKNOWLEDGEMENTS = '  --acknowledgements FILE        Acknowledged findings: {"acknowledgements":[{"resource","rule","reason"}]}, or the array alone';
const QUIET = '  --quiet                        No progress on stderr';
const HELP = '  -h, --help                     This help; --version prints the version';

/** The flags every command takes, as `lambda-trail --help` lists them once. */
const COMMON_FLAGS = `  --format summary|json|sarif    Output on stdout (default: summary; json is the report, sarif is SARIF 2.1.0;
                                 remediate and verify: summary or json)
${ACKNOWLEDGEMENTS}
  --strict                       Exit 1 on unacknowledged warnings too (check and audit)
${QUIET}
${HELP}`;

/** The same flags for check and audit alone. */
const CHECK_AND_AUDIT_FLAGS = `  --format summary|json|sarif    Output on stdout (default: summary; json is the report, sarif is SARIF 2.1.0)
${ACKNOWLEDGEMENTS}
  --strict                       Exit 1 on unacknowledged warnings too
${QUIET}
${HELP}`;

/** The flags of every command that one command takes, as its own help lists them. */
const COMMON_FLAGS_OF: Record<Command, string> = {
  check: CHECK_AND_AUDIT_FLAGS,
  audit: CHECK_AND_AUDIT_FLAGS,
  remediate: `  --format summary|json          The plan on stdout (default: summary)
${ACKNOWLEDGEMENTS}
${QUIET}
${HELP}`,
  verify: `  --format summary|json          What was invoked and found, on stdout (default: summary)
${QUIET}
${HELP}`,
};

/** The usage of every command (`lambda-trail --help`). */
export const USAGE = `Usage: lambda-trail <command> [flags]

Commands:
${Object.values(COMMANDS).map(c => `  ${c.synopsis.padEnd(31)}${c.summary}`).join('\n')}

Flags of every command (verify takes only --format summary|json, --quiet and --help of them):
${COMMON_FLAGS}

${Object.entries(COMMANDS).map(([name, c]) => `${name}:\n${c.flags}`).join('\n\n')}

Exit codes: ${COMMANDS.check.exitCodes}.
remediate: ${COMMANDS.remediate.exitCodes}.
verify: ${COMMANDS.verify.exitCodes}.
Each command's flags alone: lambda-trail <command> --help.`;

/** The usage of one command (`lambda-trail <command> --help`, `lambda-trail help <command>`); of every command otherwise. */
export function usageOf(topic: string | undefined): string {
  if (!topic || !(topic in COMMANDS)) return USAGE;
  const command = topic as Command;
  const c = COMMANDS[command];
  return `Usage: lambda-trail ${c.synopsis} [flags]

${c.summary.replace(/\s+/g, ' ')}

Flags:
${c.flags}
${COMMON_FLAGS_OF[command]}

Exit codes: ${c.exitCodes}.`;
}

const COMMON = {
  format: { type: 'string' },
  acknowledgements: { type: 'string' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const CHECK = {
  ...COMMON,
  'account': { type: 'string' },
  'region': { type: 'string' },
  'stack-name': { type: 'string' },
  'parameter': { type: 'string', multiple: true },
} as const;

/** The flags of every command that calls AWS (audit, remediate, verify): read by `awsFlagsOf`. */
export const AWS_FLAG_OPTIONS = {
  'profile': { type: 'string' },
  'region': { type: 'string' },
  'endpoint-url': { type: 'string' },
} as const;

const AUDIT = {
  ...COMMON,
  ...AWS_FLAG_OPTIONS,
  'regions': { type: 'string' },
  'organization': { type: 'boolean' },
  'role-name': { type: 'string' },
  'concurrency': { type: 'string' },
} as const;

const REMEDIATE = {
  format: { type: 'string' },
  acknowledgements: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  trail: { type: 'string' },
  all: { type: 'boolean' },
  only: { type: 'string' },
  apply: { type: 'boolean' },
  force: { type: 'boolean' },
  ...AWS_FLAG_OPTIONS,
} as const;


export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  // Without a command there is nothing to do: a usage error (exit 2), as a bad flag is; help is asked for.
  if (command === undefined) throw new UsageError('no command given; expected check, audit, remediate or verify', true);
  if (command === 'help' || command === '--help' || command === '-h') return { command: 'help', topic: rest[0] };
  if (command === '--version' || command === 'version') return { command: 'version' };
  if (command !== 'check' && command !== 'audit' && command !== 'remediate') {
    throw new UsageError(`unknown command '${command}'; expected check, audit, remediate or verify (lambda-trail --help)`);
  }
  const options = command === 'check' ? CHECK : command === 'audit' ? AUDIT : REMEDIATE;
  const parsed = parseFlags(command, rest, options);
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values.help) return { command: 'help', topic: command };
  if (command === 'remediate') return remediateArgs(values, parsed.positionals);
  const common: CommonFlags = {
    format: formatOf(values.format as string | undefined),
    strict: Boolean(values.strict),
    quiet: Boolean(values.quiet),
    acknowledgements: nonEmpty('--acknowledgements', values.acknowledgements as string | undefined),
  };
  if (command === 'check') {
    if (parsed.positionals.length === 0) {
      throw new UsageError('check: no input given; expected a cdk.out directory or CloudFormation template files (JSON or YAML)');
    }
    return {
      command,
      ...common,
      paths: parsed.positionals,
      account: accountOf(values.account as string | undefined),
      region: regionOf('--region', values.region as string | undefined),
      stackName: stackNameOf(values['stack-name'] as string | undefined, parsed.positionals),
      parameters: parametersOf((values.parameter as string[] | undefined) ?? []),
    };
  }
  if (parsed.positionals.length > 0) {
    throw new UsageError(`audit: unexpected argument '${parsed.positionals[0]}'; audit reads the account of your credentials and takes only flags`);
  }
  const organization = Boolean(values.organization);
  const roleName = nonEmpty('--role-name', values['role-name'] as string | undefined);
  if (organization && !roleName) {
    throw new UsageError('audit: --organization needs --role-name, the role to assume in each member account (e.g. --role-name OrganizationAccountAccessRole, or a read-only audit role)');
  }
  if (roleName && !organization) {
    throw new UsageError(`audit: --role-name ${roleName} is only used with --organization`);
  }
  if (roleName && !/^[\w+=,.@/-]{1,512}$/.test(roleName)) {
    throw new UsageError(`audit: --role-name '${roleName}' is not an IAM role name; expected letters, digits and +=,.@_-`);
  }
  return {
    command,
    ...common,
    ...awsFlagsOf(values),
    regions: regionsOf(values.regions as string | undefined, values.region as string | undefined),
    organization,
    roleName,
    concurrency: concurrencyOf(values.concurrency as string | undefined),
  };
}

/** A command's flags parsed by node's parseArgs; a flag it does not know is a UsageError naming the command. */
export function parseFlags(command: string, args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
} {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}; see lambda-trail ${command} --help`);
  }
}

/** `--trail NAME|ARN`, required: a trail name, or an ARN of a trail. */
export function trailFlagOf(command: string, value: string | undefined, purpose: string): string {
  const trail = nonEmpty('--trail', value);
  if (!trail) throw new UsageError(`${command}: --trail is required; expected the name or ARN of the trail ${purpose} (lambda-trail audit lists them)`);
  if (trail.startsWith('arn:') && !parseTrailArn(trail)) {
    throw new UsageError(`${command}: --trail '${trail}' is not a trail ARN; expected arn:<partition>:cloudtrail:<region>:<account>:trail/<name>, or a trail name`);
  }
  return trail;
}

function remediateArgs(values: Record<string, string | string[] | boolean | undefined>, positionals: string[]): RemediateArgs {
  if (positionals.length > 0) {
    throw new UsageError(`remediate: unexpected argument '${positionals[0]}'; name the trail with --trail NAME|ARN`);
  }
  const trail = trailFlagOf('remediate', values.trail as string | undefined, 'to change');
  const format = (values.format as string | undefined) ?? 'summary';
  if (format !== 'summary' && format !== 'json') throw new UsageError(`remediate: --format '${format}' is not a format of remediate; expected summary or json`);
  let only: string[] | undefined;
  if (values.only !== undefined) {
    if (values.all) throw new UsageError('remediate: --all and --only contradict each other; expected one of them (--all is the default)');
    only = [...new Set((values.only as string).split(',').map(f => f.trim()).filter(Boolean))];
    if (only.length === 0) throw new UsageError(`remediate: --only is empty; expected a comma-separated list of function names or ARNs, got '${values.only as string}'`);
  }
  return {
    command: 'remediate',
    format,
    quiet: Boolean(values.quiet),
    acknowledgements: nonEmpty('--acknowledgements', values.acknowledgements as string | undefined),
    trail,
    only,
    apply: Boolean(values.apply),
    force: Boolean(values.force),
    ...awsFlagsOf(values),
  };
}

/** `--profile`, `--region` and `--endpoint-url` of the parsed flags (`AWS_FLAG_OPTIONS`), each checked. */
export function awsFlagsOf(values: Readonly<Record<string, unknown>>): AwsFlags {
  return {
    profile: nonEmpty('--profile', values.profile as string | undefined),
    region: regionOf('--region', values.region as string | undefined),
    endpointUrl: endpointOf(values['endpoint-url'] as string | undefined),
  };
}

function formatOf(value: string | undefined): OutputFormat {
  if (value === undefined) return 'summary';
  if (!(FORMATS as string[]).includes(value)) throw new UsageError(`--format '${value}' is not a format; expected one of ${FORMATS.join(', ')}`);
  return value as OutputFormat;
}

export function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} is empty; expected a value`);
  return value;
}

function accountOf(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{12}$/.test(value)) throw new UsageError(`--account '${value}' is not an AWS account id; expected 12 digits`);
  return value;
}

export function regionOf(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined) checkRegionName(flag, value);
  return value;
}

/** A CloudFormation stack name, for exactly one template: each stack has its own. */
function stackNameOf(value: string | undefined, paths: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) {
    throw new UsageError(`--stack-name '${value}' is not a CloudFormation stack name; expected a letter, then letters, digits and hyphens (at most 128 characters)`);
  }
  if (paths.length !== 1) {
    throw new UsageError(`check: --stack-name names the stack of one template file, but ${paths.length} inputs were given; expected exactly one template (check the others in their own runs, each with its --stack-name)`);
  }
  return value;
}

/** `--regions`, each a region of the partition of `--region` (when given) and of one another: one set of credentials reads them. */
function regionsOf(value: string | undefined, start: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const regions = value.split(',').map(r => r.trim()).filter(Boolean);
  if (regions.length === 0) throw new UsageError('--regions is empty; expected a comma-separated list like us-east-1,eu-west-1');
  for (const region of regions) regionOf('--regions', region);
  const given = [...(start ? [['--region', start]] : []), ...regions.map(region => ['--regions', region])];
  const partitions = new Set(given.map(([, region]) => partitionOf(region)));
  if (partitions.size > 1) {
    throw new UsageError(`${given.map(([flag, region]) => `${flag} ${region} (${partitionOf(region)})`).join(', ')} are regions of ${partitions.size} partitions; expected regions of one partition, the one of your credentials`);
  }
  return [...new Set(regions)];
}

export function endpointOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--endpoint-url '${value}' is not a URL; expected e.g. http://127.0.0.1:5000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint-url '${value}' is not an http(s) URL; expected e.g. http://127.0.0.1:5000`);
  return value;
}

function concurrencyOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) throw new UsageError(`--concurrency '${value}' is not a whole number from 1 to ${MAX_CONCURRENCY}`);
  return n;
}

function parametersOf(entries: string[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameter '${entry}' is not NAME=VALUE`);
    parameters[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return parameters;
}
