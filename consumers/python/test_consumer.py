"""Consumer tests: the jsii Python package `cdk_compliant_lambda_trail`, used as a Python app would.

Run by scripts/test-consumers.sh against the wheel that jsii-pacmak builds from this repo.
Regions between `# snippet:NAME` and `# end-snippet` are copied (dedented) into
README.md (the repository's); keep them runnable and self-contained.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aws_cdk import Acknowledgment, App, Aspects, Stack, Validations
from aws_cdk import aws_cloudtrail as cloudtrail
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Annotations, Match, Template

from cdk_compliant_lambda_trail import (
    CompliantLambdaTrail,
    CostLimitedLambdaTrail,
    LambdaFunctionSelection,
)

# The feature flag `cdk init` writes into a new app's cdk.json. Most tests use it; the quickstart
# test runs in a plain App() too, where the construct must work as well.
NEW_APP_CONTEXT = {"@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True}


def new_stack(id_="Stack"):
    return Stack(App(context=NEW_APP_CONTEXT), id_)


def compliant_stack():
    stack = new_stack("AuditStack")
    return stack, CompliantLambdaTrail(stack, "LambdaTrail")


def make_function(scope, id_="Fn"):
    return lambda_.Function(
        scope, id_,
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return None\n"),
    )


def trails(template):
    found = template.find_resources("AWS::CloudTrail::Trail")
    assert len(found) == 1, f"expected exactly one trail, got {list(found)}"
    return next(iter(found.values()))["Properties"]


def lambda_selector(trail_props):
    selectors = [s for s in trail_props["AdvancedEventSelectors"]
                 if {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]} in s["FieldSelectors"]]
    assert len(selectors) == 1, f"expected one Lambda data selector, got {trail_props['AdvancedEventSelectors']}"
    return selectors[0]


def test_quickstart_synthesizes_in_a_plain_app():
    # snippet:python-quickstart
    from aws_cdk import App, Stack
    from cdk_compliant_lambda_trail import CompliantLambdaTrail

    app = App()
    stack = Stack(app, "AuditStack")
    # Records management events and every Lambda invocation (data events, read and write),
    # encrypted with a new KMS key, validated, multi-region, with CloudWatch Logs delivery.
    trail = CompliantLambdaTrail(stack, "LambdaTrail")
    # end-snippet
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::CloudTrail::Trail", 1)
    assert trail.functions.is_all


def test_config_rule_synthesizes_with_its_bundled_handler():
    # snippet:python-config-rule
    from aws_cdk import App, Duration, Environment, Stack
    from cdk_compliant_lambda_trail import LambdaTrailConfigRule, LambdaTrailConfigRuleAcknowledgement

    app = App()
    stack = Stack(app, "LambdaTrailRule", env=Environment(account="111111111111", region="us-east-1"))
    rule = LambdaTrailConfigRule(
        stack, "Rule",
        frequency=Duration.hours(12),  # 1, 3, 6, 12 or 24 hours; default 24
        acknowledgements=[LambdaTrailConfigRuleAcknowledgement(
            resource="arn:aws:lambda:us-east-1:111111111111:function:nightly-batch",
            rule="CLT21",
            reason="Invoked by the scheduler only; risk accepted in RISK-88",
        )],
    )
    # end-snippet
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::Config::ConfigRule", {
        "Scope": {"ComplianceResourceTypes": ["AWS::CloudTrail::Trail", "AWS::Lambda::Function"]},
        "Source": Match.object_like({
            "Owner": "CUSTOM_LAMBDA",
            "SourceDetails": Match.array_with([{
                "EventSource": "aws.config", "MessageType": "ScheduledNotification", "MaximumExecutionFrequency": "Twelve_Hours",
            }]),
        }),
    })
    functions = template.find_resources("AWS::Lambda::Function")
    assert len(functions) == 1, list(functions)
    props = next(iter(functions.values()))["Properties"]
    assert props["Runtime"] == "nodejs22.x" and props["Handler"] == "index.handler"
    acknowledgements = json.loads(props["Environment"]["Variables"]["LAMBDA_TRAIL_ACKNOWLEDGEMENTS"])
    assert acknowledgements == [{
        "resource": "arn:aws:lambda:us-east-1:111111111111:function:nightly-batch",
        "rule": "CLT21",
        "reason": "Invoked by the scheduler only; risk accepted in RISK-88",
    }]
    # The handler the package ships, staged into the cloud assembly from the wheel: no bundler, no Docker.
    assembly = app.synth()
    handlers = list(Path(assembly.directory).glob("asset.*/index.js"))
    assert len(handlers) == 1, handlers
    assert "PutEvaluationsCommand" in handlers[0].read_text()
    assert rule.config_rule is not None and rule.organization_config_rule is None


def test_organization_config_rule_and_member_role():
    from aws_cdk import Environment
    from cdk_compliant_lambda_trail import (
        LambdaTrailConfigRule,
        LambdaTrailConfigRuleMemberRole,
        LambdaTrailConfigRuleOrganizationOptions,
    )

    app = App()
    member = Stack(app, "Member", env=Environment(account="222222222222", region="us-east-1"))
    LambdaTrailConfigRuleMemberRole(member, "MemberRole", administrator_account="111111111111")
    admin = Stack(app, "Admin", env=Environment(account="111111111111", region="us-east-1"))
    rule = LambdaTrailConfigRule(admin, "Rule", organization=LambdaTrailConfigRuleOrganizationOptions(
        excluded_accounts=["333333333333"],
    ))
    template = Template.from_stack(admin)
    template.resource_count_is("AWS::Config::ConfigRule", 0)
    template.has_resource_properties("AWS::Config::OrganizationConfigRule", {
        "ExcludedAccounts": ["333333333333"],
        "OrganizationCustomRuleMetadata": Match.object_like({
            "ResourceTypesScope": ["AWS::CloudTrail::Trail", "AWS::Lambda::Function"],
        }),
    })
    assert rule.organization_config_rule is not None
    Template.from_stack(member).has_resource_properties("AWS::IAM::Role", {"RoleName": "LambdaTrailConfigRuleMember"})


def test_config_rule_bad_frequency_names_the_prop_and_what_is_expected():
    from aws_cdk import Duration
    from cdk_compliant_lambda_trail import LambdaTrailConfigRule

    with pytest.raises(RuntimeError, match=r"frequency is 2 hours; expected Duration.hours\(1\), \(3\), \(6\), \(12\) or \(24\)"):
        LambdaTrailConfigRule(new_stack(), "Rule", frequency=Duration.hours(2))


class TestCompliantLambdaTrail:
    def test_trail_is_validated_multi_region_and_logging(self):
        stack, _ = compliant_stack()
        Template.from_stack(stack).has_resource_properties("AWS::CloudTrail::Trail", {
            "EnableLogFileValidation": True,
            "IsMultiRegionTrail": True,
            "IncludeGlobalServiceEvents": True,
            "IsLogging": True,
            "KMSKeyId": Match.any_value(),
            "CloudWatchLogsLogGroupArn": Match.any_value(),
        })

    def test_selectors_record_management_events_and_every_lambda_invocation(self):
        stack, _ = compliant_stack()
        props = trails(Template.from_stack(stack))
        selectors = props["AdvancedEventSelectors"]
        assert [{"Field": "eventCategory", "Equals": ["Management"]}] in [s["FieldSelectors"] for s in selectors]
        fields = lambda_selector(props)["FieldSelectors"]
        assert {"Field": "eventCategory", "Equals": ["Data"]} in fields
        # all functions: no ARN condition, and no readOnly condition (read and write are both recorded)
        assert sorted(f["Field"] for f in fields) == ["eventCategory", "resources.type"]
        assert "EventSelectors" not in props

    def test_kms_key_rotates_and_encrypts_the_trail(self):
        stack, trail = compliant_stack()
        template = Template.from_stack(stack)
        template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
        key_id = stack.resolve(trail.encryption_key.key_arn)
        assert trails(template)["KMSKeyId"] == key_id

    def test_exposes_trail_and_defaults_to_all_functions(self):
        stack, trail = compliant_stack()
        assert isinstance(trail.trail, cloudtrail.CfnTrail)
        assert trail.functions.is_all
        assert trail.log_group is not None
        assert stack.resolve(trail.trail_arn) is not None


class TestCostLimitedLambdaTrail:
    def test_only_records_the_chosen_function_by_arn(self):
        stack = new_stack()
        fn = make_function(stack)
        # snippet:python-cost-limited
        CostLimitedLambdaTrail(stack, "LambdaTrail",
            functions=LambdaFunctionSelection.only([fn]))
        # end-snippet
        fields = lambda_selector(trails(Template.from_stack(stack)))["FieldSelectors"]
        arn_fields = [f for f in fields if f["Field"] == "resources.ARN"]
        assert len(arn_fields) == 1, fields
        assert arn_fields[0]["Equals"] == [stack.resolve(fn.function_arn)]

    def test_rejects_all_functions(self):
        stack = new_stack()
        with pytest.raises(Exception, match=r"CostLimitedLambdaTrail does not limit"):
            CostLimitedLambdaTrail(stack, "LambdaTrail", functions=LambdaFunctionSelection.all())

    def test_swapping_for_compliant_trail_keeps_logical_ids(self):
        def logical_ids(cost_limited):
            stack = new_stack()
            fn = make_function(stack)
            if cost_limited:
                CostLimitedLambdaTrail(stack, "LambdaTrail", functions=LambdaFunctionSelection.only([fn]))
            else:
                CompliantLambdaTrail(stack, "LambdaTrail")
            return sorted(Template.from_stack(stack).to_json()["Resources"])

        assert logical_ids(True) == logical_ids(False)


# --- LambdaTrailChecks (an Aspect) and LambdaTrailChecksPlugin. ------------------------------
# Unacknowledged errors stop synthesis: the library throws LambdaTrailChecksFailed in the jsii kernel
# and Python gets a RuntimeError whose message is "LambdaTrailChecksFailed: <the gate's message>".
# Warnings are annotations. The report is written either way.

def checks_classes():
    # Imported here so that the construct tests above run even before the checks exist.
    from cdk_compliant_lambda_trail import LambdaTrailChecks, LambdaTrailChecksPlugin
    return LambdaTrailChecks, LambdaTrailChecksPlugin


# What the non-compliant app below gets: no Lambda data events (CLT1), no KMS (CLT5), no log file
# validation (CLT6), a function no trail records (CLT20); single-region (CLT8), no CloudWatch Logs (CLT9).
ERRORS = ["CLT1", "CLT20", "CLT5", "CLT6"]
WARNINGS = ["CLT8", "CLT9"]
REPORT_FILE = "lambda-trail-checks.json"
REASON = "Accepted by the audit committee in review AR-2231"


def noncompliant_app(outdir, acknowledge=None, checks=True):
    """A plain CfnTrail with no KMS, no validation, no data selectors, and one function."""
    LambdaTrailChecks, _ = checks_classes()
    app = App(context=NEW_APP_CONTEXT, outdir=str(outdir))
    stack = Stack(app, "Stack")
    trail = cloudtrail.CfnTrail(stack, "Trail", is_logging=True, s3_bucket_name="b")
    make_function(stack)
    if acknowledge:
        acknowledge(stack, trail)
    if checks:
        Aspects.of(app).add(LambdaTrailChecks())
    return app, stack


def acknowledge_errors(stack, trail):
    # Both spellings: the id the failure prints ("LambdaTrailChecks::CLT5") and the rule id alone.
    for id_ in ("LambdaTrailChecks::CLT1", "LambdaTrailChecks::CLT5", "CLT6"):
        Validations.of(trail).acknowledge(Acknowledgment(id=id_, reason=REASON))
    Validations.of(stack).acknowledge(Acknowledgment(id="CLT20", reason=REASON))


def synthesis_failure(app):
    """The gate's message, from the error app.synth() raises."""
    with pytest.raises(RuntimeError) as raised:
        app.synth()
    name, _, message = str(raised.value).partition(": ")
    assert name == "LambdaTrailChecksFailed", raised.value
    return message


