// What `lambda-trail` does with its arguments: parse, run the command, print the report in the
// chosen format, and return the exit code. The bin (main.ts) only wires it to the process.
import * as fs from 'fs';
import * as path from 'path';
import { CloudAssemblyInput, readCloudAssembly } from 'cdk-compliant-lambda-trail/cloud-assembly';
import {
  AcknowledgementLookup, buildReport, Judged, judgeTemplates, Judgement, Report, StackInput,
} from 'cdk-compliant-lambda-trail/engine';
import { combineAcknowledgements, FileAcknowledgements, NO_ACKNOWLEDGEMENTS, readAcknowledgementsFile } from './acknowledgements-file';
import { otherRegionsId } from './audit/live-stacks';
import { readLiveAccounts } from './audit/run-audit';
import { ApiCall, AwsSettings } from './aws/aws-clients';
import { isCloudAssembly, templateFileInput } from './check/read-templates';
import { AuditArgs, AwsFlags, CheckArgs, CliArgs, CommonFlags, parseCliArgs, RemediateArgs, USAGE, usageOf } from './cli-args';
import { UsageError } from './errors';
import { formatPlan, planJson } from './output/remediation-plan';
import { reportJson } from './output/report-json';
import { Locate, logicalLocation, toSarif } from './output/sarif';
import { formatSummary, Unread } from './output/summary';
import { Progress } from './progress';
import { remediate } from './remediate/run-remediate';
import { formatVerify, verify, VERIFY_FOUND, VERIFY_NOT_FOUND } from './verify/run-verify';
import { parseVerifyArgs, VerifyArgs } from './verify/verify-args';

/** Where the CLI writes, and the environment it reads (tests pass their own). */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
  /** Called for every AWS API call (the IAM policy test and the benchmark count them). */
  readonly onCall?: (call: ApiCall) => void;
  /** verify: how to wait between two looks (tests pass a faster one). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** remediate: a write failed, or the trail read back is not what was sent. */
