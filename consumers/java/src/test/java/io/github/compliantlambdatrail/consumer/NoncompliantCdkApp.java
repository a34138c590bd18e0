package io.github.compliantlambdatrail.consumer;

import io.github.compliantlambdatrail.LambdaTrailChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;

/**
 * A Java CDK app with a non-compliant trail (no KMS, no log file validation, no Lambda data events),
 * run by the real CDK CLI in ConsumerTest.cdkSynthOfAJavaAppFailsOnErrors.
 */
public final class NoncompliantCdkApp {
  private NoncompliantCdkApp() { }

  public static void main(String[] args) {
    App app = new App();
    Stack stack = new Stack(app, "Stack");
    CfnTrail.Builder.create(stack, "Trail").isLogging(true).s3BucketName("b").build();
    Aspects.of(app).add(new LambdaTrailChecks());
    app.synth();
  }
}