def split_failure(message):
    """The gate's message: (the errors part, the open warnings part after "and N warnings:")."""
    errors, _, warnings = message.partition("\n\nand ")
    return errors, warnings


def rule_ids(text):
    return sorted(set(re.findall(r"\[(CLT\d+)\]", text)))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def report_findings(report):
    """{(path, rule id): finding} over the trails, functions and other findings of the checks' report."""
    found = {}
    for entry in report["trails"] + report["functions"]:
        for finding in entry["findings"]:
            found[(entry["path"], finding["id"])] = finding
    for other in report["otherFindings"]:
        found[(other["path"], other["finding"]["id"])] = other["finding"]
    return found


def finding_messages(annotations, level):
    find = annotations.find_error if level == "error" else annotations.find_warning
    return [str(m.entry.data) for m in find("*", Match.string_like_regexp(r"^\[CLT\d+\]"))]


class TestLambdaTrailChecks:
    def test_unacknowledged_errors_stop_synthesis(self, tmp_path):
        app, _ = noncompliant_app(tmp_path)
        message = synthesis_failure(app)
        errors, warnings = split_failure(message)
        assert errors.startswith("LambdaTrailChecks: 4 unacknowledged errors stop synthesis"), message
        assert rule_ids(errors) == ERRORS, message
        for rule in ERRORS:
            assert f"Acknowledge with 'LambdaTrailChecks::{rule}'" in errors
            assert message.count(f"[{rule}]") == 1, f"{rule} is not listed once"
        assert "\nStack/Trail\n" in errors and "\nStack/Fn\n" in errors, message
        # The open warnings are listed after the errors (the CLI prints no annotation of an app that fails).
        assert rule_ids(warnings) == WARNINGS, message

    def test_report_lists_the_findings_before_synthesis_stops(self, tmp_path):
        app, _ = noncompliant_app(tmp_path)
        synthesis_failure(app)
        report = read_json(tmp_path / REPORT_FILE)
        assert report["tool"]["frontEnd"] == "LambdaTrailChecks"
        [trail] = report["trails"]
        assert (trail["path"], trail["status"]) == ("Stack/Trail", "non-compliant")
        [function] = report["functions"]
        assert function["path"] == "Stack/Fn" and function["recordedBy"] == []
        findings = report_findings(report)
        assert sorted(findings) == sorted([("Stack/Trail", r) for r in ["CLT1", "CLT5", "CLT6", *WARNINGS]]
                                          + [("Stack/Fn", "CLT20")])
        for (_, rule), finding in findings.items():
            assert finding["level"] == ("error" if rule in ERRORS else "warning"), finding
            # The report's id to acknowledge with is the plain rule id (the failure prints the
            # LambdaTrailChecks:: form; both work).
            assert finding["acknowledgeWith"] == rule
            assert "acknowledged" not in finding
        assert (report["summary"]["errors"], report["summary"]["warnings"]) == (4, 2)

    def test_unit_tests_of_the_stack_meet_the_gate(self, tmp_path):
        # Template.from_stack and Annotations.from_stack synthesize the app: they raise too.
        _, stack = noncompliant_app(tmp_path / "template")
        with pytest.raises(RuntimeError, match=r"\[CLT5\]"):
            Template.from_stack(stack)
        _, stack = noncompliant_app(tmp_path / "annotations")
        with pytest.raises(RuntimeError, match=r"\[CLT5\]"):
            Annotations.from_stack(stack)

    def test_warnings_are_annotations_once_errors_are_acknowledged(self, tmp_path):
        _, stack = noncompliant_app(tmp_path, acknowledge_errors)
        annotations = Annotations.from_stack(stack)
        assert finding_messages(annotations, "error") == []
        [clt9] = annotations.find_warning("/Stack/Trail", Match.string_like_regexp(r"^\[CLT9\]"))
        # aws-cdk-lib appends the id to acknowledge the warning with.
        assert str(clt9.entry.data).endswith("[ack: LambdaTrailChecks::CLT9]"), clt9.entry.data
        assert len(annotations.find_warning("/Stack/Trail", Match.string_like_regexp(r"^\[CLT8\]"))) == 1
        assert rule_ids(" ".join(finding_messages(annotations, "warning"))) == WARNINGS
        # The report names each acknowledged error with its reason, in both spellings.
        report = read_json(tmp_path / REPORT_FILE)
        acknowledged = {rule: f["acknowledged"]["reason"]
                        for (_, rule), f in report_findings(report).items() if "acknowledged" in f}
        assert acknowledged == {rule: REASON for rule in ERRORS}
        assert (report["summary"]["errors"], report["summary"]["acknowledged"]) == (0, 4)

    def test_acknowledged_warning_and_error_disappear(self, tmp_path):
        def acknowledge(stack, trail):
            # snippet:python-acknowledge
            from aws_cdk import Acknowledgment, Validations

            # With the id the checks print (Acknowledge with 'LambdaTrailChecks::CLT6') or the rule
            # id alone, on the construct or an ancestor, with a reason an auditor can check.
            Validations.of(trail).acknowledge(Acknowledgment(
                id="LambdaTrailChecks::CLT6", reason="Validation is done by a separate digest pipeline"))
            Validations.of(trail).acknowledge(Acknowledgment(
                id="CLT9", reason="Alarms are built from the S3 logs by Athena"))
            # end-snippet

        app, _ = noncompliant_app(tmp_path, acknowledge)
        errors, warnings = split_failure(synthesis_failure(app))
        assert errors.startswith("LambdaTrailChecks: 3 unacknowledged errors"), errors
        assert rule_ids(errors) == ["CLT1", "CLT20", "CLT5"]
        assert rule_ids(warnings) == ["CLT8"]
        findings = report_findings(read_json(tmp_path / REPORT_FILE))
        assert findings[("Stack/Trail", "CLT6")]["acknowledged"]["reason"] == "Validation is done by a separate digest pipeline"
        assert findings[("Stack/Trail", "CLT9")]["acknowledged"]["reason"] == "Alarms are built from the S3 logs by Athena"
        assert "acknowledged" not in findings[("Stack/Trail", "CLT5")]

    def test_acknowledged_warning_is_no_annotation(self, tmp_path):
        def acknowledge(stack, trail):
            acknowledge_errors(stack, trail)
            Validations.of(trail).acknowledge(Acknowledgment(id="CLT9", reason="Alarms are built from the S3 logs by Athena"))

        annotations = Annotations.from_stack(noncompliant_app(tmp_path, acknowledge)[1])
        assert rule_ids(" ".join(finding_messages(annotations, "warning"))) == ["CLT8"]
        assert finding_messages(annotations, "error") == []

    def test_compliant_trail_has_no_finding(self):
        # snippet:python-checks
        from aws_cdk import App, Aspects, Stack
        from cdk_compliant_lambda_trail import CompliantLambdaTrail, LambdaTrailChecks

        app = App()
        stack = Stack(app, "AuditStack")
        CompliantLambdaTrail(stack, "LambdaTrail")
        # Judges every trail and function of the app as it synthesizes, after every other Aspect.
        # Unacknowledged errors stop synthesis: app.synth() raises RuntimeError
        # ("LambdaTrailChecksFailed: ..."), so `cdk synth` fails, listing each finding
        # ("[CLT6] Log file validation is off ..."), its fix and the id to acknowledge it with.
        # Warnings are annotations ("[CLT9] ... [ack: LambdaTrailChecks::CLT9]").
        # The report, lambda-trail-checks.json, is written to cdk.out either way.
        Aspects.of(app).add(LambdaTrailChecks())
        # end-snippet
        make_function(stack)
        annotations = Annotations.from_stack(stack)
        assert finding_messages(annotations, "error") + finding_messages(annotations, "warning") == []
        summary = read_json(Path(app.outdir) / REPORT_FILE)["summary"]
        assert summary == {**summary, "trails": 1, "functions": 1, "functionsRecorded": 1, "errors": 0, "warnings": 0}


