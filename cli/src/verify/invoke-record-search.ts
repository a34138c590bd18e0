// Where `lambda-trail verify` looks for the Invoke record of its invocation: the trail's CloudWatch Logs
// group (FilterLogEvents), or, for a trail without one, the trail's log files in S3. Either way the
// record is recognised here, on the client, by its request id (and function ARN): moto's FilterLogEvents
// ignores JSON filter patterns, and a pattern only narrows what AWS returns.
import { gunzipSync } from 'zlib';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { AwsClients } from '../aws/aws-clients';

/** The invocation whose record is searched for. */
export interface Invocation {
  /** The function's unqualified ARN, as CloudTrail names it in `resources[0].ARN`. */
  readonly functionArn: string;
  /** The request id Lambda answered the Invoke call with; CloudTrail's `requestID` of the record. */
  readonly requestId: string;
  /** When the Invoke call was made (epoch ms). */
  readonly invokedAt: number;
}

/** The record, and when it became readable where it was found. */
export interface FoundRecord {
  readonly eventTime: string;
  readonly eventId?: string;
  /** When CloudWatch Logs ingested the event, or when the S3 log file was written (epoch ms). */
  readonly deliveredAt: number;
}

/** One place to look, polled until the record is found. */
export interface RecordSearch {
  /** For people and the JSON output: where it looks. */
  readonly source: { readonly type: 'cloudwatch-logs'; readonly logGroup: string; readonly region: string }
  | { readonly type: 's3'; readonly bucket: string; readonly prefix: string };
  /** Throws the AWS error when the place cannot be read (missing, denied): called before invoking. */
  check(): Promise<void>;
  /** The record when it is there, otherwise undefined. */
  find(invocation: Invocation): Promise<FoundRecord | undefined>;
}

/** Records are searched from a little before the invocation: clocks of the caller and of AWS differ. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** True when a parsed CloudTrail record is the Invoke record of this invocation. */
export function isInvokeRecordOf(record: any, invocation: Invocation): boolean {
  return record?.eventSource === 'lambda.amazonaws.com' && record.eventName === 'Invoke'
    && record.requestID === invocation.requestId
    && Array.isArray(record.resources) && record.resources.some((r: any) => r?.ARN === invocation.functionArn);
}

/** The trail's CloudWatch Logs group (in the trail's home region, where CloudTrail delivers every region's events). */
export function logGroupSearch(clients: AwsClients, logGroupArn: string): RecordSearch {
  const [, , , region, , , logGroup] = logGroupArn.split(':');
  const client = clients.logs(region);
  return {
    source: { type: 'cloudwatch-logs', logGroup, region },
    check: async () => {
      await client.send(new FilterLogEventsCommand({ logGroupName: logGroup, startTime: Date.now() - 60_000, limit: 1 }));
    },
    find: async invocation => {
      let nextToken: string | undefined;
      do {
        const page = await client.send(new FilterLogEventsCommand({
          logGroupName: logGroup,
          startTime: invocation.invokedAt - CLOCK_SKEW_MS,
          filterPattern: `{ ($.eventName = "Invoke") && ($.requestID = "${invocation.requestId}") }`,
          nextToken,
        }));
        for (const event of page.events ?? []) {
          const record = parseJson(event.message);
          if (isInvokeRecordOf(record, invocation)) {
            return { eventTime: record.eventTime, eventId: record.eventID, deliveredAt: event.ingestionTime ?? Date.now() };
          }
        }
        nextToken = page.nextToken;
      } while (nextToken);
      return undefined;
    },
  };
}

/** Where a trail writes its log files: its bucket, key prefix, and whether it is an organization trail. */
export interface TrailLogFiles {
  readonly bucket: string;
  readonly keyPrefix?: string;
  readonly organizationTrail: boolean;
  /** The account whose events are searched (the function's). */
  readonly account: string;
  /** The region the invocation happened in (CloudTrail files events under their region). */
  readonly region: string;
  /** The S3 client's region (the bucket's; redirects are followed). */
  readonly clientRegion: string;
}

/**
 * The trail's log files in S3, `<prefix>/AWSLogs/[<org id>/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`
 * (AWS CloudTrail User Guide, "Finding your CloudTrail log files"), of the days from just before the
 * invocation until now; each new file is read once.
 */
export function logFileSearch(clients: AwsClients, files: TrailLogFiles): RecordSearch {
  const client = clients.s3(files.clientRegion);
  const base = `${files.keyPrefix ? `${files.keyPrefix}/` : ''}AWSLogs/`;
  const read = new Set<string>();
  let owners: string[] | undefined;

  /** `<account>/`, or for an organization trail `<org id>/<account>/` (the org id is read from the bucket). */
  const ownerPrefixes = async (): Promise<string[]> => {
    if (!files.organizationTrail) return [`${files.account}/`];
    const listed = await client.send(new ListObjectsV2Command({ Bucket: files.bucket, Prefix: base, Delimiter: '/' }));
    const organizations = (listed.CommonPrefixes ?? []).map(p => p.Prefix?.slice(base.length) ?? '').filter(p => /^o-[a-z0-9]+\/$/.test(p));
    return [...organizations.map(org => `${org}${files.account}/`), `${files.account}/`];
  };

  return {
    source: { type: 's3', bucket: files.bucket, prefix: `${base}${files.organizationTrail ? '[<org id>/]' : ''}${files.account}/CloudTrail/${files.region}/` },
    check: async () => {
      await client.send(new ListObjectsV2Command({ Bucket: files.bucket, Prefix: base, MaxKeys: 1 }));
    },
    find: async invocation => {
      owners ??= await ownerPrefixes();
      for (const owner of owners) {
        for (const day of daysFrom(invocation.invokedAt - CLOCK_SKEW_MS, Date.now())) {
          const prefix = `${base}${owner}CloudTrail/${files.region}/${day}/`;
          let token: string | undefined;
          do {
            const page = await client.send(new ListObjectsV2Command({ Bucket: files.bucket, Prefix: prefix, ContinuationToken: token }));
            for (const object of page.Contents ?? []) {
              if (!object.Key || read.has(object.Key) || !object.Key.endsWith('.json.gz')) continue;
              read.add(object.Key);
              const body = await client.send(new GetObjectCommand({ Bucket: files.bucket, Key: object.Key }));
              const bytes = await body.Body!.transformToByteArray();
              const records: any[] = parseJson(gunzipSync(Buffer.from(bytes)).toString('utf8'))?.Records ?? [];
              const record = records.find(r => isInvokeRecordOf(r, invocation));
              if (record) return { eventTime: record.eventTime, eventId: record.eventID, deliveredAt: object.LastModified?.getTime() ?? Date.now() };
            }
            token = page.NextContinuationToken;
          } while (token);
        }
      }
      return undefined;
    },
  };
}

/** `yyyy/mm/dd` (UTC) of every day from `start` to `end`. */
function daysFrom(start: number, end: number): string[] {
  const days: string[] = [];
  const day = new Date(start);
  day.setUTCHours(0, 0, 0, 0);
  for (; day.getTime() <= end; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10).replace(/-/g, '/'));
  }
  return days;
}

function parseJson(text: string | undefined): any {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
