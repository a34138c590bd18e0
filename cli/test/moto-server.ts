// moto's server (cli/.venv-moto, made by scripts/moto-venv.sh) on a free loopback port, for tests and
// the benchmark that talk to AWS APIs. Credentials and config files are pointed away from the
// developer's own, so that nothing real is ever called.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** The account moto answers for with the test credentials (the fixture templates' account). */
export const MOTO_ACCOUNT = '111111111111';

/** moto's own default account: the management account of a multi-account moto. */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';

const MOTO_BIN = path.join(__dirname, '..', '.venv-moto', 'bin', 'moto_server');

export class MotoServer {
  /**
   * Starts moto on a free port and waits until it answers. `singleAccount` (the default) answers every
   * request as MOTO_ACCOUNT, like the fixture templates expect; moto then ignores the account of
   * assumed-role credentials, so a multi-account test passes false (and uses MOTO_DEFAULT_ACCOUNT).
   */
  public static async start(options: { singleAccount?: boolean } = {}): Promise<MotoServer> {
    if (!fs.existsSync(MOTO_BIN)) {
      throw new Error(`moto is not installed at ${MOTO_BIN}; run 'bash scripts/moto-venv.sh' from the repository root (npm run test:all does)`);
    }
    const port = await freePort();
    // moto logs every request, and a traceback for every call it does not implement (CloudTrail Lake, in
    // each region an audit reads), to stderr. A file, not a pipe: a test that runs the bin with spawnSync
    // blocks this process, so a pipe nobody drains would fill and stall moto, and the bin with it.
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'moto-server-'));
    const logFile = path.join(logDir, 'stderr.log');
    const logFd = fs.openSync(logFile, 'w');
    const child = spawn(MOTO_BIN, ['-H', '127.0.0.1', '-p', String(port)], {
      env: { ...process.env, ...(options.singleAccount ?? true ? { MOTO_ACCOUNT_ID: MOTO_ACCOUNT } : {}) },
      stdio: ['ignore', 'ignore', logFd],
    });
    fs.closeSync(logFd);
    const log = () => fs.readFileSync(logFile, 'utf8').slice(-4000);
    const server = new MotoServer(child, `http://127.0.0.1:${port}`, logDir);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${log()}`);
      try {
        await server.reset();
        return server;
      } catch {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
    child.kill();
    throw new Error(`moto did not answer on port ${port} within 60 s: ${log()}`);
  }

  private constructor(private readonly child: ChildProcess, public readonly endpoint: string, private readonly logDir: string) {}

  /** Forgets every resource (between tests). */
  public async reset(): Promise<void> {
    const response = await fetch(`${this.endpoint}/moto-api/reset`, { method: 'POST' });
    if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
  }

  public async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise(resolve => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.logDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Fake credentials and no shared config files, so that the SDK's standard chain finds only these
 * (and never a developer's real profile). Returns the previous values to restore.
 */
export function useTestCredentials(): () => void {
  const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
    'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_MAX_ATTEMPTS', 'AWS_EC2_METADATA_DISABLED'];
  const saved = Object.fromEntries(keys.map(k => [k, process.env[k]]));
  const empty = path.join(os.tmpdir(), 'lambda-trail-no-aws-config');
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_EC2_METADATA_DISABLED: 'true',
    // Faults a test makes (throttling, refused connections) would spend the CLI's default of 8 adaptive
    // attempts, seconds each. Retries are tested on their own.
    AWS_MAX_ATTEMPTS: '2',
  });
  for (const k of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL']) delete process.env[k];
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * One moto server for the test file (with test credentials), reset before each test: call at the top
 * level of a test file; the returned function gives the running server. `singleAccount: false` for
 * several accounts (an organization and its members).
 */
export function useMotoServer(options: { singleAccount?: boolean } = {}): () => MotoServer {
  let moto: MotoServer | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    restore = useTestCredentials();
    moto = await MotoServer.start(options);
  });
  afterAll(async () => {
    await moto?.stop();
    restore?.();
  });
  beforeEach(() => moto!.reset());
  return () => moto!;
}
