// One place that makes AWS SDK clients, so that every command (check needs none; audit and
// remediate do) gets the same credentials, endpoint, retry and call log.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { UnexpectedAnswer } from '../errors';

/** One API call, as the call log records it (before retries: one entry per call the audit makes). */
export interface ApiCall {
  /** The IAM service prefix, e.g. `cloudtrail`. */
  readonly service: string;
  /** The API operation, e.g. `DescribeTrails`. */
  readonly operation: string;
  readonly region: string;
  /** The account whose credentials made it, when known. */
  readonly account?: string;
}

/** How to reach AWS: the standard credential and region chain, plus the CLI's flags. */
export interface AwsSettings {
  /** `--profile`: a named profile of the shared config and credentials files. */
  readonly profile?: string;
  /** `--region`: where to start (STS, Organizations, region discovery). */
  readonly region?: string;
  /** `--endpoint-url`: one endpoint for every service (an emulator); `AWS_ENDPOINT_URL` is honoured by the SDK itself. */
  readonly endpointUrl?: string;
  /** Attempts per call under adaptive retry; `AWS_MAX_ATTEMPTS` when not given. */
  readonly maxAttempts?: number;
  /** Called for every API call (the audit's call count, the IAM policy test). */
  readonly onCall?: (call: ApiCall) => void;
  /** Environment to read `AWS_ENDPOINT_URL*` and `AWS_MAX_ATTEMPTS` from. */
  readonly env?: NodeJS.ProcessEnv;
}

const SERVICE_PREFIX: Record<string, string> = {
  CloudTrailClient: 'cloudtrail',
  CloudWatchLogsClient: 'logs',
  ConfigServiceClient: 'config',
  EC2Client: 'ec2',
  KMSClient: 'kms',
  LambdaClient: 'lambda',
  OrganizationsClient: 'organizations',
  S3Client: 's3',
  S3ControlClient: 's3control',
  STSClient: 'sts',
};

/** Default attempts per call: adaptive retry backs off on throttling; the SDK's default of 3 gives up too soon on a large account. */
export const DEFAULT_MAX_ATTEMPTS = 8;

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

type CredentialProvider = () => Promise<Credentials>;

type AnyClient =
  CloudTrailClient | CloudWatchLogsClient | ConfigServiceClient | EC2Client | KMSClient | LambdaClient | OrganizationsClient | S3Client
  | S3ControlClient | STSClient;

/**
 * The SDK clients of one set of credentials (the caller's, or a role assumed in a member account),
 * one per service and region, made on first use.
 */
export class AwsClients {
  /** Clients for the caller's own credentials (`--profile` or the default chain). */
  public static fromSettings(settings: AwsSettings): AwsClients {
    const credentials = fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
    return new AwsClients(settings, credentials, undefined);
  }

  private readonly clients = new Map<string, AnyClient>();
  /** The profile's endpoint_url ('' when none), read once. */
  private profileEndpoint?: string;

  private constructor(
    private readonly settings: AwsSettings,
    private readonly credentials: CredentialProvider,
    /** The account these credentials belong to, when known (for the call log). */
    public readonly account: string | undefined,
  ) {}

