package io.github.compliantlambdatrail.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.compliantlambdatrail.CompliantLambdaTrail;
import io.github.compliantlambdatrail.CostLimitedLambdaTrail;
import io.github.compliantlambdatrail.LambdaFunctionSelection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.compliantlambdatrail.LambdaTrailChecks;
import io.github.compliantlambdatrail.LambdaTrailChecksPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  // --- LambdaTrailChecks (an Aspect) and LambdaTrailChecksPlugin. ----------------------------
  // Unacknowledged errors stop synthesis: the library throws LambdaTrailChecksFailed in the jsii
  // kernel and Java gets a RuntimeException whose message is "LambdaTrailChecksFailed: <the gate's
  // message>", followed by the kernel's stack (jsii's Java runtime appends it, so the message shows
  // twice). Warnings are annotations. The report is written either way.

  /**
   * What the non-compliant app gets: no Lambda data events (CLT1), no KMS (CLT5), no log file
   * validation (CLT6), a function no trail records (CLT20); single-region (CLT8), no CloudWatch Logs (CLT9).
   */
  static final List<String> ERRORS = List.of("CLT1", "CLT20", "CLT5", "CLT6");
  static final List<String> WARNINGS = List.of("CLT8", "CLT9");
  static final String REPORT_FILE = "lambda-trail-checks.json";
  static final String REASON = "Accepted by the audit committee in review AR-2231";
  private static final ObjectMapper JSON = new ObjectMapper();

  record NoncompliantApp(App app, Stack stack) { }

  /** A plain CfnTrail with no KMS, no validation, no data selectors, and one function. */
  static NoncompliantApp noncompliantApp(Path outdir, BiConsumer<Stack, CfnTrail> acknowledge, boolean checks) {
    App app = App.Builder.create().context(NEW_APP_CONTEXT).outdir(outdir.toString()).build();
    Stack stack = new Stack(app, "Stack");
    CfnTrail trail = CfnTrail.Builder.create(stack, "Trail").isLogging(true).s3BucketName("b").build();
    newFunction(stack);
    acknowledge.accept(stack, trail);
    if (checks) {
      Aspects.of(app).add(new LambdaTrailChecks());
    }
    return new NoncompliantApp(app, stack);
  }

  static void acknowledgeErrors(Stack stack, CfnTrail trail) {
    // Both spellings: the id the failure prints ("LambdaTrailChecks::CLT5") and the rule id alone.
    for (String id : List.of("LambdaTrailChecks::CLT1", "LambdaTrailChecks::CLT5", "CLT6")) {
      Validations.of(trail).acknowledge(Acknowledgment.builder().id(id).reason(REASON).build());
    }
    Validations.of(stack).acknowledge(Acknowledgment.builder().id("CLT20").reason(REASON).build());
  }

  /** The gate's message, from the exception app.synth() throws (without the kernel's stack). */
  static String synthesisFailure(App app) {
    RuntimeException error = assertThrows(RuntimeException.class, app::synth);
    assertEquals(RuntimeException.class, error.getClass());
    String prefix = "LambdaTrailChecksFailed: ";
    String text = error.getMessage();
    assertTrue(text.startsWith(prefix), text);
    int stack = text.indexOf("\n@jsii/kernel.RuntimeError: " + prefix);
    assertTrue(stack > 0, text);
    return text.substring(prefix.length(), stack);
  }

  /** The gate's message: the errors part, and the open warnings part after "and N warnings:". */
  static String[] splitFailure(String message) {
    int at = message.indexOf("\n\nand ");
    return at < 0 ? new String[] {message, ""} : new String[] {message.substring(0, at), message.substring(at)};
  }

  static List<String> ruleIds(String text) {
    java.util.regex.Matcher found = Pattern.compile("\\[(CLT\\d+)\\]").matcher(text);
    TreeSet<String> ids = new TreeSet<>();
    while (found.find()) {
      ids.add(found.group(1));
    }
    return new ArrayList<>(ids);
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "path id" to finding, over the trails, functions and other findings of the checks' report. */
  static Map<String, JsonNode> reportFindings(JsonNode report) {
    Map<String, JsonNode> found = new TreeMap<>();
    for (String section : List.of("trails", "functions")) {
      for (JsonNode entry : report.get(section)) {
        for (JsonNode finding : entry.get("findings")) {
          found.put(entry.get("path").asText() + " " + finding.get("id").asText(), finding);
        }
      }
    }
    for (JsonNode other : report.get("otherFindings")) {
      found.put(other.get("path").asText() + " " + other.get("finding").get("id").asText(), other.get("finding"));
    }
    return found;
  }

  static List<String> findingMessages(Annotations annotations, boolean errors) {
    Object finding = Match.stringLikeRegexp("^\\[CLT\\d+\\]");
    List<SynthesisMessage> found = errors ? annotations.findError("*", finding) : annotations.findWarning("*", finding);
    return found.stream().map(m -> String.valueOf(m.getEntry().getData())).collect(Collectors.toList());
  }

  static List<SynthesisMessage> trailWarnings(Annotations annotations, String rule) {
    return annotations.findWarning("/Stack/Trail", Match.stringLikeRegexp("^\\[" + rule + "\\]"));
  }

  @Nested
  class LambdaTrailChecksTest {
    @TempDir
    Path outdir;

    @Test
    void unacknowledgedErrorsStopSynthesis() {
      String message = synthesisFailure(noncompliantApp(outdir, (stack, trail) -> { }, true).app());
      String[] parts = splitFailure(message);
      assertTrue(parts[0].startsWith("LambdaTrailChecks: 4 unacknowledged errors stop synthesis"), message);
      assertEquals(ERRORS, ruleIds(parts[0]), message);
      for (String rule : ERRORS) {
        assertTrue(parts[0].contains("Acknowledge with 'LambdaTrailChecks::" + rule + "'"), rule);
        assertEquals(1, message.split(Pattern.quote("[" + rule + "]"), -1).length - 1, rule + " is not listed once: " + message);
      }
      assertTrue(parts[0].contains("\nStack/Trail\n") && parts[0].contains("\nStack/Fn\n"), message);
      // The open warnings are listed after the errors (the CLI prints no annotation of an app that fails).
      assertEquals(WARNINGS, ruleIds(parts[1]), message);
    }

    @Test
    void reportListsTheFindingsBeforeSynthesisStops() {
      synthesisFailure(noncompliantApp(outdir, (stack, trail) -> { }, true).app());
      JsonNode report = readJson(outdir.resolve(REPORT_FILE));
      assertEquals("LambdaTrailChecks", report.get("tool").get("frontEnd").asText());
      assertEquals(1, report.get("trails").size());
      JsonNode trail = report.get("trails").get(0);
      assertEquals(List.of("Stack/Trail", "non-compliant"), List.of(trail.get("path").asText(), trail.get("status").asText()));
      assertEquals(1, report.get("functions").size());
      JsonNode function = report.get("functions").get(0);
      assertEquals("Stack/Fn", function.get("path").asText());
      assertEquals(0, function.get("recordedBy").size());
      Map<String, JsonNode> findings = reportFindings(report);
      assertEquals(List.of("Stack/Fn CLT20", "Stack/Trail CLT1", "Stack/Trail CLT5", "Stack/Trail CLT6",
          "Stack/Trail CLT8", "Stack/Trail CLT9"), new ArrayList<>(findings.keySet()));
      findings.forEach((where, finding) -> {
        String rule = finding.get("id").asText();
        assertEquals(ERRORS.contains(rule) ? "error" : "warning", finding.get("level").asText(), where);
        // The report's id to acknowledge with is the plain rule id (the failure prints the
        // LambdaTrailChecks:: form; both work).
        assertEquals(rule, finding.get("acknowledgeWith").asText());
        assertFalse(finding.has("acknowledged"), where);
      });
      assertEquals(4, report.get("summary").get("errors").asInt());
      assertEquals(2, report.get("summary").get("warnings").asInt());
    }

    @Test
    void unitTestsOfTheStackMeetTheGate() {
      // Template.fromStack and Annotations.fromStack synthesize the app: they throw too.
      Stack forTemplate = noncompliantApp(outdir.resolve("template"), (stack, trail) -> { }, true).stack();
      RuntimeException error = assertThrows(RuntimeException.class, () -> Template.fromStack(forTemplate));
      assertTrue(error.getMessage().contains("[CLT5]"), error.getMessage());
      Stack forAnnotations = noncompliantApp(outdir.resolve("annotations"), (stack, trail) -> { }, true).stack();
      error = assertThrows(RuntimeException.class, () -> Annotations.fromStack(forAnnotations));
      assertTrue(error.getMessage().contains("[CLT5]"), error.getMessage());
    }

    @Test
    void warningsAreAnnotationsOnceErrorsAreAcknowledged() {
      Annotations annotations = Annotations.fromStack(noncompliantApp(outdir, ConsumerTest::acknowledgeErrors, true).stack());
      assertEquals(List.of(), findingMessages(annotations, true));
      List<SynthesisMessage> clt9 = trailWarnings(annotations, "CLT9");
      assertEquals(1, clt9.size());
      // aws-cdk-lib appends the id to acknowledge the warning with.
      String data = String.valueOf(clt9.get(0).getEntry().getData());
      assertTrue(data.endsWith("[ack: LambdaTrailChecks::CLT9]"), data);
      assertEquals(1, trailWarnings(annotations, "CLT8").size());
      assertEquals(WARNINGS, ruleIds(String.join(" ", findingMessages(annotations, false))));
      // The report names each acknowledged error with its reason, in both spellings.
      JsonNode report = readJson(outdir.resolve(REPORT_FILE));
      Map<String, String> acknowledged = new TreeMap<>();
      reportFindings(report).values().stream().filter(f -> f.has("acknowledged"))
          .forEach(f -> acknowledged.put(f.get("id").asText(), f.get("acknowledged").get("reason").asText()));
      assertEquals(Map.of("CLT1", REASON, "CLT5", REASON, "CLT6", REASON, "CLT20", REASON), acknowledged);
      assertEquals(0, report.get("summary").get("errors").asInt());
      assertEquals(4, report.get("summary").get("acknowledged").asInt());
    }

    @Test
    void acknowledgedWarningAndErrorDisappear() {
      App app = noncompliantApp(outdir, (stack, trail) -> {
        // snippet:java-acknowledge
        // With the id the checks print (Acknowledge with 'LambdaTrailChecks::CLT6') or the rule
        // id alone, on the construct or an ancestor, with a reason an auditor can check.
        Validations.of(trail).acknowledge(Acknowledgment.builder()
            .id("LambdaTrailChecks::CLT6")
            .reason("Validation is done by a separate digest pipeline")
            .build());
        Validations.of(trail).acknowledge(Acknowledgment.builder()
            .id("CLT9")
            .reason("Alarms are built from the S3 logs by Athena")
            .build());
        // end-snippet
      }, true).app();
      String[] parts = splitFailure(synthesisFailure(app));
      assertTrue(parts[0].startsWith("LambdaTrailChecks: 3 unacknowledged errors"), parts[0]);
      assertEquals(List.of("CLT1", "CLT20", "CLT5"), ruleIds(parts[0]));
      assertEquals(List.of("CLT8"), ruleIds(parts[1]));
      Map<String, JsonNode> findings = reportFindings(readJson(outdir.resolve(REPORT_FILE)));
      assertEquals("Validation is done by a separate digest pipeline",
          findings.get("Stack/Trail CLT6").get("acknowledged").get("reason").asText());
      assertEquals("Alarms are built from the S3 logs by Athena",
          findings.get("Stack/Trail CLT9").get("acknowledged").get("reason").asText());
      assertFalse(findings.get("Stack/Trail CLT5").has("acknowledged"));
    }

    @Test
    void acknowledgedWarningIsNoAnnotation() {
      Annotations annotations = Annotations.fromStack(noncompliantApp(outdir, (stack, trail) -> {
        acknowledgeErrors(stack, trail);
        Validations.of(trail).acknowledge(Acknowledgment.builder()
            .id("CLT9").reason("Alarms are built from the S3 logs by Athena").build());
      }, true).stack());
      assertEquals(List.of("CLT8"), ruleIds(String.join(" ", findingMessages(annotations, false))));
      assertEquals(List.of(), findingMessages(annotations, true));
    }

    @Test
    void compliantTrailHasNoFinding() {
      // snippet:java-checks
      App app = new App();
      Stack stack = new Stack(app, "AuditStack");
      new CompliantLambdaTrail(stack, "LambdaTrail");
      // Judges every trail and function of the app as it synthesizes, after every other Aspect.
      // Unacknowledged errors stop synthesis: app.synth() throws RuntimeException
      // ("LambdaTrailChecksFailed: ..."), so `cdk synth` fails, listing each finding
      // ("[CLT6] Log file validation is off ..."), its fix and the id to acknowledge it with.
      // Warnings are annotations ("[CLT9] ... [ack: LambdaTrailChecks::CLT9]").
      // The report, lambda-trail-checks.json, is written to cdk.out either way.
      Aspects.of(app).add(new LambdaTrailChecks());
      // end-snippet
      newFunction(stack);
      Annotations annotations = Annotations.fromStack(stack);
      List<String> findings = new ArrayList<>(findingMessages(annotations, true));
      findings.addAll(findingMessages(annotations, false));
      assertEquals(List.of(), findings);
      JsonNode summary = readJson(Path.of(app.getOutdir(), REPORT_FILE)).get("summary");
      assertEquals(List.of(1, 1, 1, 0, 0), List.of(summary.get("trails").asInt(), summary.get("functions").asInt(),
          summary.get("functionsRecorded").asInt(), summary.get("errors").asInt(), summary.get("warnings").asInt()));
    }
  }

  @Nested
  class LambdaTrailChecksPluginTest {
    @TempDir
    Path outdir;

    App pluginApp(BiConsumer<Stack, CfnTrail> acknowledge) {
      App app = noncompliantApp(outdir, acknowledge, false).app();
      Validations.of(app).addPlugins(new LambdaTrailChecksPlugin());
      return app;
    }

    /** The plugin's part of aws-cdk-lib's validation-report.json. */
    JsonNode pluginReport() {
      List<JsonNode> reports = new ArrayList<>();
      readJson(outdir.resolve("validation-report.json")).get("pluginReports").forEach(r -> {
        if ("LambdaTrailChecks".equals(r.get("pluginName").asText())) {
          reports.add(r);
        }
      });
      assertEquals(1, reports.size(), reports.toString());
      return reports.get(0);
    }

    @Test
    void errorsFailSynthesisAndAreInTheValidationReport() {
      App app = pluginApp((stack, trail) -> { });
      // aws-cdk-lib fails synthesis in process when a plugin reports errors (2.263 prints the report
      // to the console and names its file in the message).
      RuntimeException error = assertThrows(RuntimeException.class, app::synth);
      String message = error.getMessage();
      assertTrue(message.startsWith("ValidationFailed: Validation failed."), message);
      assertTrue(message.contains(outdir.resolve("validation-report.json").toString()), message);
      JsonNode report = pluginReport();
      assertEquals("failure", report.get("conclusion").asText());
      Map<String, String> rules = new TreeMap<>();
      Map<String, List<String>> paths = new TreeMap<>();
      report.get("violations").forEach(v -> {
        rules.put(v.get("ruleName").asText(), v.get("severity").asText());
        List<String> constructs = new ArrayList<>();
        v.get("violatingConstructs").forEach(c -> constructs.add(c.get("constructPath").asText()));
        paths.put(v.get("ruleName").asText(), constructs);
      });
      assertEquals(Map.of("CLT1", "error", "CLT5", "error", "CLT6", "error", "CLT20", "error",
          "CLT8", "warning", "CLT9", "warning"), rules);
      assertEquals(List.of("Stack/Trail"), paths.get("CLT5"));
      assertEquals(List.of("Stack/Fn/Resource"), paths.get("CLT20"));
    }

    @Test
    void acknowledgedErrorsLetSynthesisPass() {
      pluginApp(ConsumerTest::acknowledgeErrors).synth();
      JsonNode report = pluginReport();
      assertEquals("success", report.get("conclusion").asText());
      List<String> rules = new ArrayList<>();
      report.get("violations").forEach(v -> rules.add(v.get("ruleName").asText()));
      assertEquals(WARNINGS, rules.stream().sorted().collect(Collectors.toList()));
      // aws-cdk-lib applies the LambdaTrailChecks:: acknowledgements itself and lists them with
      // their reasons; the plugin applies the plain ones (CLT6, CLT20).
      Map<String, List<String>> suppressed = new TreeMap<>();
      report.get("suppressedViolations").forEach(v -> suppressed.put(v.get("ruleName").asText(),
          List.of(v.get("acknowledgedId").asText(), v.get("reason").asText())));
      assertEquals(Map.of("CLT1", List.of("LambdaTrailChecks::CLT1", REASON),
          "CLT5", List.of("LambdaTrailChecks::CLT5", REASON)), suppressed);
    }
  }

  // --- The real CDK CLI runs a Java app (NoncompliantCdkApp). ---------------------------------

  @Test
  void cdkSynthOfAJavaAppFailsOnErrors(@TempDir Path dir) throws IOException, InterruptedException {
    // Under the CDK CLI a Node.js app fails through its exit code; a Java app runs the library in
    // the jsii kernel, whose exit code Java never sees. The library knows it runs under jsii
    // (JSII_AGENT, set by the Java runtime) and throws: the Java program ends with the exception.
    Path repo = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    Path cdk = repo.resolve("node_modules/aws-cdk/bin/cdk");
    assertTrue(Files.isRegularFile(cdk), cdk + " is missing (npm ci)");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = String.format("\"%s\" -cp \"%s\" %s", java, classpath, NoncompliantCdkApp.class.getName());
    Files.writeString(dir.resolve("cdk.json"), JSON.writeValueAsString(Map.of("app", command)));
    ProcessBuilder builder = new ProcessBuilder("node", cdk.toString(), "synth", "--no-notices", "-q")
        .directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES));
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains("java.lang.RuntimeException: LambdaTrailChecksFailed: "
        + "LambdaTrailChecks: 3 unacknowledged errors stop synthesis"), output);
    assertTrue(output.contains("Subprocess exited with error 1"), output);
    assertEquals(List.of("CLT1", "CLT5", "CLT6", "CLT8", "CLT9"), ruleIds(output), output);
    assertTrue(output.contains("Acknowledge with 'LambdaTrailChecks::CLT5'"), output);
    assertTrue(Files.isRegularFile(dir.resolve("cdk.out").resolve(REPORT_FILE)));
  }
}
