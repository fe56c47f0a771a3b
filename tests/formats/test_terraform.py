"""Terraform plan import (estimator/formats/terraform.py): a three-tier AWS plan as
`terraform show -json` prints it gives the expected components, instances, redundancy, links
and notes; malformed plans a FormatError naming the line or element."""

import json
from pathlib import Path

import pytest

from estimator.formats import detect, import_text
from estimator.formats.base import FormatError

FILES = Path(__file__).parent / "files"
PLAN = FILES / "three-tier.tfplan.json"


def _components(result) -> dict[str, dict]:
    return {c["key"]: c for c in result.document["components"]}


def _links(result) -> set[tuple[str, str]]:
    return {(link["from"], link["to"]) for link in result.document["links"]}


def _resource(type_, name, values=None, index=None, mode="managed"):
    address = f"{type_}.{name}" + (f"[{json.dumps(index)}]" if index is not None else "")
    resource = {"address": address, "mode": mode, "type": type_, "name": name,
                "values": values or {}}
    if index is not None:
        resource["index"] = index
    return resource


def _plan(resources, configuration=None, child_modules=None) -> str:
    root = {"resources": resources}
    if child_modules:
        root["child_modules"] = child_modules
    plan = {"format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": root}}
    if configuration is not None:
        plan["configuration"] = configuration
    return json.dumps(plan)


def test_the_three_tier_plan():
    text = PLAN.read_text()
    assert text.count("\n") == 1  # one line, as terraform show -json prints it
    assert detect(text, "plan.json") == "terraform-plan"
    result = import_text(text)
    assert result.format == "terraform-plan"
    components = _components(result)
    figures = {key: (c["kind"], c.get("instances", 1), c.get("redundancy"),
                     c.get("managed", False)) for key, c in components.items()}
    assert figures == {
        "client": ("client", 1, None, False),
        "route53_zone_main": ("dns", 1, None, True),
        "cloudfront_distribution_cdn": ("cdn", 1, None, True),
        "lb_web": ("load_balancer", 1, None, True),
        "autoscaling_group_app": ("service", 3, None, False),
        "db_instance_main": ("database", 2, "active-passive", False),
        "elasticache_replication_group_sessions": ("cache", 2, "active-passive", False),
        "s3_bucket_assets": ("object_store", 1, None, True),
        "sqs_queue_orders": ("queue", 1, None, True),
        "sqs_queue_orders_dlq": ("queue", 1, None, True),
    }
    assert components["lb_web"]["name"] == "aws_lb.web"
    # from the configuration's references, through the record, the listener and target
    # group, and the launch template's user data
    assert _links(result) == {
        ("client", "route53_zone_main"),
        ("route53_zone_main", "cloudfront_distribution_cdn"),
        ("cloudfront_distribution_cdn", "lb_web"),
        ("cloudfront_distribution_cdn", "s3_bucket_assets"),
        ("lb_web", "autoscaling_group_app"),
        ("autoscaling_group_app", "db_instance_main"),
        ("autoscaling_group_app", "elasticache_replication_group_sessions"),
        ("autoscaling_group_app", "sqs_queue_orders"),
        ("autoscaling_group_app", "s3_bucket_assets"),
    }
    assert "Multi-AZ" in components["db_instance_main"]["notes"]
    assert "automatic failover" in components["elasticache_replication_group_sessions"]["notes"]
    assert "3 to 9 instances: the desired capacity, 3" in \
        components["autoscaling_group_app"]["notes"]
    assert "Links follow the references between resources in the plan's configuration." \
        in result.notes
    skipped, = [note for note in result.notes if "resources skipped" in note]
    assert skipped.startswith("25 networking, access, monitoring and configuration resources")
    assert "4 aws_subnet" in skipped and "3 aws_security_group" in skipped
    assert "Terraform 1.9.5" in result.document["description"]
    assert result.document["workloads"][0]["route"][:4] == [
        "client", "route53_zone_main", "cloudfront_distribution_cdn", "lb_web"]


def test_resource_changes_alone_are_read_and_deletions_left_out():
    plan = json.loads(PLAN.read_text())
    del plan["planned_values"]
    plan["resource_changes"].append({
        "address": "aws_instance.old", "mode": "managed", "type": "aws_instance",
        "name": "old", "change": {"actions": ["delete"], "before": {}, "after": None}})
    result = import_text(json.dumps(plan), format="terraform-plan")
    components = _components(result)
    assert components["autoscaling_group_app"]["instances"] == 3
    assert components["db_instance_main"]["redundancy"] == "active-passive"
    assert "instance_old" not in components


