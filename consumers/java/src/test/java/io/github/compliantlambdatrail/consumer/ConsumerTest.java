package io.github.compliantlambdatrail.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.compliantlambdatrail.CompliantLambdaTrail;
import io.github.compliantlambdatrail.CostLimitedLambdaTrail;
import io.github.compliantlambdatrail.LambdaFunctionSelection;
import io.github.compliantlambdatrail.LambdaTrailChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * Consumer tests: the jsii Java package io.github.compliantlambdatrail, used as a Java app would.
 * Regions between "// snippet:NAME" and "// end-snippet" are copied into README.md (the repository's).
 */
class ConsumerTest {
  private static final Pattern FINDING = Pattern.compile("^\\[CLT\\d+\\]");

  /** The feature flag `cdk init` writes into a new app's cdk.json; the quickstart test uses a plain App(). */
  private static final Map<String, Object> NEW_APP_CONTEXT =
      Map.of("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);

  static Stack newStack(String id) {
    return new Stack(App.Builder.create().context(NEW_APP_CONTEXT).build(), id);
  }

  static Function newFunction(Stack stack) {
    return Function.Builder.create(stack, "Fn")
        .runtime(Runtime.PYTHON_3_12)
        .handler("index.handler")
        .code(Code.fromInline("def handler(event, context):\n    return None\n"))
        .build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> trailProperties(Template template) {
    Map<String, Map<String, Object>> trails = template.findResources("AWS::CloudTrail::Trail");
    assertEquals(1, trails.size(), "expected exactly one trail: " + trails.keySet());
    return (Map<String, Object>) trails.values().iterator().next().get("Properties");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> lambdaSelectorFields(Map<String, Object> trail) {
    List<Map<String, Object>> selectors = (List<Map<String, Object>>) trail.get("AdvancedEventSelectors");
    List<List<Map<String, Object>>> lambda = selectors.stream()
        .map(s -> (List<Map<String, Object>>) s.get("FieldSelectors"))
        .filter(f -> f.contains(Map.of("Field", "resources.type", "Equals", List.of("AWS::Lambda::Function"))))
        .collect(Collectors.toList());
    assertEquals(1, lambda.size(), "expected one Lambda data selector: " + selectors);
    return lambda.get(0);
  }

  @Test
  void quickstartSynthesizesInAPlainApp() {
    // snippet:java-quickstart
    App app = new App();
    Stack stack = new Stack(app, "AuditStack");
    // Records management events and every Lambda invocation (data events, read and write),
    // encrypted with a new KMS key, validated, multi-region, with CloudWatch Logs delivery.
    CompliantLambdaTrail trail = new CompliantLambdaTrail(stack, "LambdaTrail");
    // end-snippet
    Template.fromStack(stack).resourceCountIs("AWS::CloudTrail::Trail", 1);
    assertTrue(trail.getFunctions().getIsAll());
  }

  @Nested
  class CompliantLambdaTrailTest {
    @Test
    void trailIsValidatedMultiRegionAndLogging() {
      Stack stack = newStack("AuditStack");
      new CompliantLambdaTrail(stack, "LambdaTrail");
      Template.fromStack(stack).hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
          "EnableLogFileValidation", true,
          "IsMultiRegionTrail", true,
          "IncludeGlobalServiceEvents", true,
          "IsLogging", true,
          "KMSKeyId", Match.anyValue(),
          "CloudWatchLogsLogGroupArn", Match.anyValue()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void selectorsRecordManagementEventsAndEveryLambdaInvocation() {
      Stack stack = newStack("AuditStack");
      new CompliantLambdaTrail(stack, "LambdaTrail");
      Map<String, Object> trail = trailProperties(Template.fromStack(stack));
      List<Object> fieldLists = ((List<Map<String, Object>>) trail.get("AdvancedEventSelectors")).stream()
          .map(s -> s.get("FieldSelectors")).collect(Collectors.toList());
      assertTrue(fieldLists.contains(List.of(Map.of("Field", "eventCategory", "Equals", List.of("Management")))),
          "no management selector: " + fieldLists);
      List<Map<String, Object>> fields = lambdaSelectorFields(trail);
      assertTrue(fields.contains(Map.of("Field", "eventCategory", "Equals", List.of("Data"))), fields.toString());
      // all functions: no ARN condition and no readOnly condition (read and write are both recorded)
      assertEquals(List.of("eventCategory", "resources.type"),
          fields.stream().map(f -> (String) f.get("Field")).sorted().collect(Collectors.toList()));
      assertFalse(trail.containsKey("EventSelectors"));
    }

    @Test
    void kmsKeyRotatesAndEncryptsTheTrail() {
      Stack stack = newStack("AuditStack");
      CompliantLambdaTrail trail = new CompliantLambdaTrail(stack, "LambdaTrail");
      Template template = Template.fromStack(stack);
      template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
      assertEquals(stack.resolve(trail.getEncryptionKey().getKeyArn()), trailProperties(template).get("KMSKeyId"));
      assertNotNull(trail.getLogGroup());
      assertNotNull(trail.getTrail());
    }
  }

  @Nested
  class CostLimitedLambdaTrailTest {
    @Test
    void onlyRecordsTheChosenFunctionByArn() {
      Stack stack = newStack("Stack");
      Function fn = newFunction(stack);
      // snippet:java-cost-limited
      CostLimitedLambdaTrail.Builder.create(stack, "LambdaTrail")
          .functions(LambdaFunctionSelection.only(List.of(fn)))
          .build();
      // end-snippet
      List<Map<String, Object>> arnFields = lambdaSelectorFields(trailProperties(Template.fromStack(stack))).stream()
          .filter(f -> "resources.ARN".equals(f.get("Field"))).collect(Collectors.toList());
      assertEquals(1, arnFields.size(), arnFields.toString());
      assertEquals(List.of(stack.resolve(fn.getFunctionArn())), arnFields.get(0).get("Equals"));
    }

    @Test
    void rejectsAllFunctions() {
      Stack stack = newStack("Stack");
      RuntimeException error = assertThrows(RuntimeException.class, () ->
          CostLimitedLambdaTrail.Builder.create(stack, "LambdaTrail")
              .functions(LambdaFunctionSelection.all())
              .build());
      assertTrue(error.getMessage().contains("CostLimitedLambdaTrail does not limit"), error.getMessage());
    }
  }

  // --- Findings of LambdaTrailChecks (an Aspect). ---------------------------------------------

  /** A plain CfnTrail with no KMS, no validation, no data selectors, and one function. */
  static Stack noncompliantApp(Consumer<CfnTrail> acknowledge) {
    Stack stack = newStack("Stack");
    CfnTrail trail = CfnTrail.Builder.create(stack, "Trail").isLogging(true).s3BucketName("b").build();
    newFunction(stack);
    acknowledge.accept(trail);
    Aspects.of(stack.getNode().getRoot()).add(new LambdaTrailChecks());
    return stack;
  }

  static List<SynthesisMessage> errors(Stack stack, String path, String rule) {
    return Annotations.fromStack(stack).findError(path, Match.stringLikeRegexp("^\\[" + rule + "\\]"));
  }

  static List<SynthesisMessage> warnings(Stack stack, String path, String rule) {
    return Annotations.fromStack(stack).findWarning(path, Match.stringLikeRegexp("^\\[" + rule + "\\]"));
  }

  @Nested
  class LambdaTrailChecksTest {
    @ParameterizedTest
    @ValueSource(strings = {"CLT1", "CLT5", "CLT6"})
    void errorsOnTheNoncompliantTrail(String rule) {
      Stack stack = noncompliantApp(trail -> { });
      assertFalse(errors(stack, "/Stack/Trail", rule).isEmpty(), "no " + rule + " error on /Stack/Trail");
    }

    @Test
    void warnsAboutMissingCloudWatchLogs() {
      assertFalse(warnings(noncompliantApp(trail -> { }), "/Stack/Trail", "CLT9").isEmpty());
    }

    @Test
    void unrecordedFunctionIsAnError() {
      assertFalse(errors(noncompliantApp(trail -> { }), "*", "CLT20").isEmpty());
    }

    @Test
    void acknowledgedWarningDisappearsAndErrorsRemain() {
      Stack stack = noncompliantApp(trail -> {
        // snippet:java-acknowledge
        Validations.of(trail).acknowledge(Acknowledgment.builder()
            .id("CLT9")
            .reason("Alarms are built from the S3 logs by Athena")
            .build());
        // end-snippet
      });
      assertTrue(warnings(stack, "*", "CLT9").isEmpty());
      assertFalse(errors(stack, "/Stack/Trail", "CLT5").isEmpty());
    }

    @Test
    void acknowledgedErrorDisappears() {
      Stack stack = noncompliantApp(trail -> Validations.of(trail).acknowledge(Acknowledgment.builder()
          .id("CLT6").reason("Validation is done by a separate digest pipeline").build()));
      assertTrue(errors(stack, "*", "CLT6").isEmpty());
      assertFalse(errors(stack, "/Stack/Trail", "CLT1").isEmpty());
    }

    @Test
    void compliantTrailHasNoFinding() {
      // snippet:java-checks
      App app = new App();
      Stack stack = new Stack(app, "AuditStack");
      new CompliantLambdaTrail(stack, "LambdaTrail");
      // Every trail and function in the app is checked at synth time; findings are
      // errors and warnings whose message starts with the rule id, e.g. "[CLT6]".
      Aspects.of(app).add(new LambdaTrailChecks());
      // end-snippet
      newFunction(stack);
      Annotations annotations = Annotations.fromStack(stack);
      List<SynthesisMessage> all = new ArrayList<>(annotations.findError("*", Match.anyValue()));
      all.addAll(annotations.findWarning("*", Match.anyValue()));
      List<String> findings = all.stream().map(m -> String.valueOf(m.getEntry().getData()))
          .filter(m -> FINDING.matcher(m).find()).collect(Collectors.toList());
      assertEquals(List.of(), findings);
    }
  }
}
