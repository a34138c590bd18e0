import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const ENV = { account: ACCOUNT, region: REGION };

export function newStack(id = 'TestStack', app: App = new App()): Stack {
  return new Stack(app, id, { env: ENV });
}

/** Builds a stack with `build` and synthesizes it. */
export function synth(build: (stack: Stack) => void, stackId?: string): { stack: Stack; template: Template } {
  const stack = newStack(stackId);
  build(stack);
  return { stack, template: Template.fromStack(stack) };
}

/** The trail ARN as it appears in the synthesized template (the partition is a pseudo parameter). */
export function trailArnOf(trailName: unknown): unknown {
  if (typeof trailName !== 'string') {
    return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/`, trailName]] };
  }
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/${trailName}`]] };
}

export function functionArn(name: string, qualifier?: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

export function newFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

/** The one resource of a type whose logical id starts with `prefix`. */
export function resourceOf(template: Template, type: string, prefix: string): { logicalId: string; resource: any } {
  const matches = Object.entries(template.findResources(type)).filter(([logicalId]) => logicalId.startsWith(prefix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} whose logical id starts with ${prefix}, found ${matches.map(([logicalId]) => logicalId).join(', ') || 'none'}`);
  }
  return { logicalId: matches[0][0], resource: matches[0][1] };
}

/** CloudTrail's naming rules, written independently of the library's own check. */
export function isValidTrailName(name: string): boolean {
  return name.length >= 3 && name.length <= 128
    && /^[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9]))*$/.test(name)
    && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The logical ids of a type, but those of the trail's monitoring (construct `Trail/Monitoring`: its alarm topic, key and alarms). */
export function logicalIdsOutsideMonitoring(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type)).filter(id => !id.startsWith('TrailMonitoring'));
}
