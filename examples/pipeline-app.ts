// A CDK Pipelines app, the layout most production CDK apps have: a pipeline in a tools account deploys
// a Stage with two stacks (the audit trail and the service's functions) to production. The checks are
// added once, to the App: they judge every Stage as it deploys, and their errors stop `cdk synth`
// although the CLI selects no stack inside a Stage. Run it with the CDK CLI:
//
//   npm run demo:pipeline      (cdk synth of this app into pipeline.cdk.out/; the checks print one line when they pass)
import { App, Aspects, Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CodePipeline, CodePipelineSource, ShellStep } from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { CompliantLambdaTrail, LambdaTrailChecks } from '../src';

const tools = { account: '111111111111', region: 'us-east-1' };
const production = { account: '222222222222', region: 'eu-west-1' };

/** What the pipeline deploys to production: the account's trail, and the service. */
export class OrdersStage extends Stage {
  constructor(scope: Construct, id: string, props?: StageProps) {
    super(scope, id, props);
    // The account's audit trail, in a stack of its own: it outlives the service's stacks.
    new CompliantLambdaTrail(new Stack(this, 'Audit'), 'LambdaTrail');
    const service = new Stack(this, 'Service');
    for (const name of ['PlaceOrder', 'ShipOrder']) {
      new lambda.Function(service, name, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
      });
    }
  }
}

export function buildPipelineApp(outdir?: string): App {
  const app = new App({ outdir });
  const pipeline = new CodePipeline(new Stack(app, 'Pipeline', { env: tools }), 'Pipeline', {
    crossAccountKeys: true,
    synth: new ShellStep('Synth', {
      input: CodePipelineSource.connection('example-org/orders', 'main', {
        connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  pipeline.addStage(new OrdersStage(app, 'Prod', { env: production }));

  // Once, on the App: every Stage, nested Stage and stack is judged.
  Aspects.of(app).add(new LambdaTrailChecks());
  return app;
}

if (require.main === module) buildPipelineApp().synth();
