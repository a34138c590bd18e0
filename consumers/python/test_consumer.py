"""Consumer tests: the jsii Python package `cdk_compliant_lambda_trail`, used as a Python app would.

Run by scripts/test-consumers.sh against the wheel that jsii-pacmak builds from this repo.
Regions between `# snippet:NAME` and `# end-snippet` are copied (dedented) into
README.md (the repository's); keep them runnable and self-contained.
"""
import re

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

FINDING = re.compile(r"^\[CLT\d+\]")

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


# --- Findings of LambdaTrailChecks (an Aspect). ---------------------------------------------

def checks_class():
    # Imported here so that the construct tests above run even before the checks exist.
    from cdk_compliant_lambda_trail import LambdaTrailChecks
    return LambdaTrailChecks


def noncompliant_app(acknowledge=None):
    """A plain CfnTrail with no KMS, no validation, no data selectors, and one function."""
    LambdaTrailChecks = checks_class()
    stack = new_stack()
    trail = cloudtrail.CfnTrail(stack, "Trail", is_logging=True, s3_bucket_name="b")
    make_function(stack)
    if acknowledge:
        acknowledge(trail)
    Aspects.of(stack.node.root).add(LambdaTrailChecks())
    return stack


def messages(findings):
    return [f.entry.data for f in findings]


class TestLambdaTrailChecks:
    @pytest.mark.parametrize("rule", ["CLT1", "CLT5", "CLT6"])
    def test_errors_on_the_noncompliant_trail(self, rule):
        stack = noncompliant_app()
        found = Annotations.from_stack(stack).find_error(
            "/Stack/Trail", Match.string_like_regexp(rf"^\[{rule}\]"))
        assert len(found) >= 1, f"no {rule} error on /Stack/Trail"

    def test_warns_about_missing_cloudwatch_logs(self):
        stack = noncompliant_app()
        found = Annotations.from_stack(stack).find_warning("/Stack/Trail", Match.string_like_regexp(r"^\[CLT9\]"))
        assert len(found) >= 1

    def test_unrecorded_function_is_an_error(self):
        stack = noncompliant_app()
        found = Annotations.from_stack(stack).find_error("*", Match.string_like_regexp(r"^\[CLT20\]"))
        assert len(found) >= 1

    def test_acknowledged_warning_disappears_and_errors_remain(self):
        def acknowledge(trail):
            # snippet:python-acknowledge
            from aws_cdk import Acknowledgment, Validations

            Validations.of(trail).acknowledge(
                Acknowledgment(id="CLT9", reason="Alarms are built from the S3 logs by Athena"))
            # end-snippet

        annotations = Annotations.from_stack(noncompliant_app(acknowledge))
        assert annotations.find_warning("*", Match.string_like_regexp(r"^\[CLT9\]")) == []
        assert len(annotations.find_error("/Stack/Trail", Match.string_like_regexp(r"^\[CLT5\]"))) >= 1

    def test_acknowledged_error_disappears(self):
        def acknowledge(trail):
            Validations.of(trail).acknowledge(
                Acknowledgment(id="CLT6", reason="Validation is done by a separate digest pipeline"))

        annotations = Annotations.from_stack(noncompliant_app(acknowledge))
        assert annotations.find_error("*", Match.string_like_regexp(r"^\[CLT6\]")) == []
        assert len(annotations.find_error("/Stack/Trail", Match.string_like_regexp(r"^\[CLT1\]"))) >= 1

    def test_compliant_trail_has_no_finding(self):
        # snippet:python-checks
        from aws_cdk import App, Aspects, Stack
        from cdk_compliant_lambda_trail import CompliantLambdaTrail, LambdaTrailChecks

        app = App()
        stack = Stack(app, "AuditStack")
        CompliantLambdaTrail(stack, "LambdaTrail")
        # Every trail and function in the app is checked at synth time; findings are
        # errors and warnings whose message starts with the rule id, e.g. "[CLT6]".
        Aspects.of(app).add(LambdaTrailChecks())
        # end-snippet
        make_function(stack)
        annotations = Annotations.from_stack(stack)
        found = messages(annotations.find_error("*", Match.any_value())) \
            + messages(annotations.find_warning("*", Match.any_value()))
        assert [m for m in found if FINDING.match(str(m))] == []
