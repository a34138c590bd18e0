// A small proxy in front of moto's server for faults moto cannot make (an AccessDenied in one region,
// an answer that is not the service's): every request goes to moto unless `answer` answers it itself.
import * as http from 'http';
import { AddressInfo } from 'net';

/** What the proxy knows of a request: the service and region it is signed for, and the operation. */
export interface ProxiedCall {
  readonly service: string;
  readonly region: string;
  /** From X-Amz-Target (JSON protocols) or Action= (query protocols); undefined for REST calls (see path). */
  readonly operation?: string;
  readonly method: string;
  readonly path: string;
  /** The request's body as text (what a test asserts was sent, e.g. PutEvaluations' evaluations). */
  readonly body: string;
  /** The access key the request is signed with: whose credentials made it. */
  readonly accessKeyId: string;
}

/** An answer of the proxy's own. */
export interface ProxyAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** An AWS JSON-protocol answer, as CloudTrail answers (CloudTrail Lake, which moto lacks). */
export function awsJson(body: unknown): ProxyAnswer {
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'proxy-request' }, body: JSON.stringify(body) };
}

/** An AWS JSON-protocol error, as CloudTrail or Lambda answer it. */
export function awsJsonError(status: number, type: string, message: string): ProxyAnswer {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type, 'x-amzn-requestid': 'proxy-request' },
    body: JSON.stringify({ __type: type, message }),
  };
}

export class MotoProxy {
  /** Starts the proxy on a free loopback port in front of `target` (moto's endpoint). */
  public static async start(target: string, answer: (call: ProxiedCall) => ProxyAnswer | undefined): Promise<MotoProxy> {
    const calls: ProxiedCall[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const call = describe(req, body.toString('utf8'));
        calls.push(call);
        const own = answer(call);
        if (own) {
          res.writeHead(own.status, own.headers ?? {});
          res.end(own.body ?? '');
          return;
        }
        const forward = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, upstream => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        });
        forward.on('error', error => {
          res.writeHead(502);
          res.end(String(error));
        });
        forward.end(body);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return new MotoProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls);
  }

  private constructor(private readonly server: http.Server, public readonly endpoint: string, public readonly calls: ProxiedCall[]) {}

  public close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}

function describe(req: http.IncomingMessage, body: string): ProxiedCall {
  // Credential=<key>/<date>/<region>/<service>/aws4_request
  const scope = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = /(?:^|&)Action=([^&]+)/.exec(body)?.[1];
  return {
    service: scope?.[3] ?? '',
    region: scope?.[2] ?? '',
    operation: target ? target.split('.').pop() : action,
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    body,
    accessKeyId: scope?.[1] ?? '',
  };
}