def test_count_and_for_each_copies_are_one_component_with_that_many_instances():
    resources = [_resource("aws_instance", "web", {"instance_type": "t3.small"}, index=i)
                 for i in range(3)]
    resources += [_resource("aws_sqs_queue", "jobs", {"name": name}, index=name)
                  for name in ("email", "billing")]
    resources += [_resource("aws_ami", "ubuntu", mode="data")]
    result = import_text(_plan(resources), format="terraform-plan")
    components = _components(result)
    assert components["instance_web"]["instances"] == 3
    assert components["sqs_queue_jobs"]["instances"] == 2
    assert "3 copies (count or for_each) as one component" in components["instance_web"]["notes"]
    assert "1 data source(s) read by the plan: skipped." in result.notes
    # no configuration: links guessed by tier, said so
    assert ("instance_web", "sqs_queue_jobs") in _links(result)
    assert any(note.startswith("Links guessed by tier") for note in result.notes)


def test_child_modules_an_aurora_cluster_and_other_aws_types():
    module = {"address": "module.data", "resources": [
        {**_resource("aws_rds_cluster", "main", {"cluster_identifier": "shop"}),
         "address": "module.data.aws_rds_cluster.main"},
        *({**_resource("aws_rds_cluster_instance", "node", {"cluster_identifier": "shop"},
                       index=i), "address": f"module.data.aws_rds_cluster_instance.node[{i}]"}
          for i in range(3))]}
    resources = [
        _resource("aws_ecs_service", "api", {"desired_count": 4}),
        _resource("aws_lambda_function", "thumbs", {"function_name": "thumbs"}),
        _resource("aws_dynamodb_table", "sessions", {"name": "sessions"}),
        _resource("aws_elasticache_cluster", "memcached", {"num_cache_nodes": 3}),
        _resource("aws_msk_cluster", "events", {"number_of_broker_nodes": 3}),
        _resource("aws_mq_broker", "legacy", {"deployment_mode": "ACTIVE_STANDBY_MULTI_AZ"}),
        _resource("aws_apigatewayv2_api", "http", {"protocol_type": "HTTP"}),
        _resource("aws_opensearch_domain", "logs",
                  {"cluster_config": [{"instance_count": 3}]}),
        _resource("aws_sns_topic", "events", {}),
        _resource("aws_kinesis_stream", "clicks", {"shard_count": 2}),
        _resource("aws_efs_file_system", "shared", {}),
        _resource("aws_db_instance", "reporting", {"multi_az": False}),
    ]
    result = import_text(_plan(resources, child_modules=[module]), format="terraform-plan")
    figures = {key: (c["kind"], c.get("instances", 1), c.get("redundancy"))
               for key, c in _components(result).items()}
    assert figures["module_data_rds_cluster_main"] == ("database", 3, "active-passive")
    assert figures["ecs_service_api"] == ("service", 4, None)
    assert figures["lambda_function_thumbs"] == ("service", 1, None)
    assert figures["dynamodb_table_sessions"] == ("database", 1, None)
    assert figures["elasticache_cluster_memcached"] == ("cache", 3, None)
    assert figures["msk_cluster_events"] == ("queue", 3, None)
    assert figures["mq_broker_legacy"] == ("queue", 2, "active-passive")
    assert figures["apigatewayv2_api_http"] == ("api_gateway", 1, None)
    assert figures["opensearch_domain_logs"] == ("search", 3, None)
    assert figures["sns_topic_events"] == ("queue", 1, None)
    assert figures["kinesis_stream_clicks"][0] == "queue"  # guessed from the type's name
    assert figures["efs_file_system_shared"][0] == "service"
    assert figures["db_instance_reporting"] == ("database", 1, None)
    notes = _components(result)["efs_file_system_shared"]["notes"]
    assert "aws_efs_file_system is not a type this import knows: a service" in notes
    assert not any(key.startswith("module_data_rds_cluster_instance") for key in figures)


def test_a_target_group_attachment_joins_a_load_balancer_to_its_instances():
    resources = [_resource("aws_lb", "front"), _resource("aws_lb_target_group", "web"),
                 _resource("aws_lb_listener", "http"),
                 _resource("aws_lb_target_group_attachment", "web", index=0),
                 _resource("aws_instance", "web", index=0),
                 _resource("aws_instance", "web", index=1),
                 _resource("aws_security_group", "web")]

    def configured(type_, name, **references):
        return {"address": f"{type_}.{name}", "mode": "managed", "type": type_, "name": name,
                "expressions": {k: {"references": v} for k, v in references.items()}}

    configuration = {"root_module": {"resources": [
        configured("aws_lb_listener", "http", load_balancer_arn=["aws_lb.front.arn"],
                   default_action=["aws_lb_target_group.web.arn"]),
        configured("aws_lb_target_group_attachment", "web",
                   target_group_arn=["aws_lb_target_group.web.arn"],
                   target_id=["aws_instance.web[count.index].id", "aws_instance.web"]),
        configured("aws_instance", "web", vpc_security_group_ids=["aws_security_group.web.id"]),
        configured("aws_lb", "front", security_groups=["aws_security_group.web.id"]),
    ]}}
    result = import_text(_plan(resources, configuration), format="terraform-plan")
    assert _links(result) == {("client", "lb_front"), ("lb_front", "instance_web")}
    assert _components(result)["instance_web"]["instances"] == 2