  /**
   * Clients that assume `roleArn` with these credentials. The AssumeRole call goes through this
   * object's own STS client, so it is in the call log like every other call; the credentials are
   * reused until five minutes before they expire.
   */
  public assumeRole(roleArn: string, account: string, sessionName = 'lambda-trail-audit'): AwsClients {
    const sts = this.sts(this.settings.region ?? 'us-east-1');
    let current: Promise<Credentials> | undefined;
    let expiresAt = 0;
    const provider = async (): Promise<Credentials> => {
      if (!current || Date.now() > expiresAt - 5 * 60_000) {
        current = sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 })).then(answer => {
          const c = answer.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole ${roleArn} returned no credentials`);
          expiresAt = c.Expiration ? new Date(c.Expiration).getTime() : Date.now() + 3600_000;
          return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration ? new Date(c.Expiration) : undefined,
          };
        });
        current.catch(() => {
          current = undefined;
        });
      }
      return current;
    };
    return new AwsClients(this.settings, provider, account);
  }

  /** The same credentials, labelled with their account once it is known. */
  public forAccount(account: string): AwsClients {
    return new AwsClients(this.settings, this.credentials, account);
  }

  /** The credentials, resolved (fails when none are configured). */
  public async resolveCredentials() {
    return this.credentials();
  }

  public cloudTrail(region: string): CloudTrailClient {
    return this.client('CloudTrailClient', region, config => new CloudTrailClient(config));
  }

  public logs(region: string): CloudWatchLogsClient {
    return this.client('CloudWatchLogsClient', region, config => new CloudWatchLogsClient(config));
  }

  /** AWS Config: where LambdaTrailConfigRule's handler puts its evaluations. */
  public config(region: string): ConfigServiceClient {
    return this.client('ConfigServiceClient', region, config => new ConfigServiceClient(config));
  }

  public lambda(region: string): LambdaClient {
    return this.client('LambdaClient', region, config => new LambdaClient(config));
  }

  public s3(region: string): S3Client {
    return this.client('S3Client', region, config => new S3Client({
      ...config,
      // Emulators serve buckets under the endpoint's path, not as sub-domains.
      forcePathStyle: this.usesCustomEndpoint('S3'),
      // A trail's bucket may live in another region than the trail.
      followRegionRedirects: true,
    }));
  }

  /** S3 Control: account-level settings (Block Public Access). */
  public s3Control(region: string): S3ControlClient {
    // S3 Control's endpoint rules put the account id in the host name (<account>.<endpoint host>),
    // which an emulator does not answer (nor can an IP address take it): its URL is used as given.
    const endpoint = this.customEndpoint('S3_CONTROL');
    return this.client('S3ControlClient', region, config => new S3ControlClient({
      ...config,
      ...(endpoint ? { endpointProvider: () => ({ url: new URL(endpoint.url) }) } : {}),
    }));
  }

  public kms(region: string): KMSClient {
    return this.client('KMSClient', region, config => new KMSClient(config));
  }

  public ec2(region: string): EC2Client {
    return this.client('EC2Client', region, config => new EC2Client(config));
  }

  public sts(region: string): STSClient {
    return this.client('STSClient', region, config => new STSClient(config));
  }

  public organizations(region: string): OrganizationsClient {
    return this.client('OrganizationsClient', region, config => new OrganizationsClient(config));
  }

  /**
   * True when calls go to an endpoint other than AWS's: `--endpoint-url`, `AWS_ENDPOINT_URL`,
   * `AWS_ENDPOINT_URL_<SERVICE>`, or the profile's `endpoint_url` in the shared config file (the
   * places the SDK itself reads, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true).
   */
  public usesCustomEndpoint(service: string): boolean {
    return this.customEndpoint(service) !== undefined;
  }

  /** The endpoint other than AWS's that calls of the service go to (see `usesCustomEndpoint`), and where it is set. */
  public customEndpoint(service: string): { readonly url: string; readonly setBy: string } | undefined {
    if (this.settings.endpointUrl) return { url: this.settings.endpointUrl, setBy: '--endpoint-url' };
    const env = this.settings.env ?? process.env;
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
    for (const variable of [`AWS_ENDPOINT_URL_${service}`, 'AWS_ENDPOINT_URL']) {
      if (env[variable]) return { url: env[variable]!, setBy: variable };
    }
    const profile = this.settings.profile ?? env.AWS_PROFILE ?? 'default';
    this.profileEndpoint ??= profileEndpointUrl(profile, env) ?? '';
    return this.profileEndpoint ? { url: this.profileEndpoint, setBy: `the endpoint_url of the profile ${profile}` } : undefined;
  }


  private client<C extends AnyClient>(name: string, region: string, make: (config: any) => C): C {
    const key = `${name}/${region}`;
    let client = this.clients.get(key) as C | undefined;
    if (!client) {
      client = make({ ...this.baseConfig(region, name), credentials: this.credentials });
      rejectUnexpectedAnswers(client, SERVICE_PREFIX[name] ?? name);
      this.record(client, name, region);
      this.clients.set(key, client);
    }
    return client;
  }

  private baseConfig(region: string, _clientName: string) {
    const env = this.settings.env ?? process.env;
    const fromEnv = Number(env.AWS_MAX_ATTEMPTS);
    return {
      region,
      ...(this.settings.profile ? { profile: this.settings.profile } : {}),
      ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
      retryMode: 'adaptive',
      maxAttempts: this.settings.maxAttempts ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_ATTEMPTS),
    };
  }

  private record(client: AnyClient, name: string, region: string): void {
    const onCall = this.settings.onCall;
    if (!onCall) return;
    const service = SERVICE_PREFIX[name] ?? name;
    const account = this.account;
    (client.middlewareStack as any).add((next: any, context: any) => async (args: any) => {
      onCall({ service, operation: String(context.commandName ?? '').replace(/Command$/, ''), region, account });
      return next(args);
    }, { step: 'initialize', name: 'lambdaTrailCallLog' });
  }
}

/**
 * An HTTP error answer that is not in the API's protocol (an HTML page, no AWS error code) becomes an
 * `UnexpectedAnswer` before the SDK parses it: the SDK would retry it as a server error with the whole
 * retry budget, then report a parse error. The middleware sits inside the deserializer (low priority
 * in its step), so it sees the raw response; its error is not retryable (no status, no error code).
 */
function rejectUnexpectedAnswers(client: AnyClient, service: string): void {
  (client.middlewareStack as any).add((next: any) => async (args: any) => {
    const result = await next(args);
    const { statusCode, headers = {} } = result.response ?? {};
    const header = (name: string): string | undefined =>
      Object.entries(headers as Record<string, string>).find(([k]) => k.toLowerCase() === name)?.[1];
    const contentType = header('content-type');
    if (statusCode >= 400 && !header('x-amzn-errortype') && !/json|xml/i.test(contentType ?? '')) {
      throw new UnexpectedAnswer(statusCode, contentType, service);
    }
    return result;
  }, { step: 'deserialize', priority: 'low', name: 'lambdaTrailUnexpectedAnswer' });
}

/**
 * The `endpoint_url` of a profile in the shared config file (`AWS_CONFIG_FILE` or `~/.aws/config`),
 * read as the SDK reads it: `[profile NAME]` (or `[default]`), a `key = value` line.
 */
export function profileEndpointUrl(profile: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inProfile = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    const section = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (section) {
      inProfile = wanted.includes(section[1].replace(/\s+/g, ' '));
      continue;
    }
    const entry = /^endpoint_url\s*=\s*(\S+)/.exec(line);
    if (inProfile && entry) return entry[1];
  }
  return undefined;
}

/**
 * The IAM action an API call needs. They are the same name except where S3 names the permission
 * differently from the operation.
 */
export function iamActionOf(call: Pick<ApiCall, 'service' | 'operation'>): string {
  const renamed: Record<string, string> = {
    's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
    's3:GetBucketPolicy': 's3:GetBucketPolicy',
    's3:ListObjectsV2': 's3:ListBucket',
    'lambda:Invoke': 'lambda:InvokeFunction',
    's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  };
  const action = `${call.service}:${call.operation}`;
  return renamed[action] ?? action;
}