export const EXIT_CHANGE_FAILED = 1;

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs | VerifyArgs;
  try {
    // verify parses its own flags (src/verify/verify-args.ts).
    args = argv[0] === 'verify' ? parseVerifyArgs(argv.slice(1)) : parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(`${usageOf(args.topic)}\n`);
        return EXIT_OK;
      case 'version':
        io.stdout.write(`${cliVersion()}\n`);
        return EXIT_OK;
      case 'check': {
        const templateFiles = new Map<string, string>();
        const outcome = await check(args, templateFiles);
        return finish(outcome, args, io, templateLocator(templateFiles));
      }
      case 'audit':
        return finish(await audit(args, io), args, io, logicalLocation);
      case 'remediate':
        return await remediateCommand(args, io);
      case 'verify':
        return await verifyCommand(args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`lambda-trail: ${error.message}\n${error.showUsage ? `\n${USAGE}\n` : ''}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

interface Outcome {
  readonly report: Report;
  readonly heading: string;
  readonly unread?: Unread;
}

async function check(args: CheckArgs, templateFiles: Map<string, string>): Promise<Outcome> {
  const inputs: StackInput[] = [];
  const lookups: AcknowledgementLookup[] = [acknowledgementsOf(args)];
  for (const p of args.paths) {
    if (isCloudAssembly(p)) {
      if (args.stackName) {
        throw new UsageError(`check: --stack-name ${args.stackName} was given with the cloud assembly ${p}, whose manifest names its stacks; expected one template file with --stack-name, or the cloud assembly without it`);
      }
      let assembly: CloudAssemblyInput;
      try {
        assembly = readCloudAssembly(p);
      } catch (error) {
        throw new UsageError(`check: ${(error as Error).message}`);
      }
      inputs.push(...assembly.stacks);
      lookups.push(assembly.acknowledgements);
      for (const [id, file] of assembly.templateFiles) templateFiles.set(id, file);
    } else if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      throw new UsageError(`check: ${p} is a directory without manifest.json; expected a cdk.out directory (a cloud assembly) or template files`);
    } else {
      inputs.push(templateFileInput(p, { account: args.account, region: args.region, stackName: args.stackName, parameterValues: args.parameters }));
      templateFiles.set(p, p);
    }
  }
  const duplicate = inputs.map(i => i.id).find((id, i, ids) => ids.indexOf(id) !== i);
  if (duplicate) throw new UsageError(`check: the stack ${duplicate} is given twice; expected each template or cloud assembly once`);
  const judgement = judgeTemplates(inputs);
  const built = buildReport(judgement, { acknowledgements: combineAcknowledgements(lookups), frontEnd: 'lambda-trail check' });
  // A template file's stack name is what the user says it deploys as: the verdict holds for that name only.
  const stackNameAssumption = args.stackName
    ? [`${args.paths[0]} is judged as deployed as the stack ${args.stackName} (--stack-name): AWS::StackName and the names CloudFormation generates from it are judged with that name.`]
    : [];
  const report = { ...built, assumptions: [...built.assumptions, ...stackNameAssumption] };
  return { report, heading: `lambda-trail check: ${args.paths.join(', ')}` };
}

async function audit(args: AuditArgs, io: CliIo): Promise<Outcome> {
  const acknowledgements = acknowledgementsOf(args);
  const reading = await readLiveAccounts({
    settings: awsSettingsOf(args, io),
    regions: args.regions,
    organizationRoleName: args.organization ? args.roleName : undefined,
    concurrency: args.concurrency,
    progress: new Progress(args.quiet ? undefined : io.stderr),
  });
  const judgement: Judgement = judgeTemplates(reading.inputs);
  const report = buildReport(judgement, { acknowledgements, frontEnd: 'lambda-trail audit', judged: Judged.LIVE });
  const accounts = reading.accounts.length === 1 ? `account ${reading.accounts[0]}` : `${reading.accounts.length} accounts`;
  const { regions, unreachable, otherRegions } = reading.read;
  return {
    report: { ...report, assumptions: [...report.assumptions, ...reading.assumptions] },
    heading: `lambda-trail audit: ${accounts}${args.regions ? `, ${args.regions.length === 1 ? 'region' : 'regions'} ${args.regions.join(', ')}` : ', every enabled region'}`,
    unread: {
      regions: [
        ...regions.filter(r => r.trailsUnknown || 'unknown' in r.functions || 'unknown' in r.eventDataStores).map(r => `${r.account}/${r.region}`),
        // Regions outside --regions whose event data stores could not be listed.
        ...otherRegions.filter(r => 'unknown' in r.eventDataStores).map(r => (r.region ? `${r.account}/${r.region}` : otherRegionsId(r.account))),
      ],
      accounts: unreachable.map(u => u.account),
    },
  };
}

/**
 * `remediate`: prints the plan (and what was applied); exit 2 when it refuses (nothing is written),
 * 1 when a write fails or the trail read back is not what was planned, 0 otherwise.
 */
async function remediateCommand(args: RemediateArgs, io: CliIo): Promise<number> {
  const outcome = await remediate({
    settings: awsSettingsOf(args, io),
    trail: args.trail,
    only: args.only,
    apply: args.apply,
    force: args.force,
    acknowledgements: acknowledgementsOf(args),
    progress: new Progress(args.quiet ? undefined : io.stderr),
  });
  io.stdout.write(args.format === 'json' ? `${JSON.stringify(planJson(outcome), undefined, 2)}\n` : formatPlan(outcome));
  if (outcome.refusal) {
    io.stderr.write(`lambda-trail: remediate refused, nothing was changed: ${outcome.refusal}\n`);
    return EXIT_USAGE;
  }
  if (outcome.failure || outcome.verification) {
    const applied = outcome.applied.map(s => s.action).join(', ') || 'nothing';
    const notApplied = outcome.notApplied.map(s => s.action).join(', ') || 'nothing';
    const what = outcome.failure
      ? `${outcome.applied.length ? 'remediate partially applied' : 'remediate failed, nothing was applied'}: ${outcome.failure}. Applied: ${applied}. Not applied: ${notApplied}.`
      : `remediate applied ${applied}, but ${outcome.verification}.`;
    io.stderr.write(`lambda-trail: ${what}\n`);
    return EXIT_CHANGE_FAILED;
  }
  return EXIT_OK;
}

/** `verify`: prints what it invoked and found; exit 0 when the record arrived, 1 when it did not (2 is a UsageError). */
async function verifyCommand(args: VerifyArgs, io: CliIo): Promise<number> {
  const outcome = await verify({
    args,
    settings: awsSettingsOf(args, io),
    notice: io.stderr,
    progress: new Progress(args.quiet ? undefined : io.stderr),
    sleep: io.sleep,
  });
  io.stdout.write(args.format === 'json' ? `${JSON.stringify(outcome, undefined, 2)}\n` : formatVerify(outcome));
  return outcome.found ? VERIFY_FOUND : VERIFY_NOT_FOUND;
}

/** Where the AWS calls of audit, remediate and verify go: their flags, and the environment and call log of this run. */
function awsSettingsOf(args: AwsFlags, io: CliIo): AwsSettings {
  return { profile: args.profile, region: args.region, endpointUrl: args.endpointUrl, env: io.env, onCall: io.onCall };
}

function acknowledgementsOf(args: { readonly acknowledgements?: string }): AcknowledgementLookup {
  if (!args.acknowledgements) return NO_ACKNOWLEDGEMENTS;
  return new FileAcknowledgements(readAcknowledgementsFile(args.acknowledgements), args.acknowledgements);
}

function finish(outcome: Outcome, args: CommonFlags, io: CliIo, locate: Locate): number {
  const { report } = outcome;
  switch (args.format) {
    case 'json':
      io.stdout.write(reportJson(report));
      break;
    case 'sarif':
      io.stdout.write(`${JSON.stringify(toSarif(report, locate), undefined, 2)}\n`);
      break;
    default:
      io.stdout.write(formatSummary(report, outcome.heading, outcome.unread));
  }
  return exitCodeOf(report, args.strict);
}

/** 1 when an unacknowledged error remains (with strict, also a warning); 0 otherwise. */
export function exitCodeOf(report: Report, strict: boolean): number {
  if (report.summary.errors > 0) return EXIT_FINDINGS;
  if (strict && report.summary.warnings > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** SARIF locations for `check`: the template file (with the line of the logical id) and the resource as a logical location. */
function templateLocator(files: ReadonlyMap<string, string>): Locate {
  const lines = new Map<string, string[]>();
  return subjectPath => {
    const logical = logicalLocation(subjectPath);
    // The longest stack id that prefixes the path names the template; the next part is the logical id
    // of a template file's resource (a construct path's part may not be: then the file alone is named).
    const stackId = [...files.keys()].filter(id => subjectPath === id || subjectPath.startsWith(`${id}/`)).sort((a, b) => b.length - a.length)[0];
    if (!stackId) return logical;
    const file = files.get(stackId)!;
    const logicalId = subjectPath.slice(stackId.length + 1).split('/')[0];
    if (!lines.has(file)) lines.set(file, safeRead(file).split('\n'));
    const line = logicalId ? lines.get(file)!.findIndex(l => new RegExp(`^\\s*"?${escape(logicalId)}"?\\s*:`).test(l)) : -1;
    return [{
      physicalLocation: {
        artifactLocation: { uri: path.relative(process.cwd(), file).split(path.sep).join('/') },
        ...(line >= 0 ? { region: { startLine: line + 1 } } : {}),
      },
      logicalLocations: logical[0].logicalLocations,
    }];
  };
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** This package's version (the report also names the engine's). */
export function cliVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