class TestLambdaTrailChecksPlugin:
    def plugin_app(self, outdir, acknowledge=None):
        _, LambdaTrailChecksPlugin = checks_classes()
        app, stack = noncompliant_app(outdir, acknowledge, checks=False)
        Validations.of(app).add_plugins(LambdaTrailChecksPlugin())
        return app, stack

    @staticmethod
    def plugin_report(outdir):
        """The plugin's part of aws-cdk-lib's validation-report.json (its 2.275 format)."""
        reports = [r for r in read_json(outdir / "validation-report.json")["pluginReports"]
                   if r["pluginName"] == "LambdaTrailChecks"]
        assert len(reports) == 1, reports
        return reports[0]

    def test_errors_fail_synthesis_and_are_in_the_validation_report(self, tmp_path):
        app, _ = self.plugin_app(tmp_path)
        # aws-cdk-lib fails synthesis in process when a plugin reports errors, with the report as text.
        with pytest.raises(RuntimeError) as raised:
            app.synth()
        message = str(raised.value)
        assert message.startswith("ValidationFailed: "), message
        assert "ERROR [CLT5] Logs are not encrypted with KMS" in message
        assert "Acknowledge with 'LambdaTrailChecks::CLT5'" in message
        report = self.plugin_report(tmp_path)
        assert report["conclusion"] == "failure"
        rules = {v["ruleName"]: v["severity"] for v in report["violations"]}
        assert rules == {**{r: "error" for r in ERRORS}, **{r: "warning" for r in WARNINGS}}
        paths = {v["ruleName"]: [c["constructPath"] for c in v["violatingConstructs"]] for v in report["violations"]}
        assert (paths["CLT5"], paths["CLT20"]) == (["Stack/Trail"], ["Stack/Fn/Resource"])

    def test_acknowledged_errors_let_synthesis_pass(self, tmp_path):
        app, _ = self.plugin_app(tmp_path, acknowledge_errors)
        app.synth()
        report = self.plugin_report(tmp_path)
        assert report["conclusion"] == "success"
        assert sorted(v["ruleName"] for v in report["violations"]) == WARNINGS
        # aws-cdk-lib applies the LambdaTrailChecks:: acknowledgements itself and lists them with
        # their reasons; the plugin applies the plain ones (CLT6, CLT20).
        suppressed = {v["ruleName"]: (v["acknowledgedId"], v["reason"]) for v in report["suppressedViolations"]}
        assert suppressed == {"CLT1": ("LambdaTrailChecks::CLT1", REASON), "CLT5": ("LambdaTrailChecks::CLT5", REASON)}


