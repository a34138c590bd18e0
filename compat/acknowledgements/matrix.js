// The acknowledgement matrix: every spelling of a finding's id that some supported aws-cdk-lib version
// prints (or records), made on the construct that has the finding, on its resource, and on each kind of
// ancestor, in a flat app and in a Stage. Shared by the real-CLI gate suite (test/gate, the newest
// aws-cdk-lib, with and without a new app's feature flags) and the floor check (compat/floor, 2.257.0).
//
// `appBody` returns the statements of an app (JavaScript that is also TypeScript): they use `app`,
// `env`, `App`, `Stack`, `Stage`, `Validations`, `Construct`, `cloudtrail`, `CompliantLambdaTrail` and
// `LambdaTrailChecks`, which the caller's prelude defines. Every trail has exactly one finding, the
// warning CLT9 (no CloudWatch Logs delivery), and every one is acknowledged, so `cdk synth --strict`
// passes only if every acknowledgement takes.

/** The spellings: plain; how 2.257 and 2.276 record it; the plugin's namespace; what 2.278 prints with `@aws-cdk/core:annotationsInValidationReport`. */
const FORMS = ['CLT9', 'annotation::CLT9', 'Annotation::CLT9', 'LambdaTrailChecks::CLT9', 'LambdaTrailChecks_CLT9', 'Annotation::LambdaTrailChecks_CLT9'];

/** Where an acknowledgement is made: the CfnTrail, a construct above it, its stack, a CompliantLambdaTrail (the L2 the finding is reported on), the L2's CfnTrail, the Stage. */
const PLACES = ['trail', 'parent', 'stack', 'l2', 'l2-resource', 'stage'];

const REASON = 'Delivery to S3 is enough for this trail (SEC-12)';

/** A CfnTrail whose only finding is CLT9. */
const CFN_TRAIL = `(scope) => new cloudtrail.CfnTrail(scope, 'Trail', {
  isLogging: true, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true,
  s3BucketName: 'legacy-logs-111111111111',
  kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  advancedEventSelectors: [
    { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
    { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] }] },
  ],
})`;

/**
 * The app: one stack per spelling and place (`C<form>-<place>`), in the app (`flat`) or in a Stage
 * (`stage`; the place `stage` puts each of those stacks in a Stage of its own and acknowledges there).
 * `typo` adds a stack whose acknowledgement is mistyped (`LambdaTrailChecks_CTL9`): its CLT9 stays
 * open and CLT31 says why.
 */
function appBody(layout, { typo = false } = {}) {
  const lines = [
    `const cfnTrail = ${CFN_TRAIL};`,
    "const ack = (scope, id) => Validations.of(scope).acknowledge({ id, reason: " + JSON.stringify(REASON) + ' });',
    layout === 'stage' ? "const prod = new Stage(app, 'Prod', { env });" : 'const prod = app;',
  ];
  FORMS.forEach((form, i) => {
    for (const place of PLACES) {
      const id = JSON.stringify(`C${i}-${place}`);
      const f = JSON.stringify(form);
      switch (place) {
        case 'trail': lines.push(`ack(cfnTrail(new Stack(prod, ${id}, { env })), ${f});`); break;
        case 'parent': lines.push(`{ const team = new Construct(new Stack(prod, ${id}, { env }), 'Team'); cfnTrail(team); ack(team, ${f}); }`); break;
        case 'stack': lines.push(`{ const s = new Stack(prod, ${id}, { env }); cfnTrail(s); ack(s, ${f}); }`); break;
        case 'l2': lines.push(`ack(new CompliantLambdaTrail(new Stack(prod, ${id}, { env }), 'LambdaTrail', { cloudWatchLogs: false }), ${f});`); break;
        case 'l2-resource': lines.push(`ack(new CompliantLambdaTrail(new Stack(prod, ${id}, { env }), 'LambdaTrail', { cloudWatchLogs: false }).trail, ${f});`); break;
        case 'stage':
          if (layout === 'stage') lines.push(`{ const st = new Stage(app, ${JSON.stringify(`S${i}`)}, { env }); cfnTrail(new Stack(st, ${id})); ack(st, ${f}); }`);
          break;
        default: throw new Error(`unknown place ${place}`);
      }
    }
  });
  if (typo) lines.push("ack(cfnTrail(new Stack(prod, 'Typo', { env })), 'LambdaTrailChecks_CTL9');");
  lines.push('Aspects.of(app).add(new LambdaTrailChecks());');
  return lines.join('\n');
}

/** The stack selector that selects every stack of the layout (with none, the CLI selects no stack inside a Stage). */
function selectorOf(layout) {
  return layout === 'stage' ? '**' : '--all';
}

/** The CLT9 findings of a report, and its CLT31 ones, by subject path. */
function findingsOf(report) {
  const clt9 = {};
  for (const trail of report.trails) {
    for (const f of trail.findings) if (f.id === 'CLT9') clt9[trail.path] = f.acknowledged ? 'acknowledged' : 'open';
  }
  const clt31 = [...report.trails.flatMap(t => t.findings), ...report.otherFindings.map(o => o.finding)].filter(f => f.id === 'CLT31').map(f => f.message);
  return { clt9, clt31 };
}

module.exports = { FORMS, PLACES, REASON, appBody, selectorOf, findingsOf };