@pytest.mark.parametrize(("text", "where"), [
    ('{"format_version": "1.2", "planned_values": {"root_module": {"resources": [',
     "line 1, column 76: not valid JSON"),
    ('{\n  "format_version": "1.2",\n  "planned_values": }\n', "line 3, column 21: not valid"),
    ("[1, 2]", "line 1: a plan is a JSON object, not a list"),
    ('{"planned_values": {}}', "format_version: not a plan"),
    ('{"format_version": "1.2"}', "planned_values: the plan has neither"),
    ('{"format_version": "1.2", "planned_values": []}',
     "planned_values: a mapping was expected, not a list"),
    ('{"format_version": "1.2", "planned_values": {"root_module": 3}}',
     "planned_values.root_module: a mapping was expected, not the number 3"),
    ('{"format_version": "1.2", "planned_values": {"root_module": {"resources": {}}}}',
     "planned_values.root_module.resources: a list was expected"),
    ('{"format_version": "1.2", "planned_values": {"root_module": {"resources": ["x"]}}}',
     "planned_values.root_module.resources[0]: a resource is a mapping, not text"),
    (_plan([{"type": 5, "name": "a"}]),
     "planned_values.root_module.resources[0].type: a name is text, not the number 5"),
    (_plan([{"type": "aws_instance", "name": None}]),
     "planned_values.root_module.resources[0].name: a name is text, not empty (null)"),
    (_plan([{"type": "aws_instance", "name": "a", "values": [1]}]),
     "planned_values.root_module.resources[0].values: a mapping was expected"),
    (_plan([_resource("aws_autoscaling_group", "a", {"desired_capacity": "three"})]),
     "planned_values.root_module.resources[0] (aws_autoscaling_group.a).values."
     "desired_capacity: a whole number"),
    (_plan([_resource("aws_autoscaling_group", "a", {"desired_capacity": 1e300})]),
     "planned_values.root_module.resources[0] (aws_autoscaling_group.a).values."
     "desired_capacity: a whole number"),
    ('{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": '
     '"aws_ecs_service", "name": "a", "values": {"desired_count": ' + "9" * 5000 + "}}]}}}",
     "planned_values.root_module.resources[0] (aws_ecs_service.a).values.desired_count: a "
     "whole number (0 or more) was expected, not the number inf"),
    (_plan([_resource("aws_db_instance", "a", {"multi_az": "yes"})]),
     "planned_values.root_module.resources[0] (aws_db_instance.a).values.multi_az: true or "
     "false was expected, not text"),
    (_plan([_resource("aws_instance", "a")], child_modules=["m"]),
     "planned_values.root_module.child_modules[0]: a module is a mapping"),
    (_plan([_resource("aws_vpc", "a"), _resource("aws_subnet", "b")]),
     "planned_values: the plan holds no resources that serve requests"),
    ('{"format_version": "1.2", "resource_changes": [{"type": "aws_instance", "name": "a", '
     '"change": {"actions": ["create"], "after": "x"}}]}',
     "resource_changes[0].change.after: a mapping was expected, not text"),
    ("{" * 100 + "}" * 100, "line 1: nested more than 64 levels deep"),
    ('{"format_version": "1.2",\n"planned_values": ' + "[" * 5000 + "]" * 5000 + "}",
     "line 2: nested more than 64 levels deep"),
])
def test_malformed_plans_name_the_line_or_element(text, where):
    with pytest.raises(FormatError) as error:
        import_text(text, format="terraform-plan")
    assert str(error.value).startswith(where), str(error.value)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.99])
def test_the_plan_cut_short_is_refused_naming_the_column(fraction):
    text = PLAN.read_text()
    cut = text[:int(len(text) * fraction)]
    with pytest.raises(FormatError, match=r"^line 1, column \d+: not valid JSON"):
        import_text(cut, format="terraform-plan")


def test_a_plan_with_too_many_resources_is_refused():
    resources = [_resource("aws_instance", f"i{i}") for i in range(2_001)]
    with pytest.raises(FormatError, match="2,001 resources in planned_values.root_module"):
        import_text(_plan(resources), format="terraform-plan")


def test_garbage_configuration_is_ignored_not_fatal():
    configuration = {"root_module": {"resources": [7, {"address": 3}, {"address": "x.y",
                                                                        "expressions": [1]}],
                                     "module_calls": {"m": 5, "n": {"module": [1]}}}}
    result = import_text(_plan([_resource("aws_instance", "a"), _resource("aws_s3_bucket", "b")],
                               configuration), format="terraform-plan")
    assert ("instance_a", "s3_bucket_b") in _links(result)


def test_detection():
    assert detect('{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{}}') \
        == "terraform-plan"
    assert detect('{"format_version":"1.0","resource_changes":[]}') == "terraform-plan"
    assert detect('{"name": "x", "components": [{"key": "a", "kind": "service"}]}') == "json"