# --- The real CDK CLI runs a Python app. ----------------------------------------------------
REPO = Path(__file__).resolve().parents[2]
CDK_CLI = REPO / "node_modules" / "aws-cdk" / "bin" / "cdk"

NONCOMPLIANT_APP_PY = '''
from aws_cdk import App, Aspects, Stack
from aws_cdk import aws_cloudtrail as cloudtrail
from cdk_compliant_lambda_trail import LambdaTrailChecks

app = App()
stack = Stack(app, "Stack")
cloudtrail.CfnTrail(stack, "Trail", is_logging=True, s3_bucket_name="b")
Aspects.of(app).add(LambdaTrailChecks())
app.synth()
'''


def test_cdk_synth_of_a_python_app_fails_on_errors(tmp_path):
    # Under the CDK CLI a Node.js app fails through its exit code; a Python app runs the library in
    # the jsii kernel, whose exit code Python never sees. The library knows it runs under jsii
    # (JSII_AGENT, set by the Python runtime) and throws: the Python program ends with the error.
    (tmp_path / "app.py").write_text(NONCOMPLIANT_APP_PY)
    (tmp_path / "cdk.json").write_text(json.dumps({"app": f"{sys.executable} app.py"}))
    env = {**os.environ, "CDK_DISABLE_CLI_TELEMETRY": "true"}
    result = subprocess.run(
        [shutil.which("node"), str(CDK_CLI), "synth", "--no-notices", "-q"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "RuntimeError: LambdaTrailChecksFailed: LambdaTrailChecks: 3 unacknowledged errors stop synthesis" in output, output
    assert "Subprocess exited with error 1" in output
    assert rule_ids(output) == ["CLT1", "CLT5", "CLT6", "CLT8", "CLT9"], output
    assert "Acknowledge with 'LambdaTrailChecks::CLT5'" in output
    assert (tmp_path / "cdk.out" / REPORT_FILE).is_file()
