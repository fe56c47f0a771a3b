"""A Terraform plan as JSON (`terraform show -json plan.out`) imported: the planned AWS
resources become components (load balancers, instances and autoscaling groups, RDS with
Multi-AZ, ElastiCache, S3, CloudFront, SQS, ...), the copies `count` or `for_each` make are
one component's instances, and the links come from the references between resources in the
plan's `configuration` (through target groups, listeners, launch templates and the like),
else are guessed tier by tier. Networking, access and monitoring resources are skipped,
counted in a note. Import only.
"""

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from estimator.formats import Importer, register_importer
from estimator.formats.base import (
    MAX_DEPTH,
    FormatError,
    ImportResult,
    Node,
    assemble,
    check_count,
    guess_kind,
    slug_key,
)
from estimator.formats.yaml_files import Locator, clean_text, describe

# type -> (kind, managed by AWS)
KINDS = {
    "aws_lb": ("load_balancer", True), "aws_alb": ("load_balancer", True),
    "aws_elb": ("load_balancer", True),
    "aws_instance": ("service", False), "aws_autoscaling_group": ("service", False),
    "aws_ecs_service": ("service", False), "aws_lambda_function": ("service", True),
    "aws_db_instance": ("database", False), "aws_rds_cluster": ("database", False),
    "aws_dynamodb_table": ("database", True),
    "aws_elasticache_cluster": ("cache", False),
    "aws_elasticache_replication_group": ("cache", False),
    "aws_s3_bucket": ("object_store", True),
    "aws_cloudfront_distribution": ("cdn", True),
    "aws_sqs_queue": ("queue", True), "aws_sns_topic": ("queue", True),
    "aws_msk_cluster": ("queue", False), "aws_mq_broker": ("queue", False),
    "aws_api_gateway_rest_api": ("api_gateway", True),
    "aws_apigatewayv2_api": ("api_gateway", True),
    "aws_opensearch_domain": ("search", False), "aws_elasticsearch_domain": ("search", False),
    "aws_route53_zone": ("dns", True),
}
# Skipped resources that join components (a target group joins a load balancer to its
# instances; a launch template's user data names the database): links are traced through
# them.
JOINERS = {
    "aws_lb_target_group", "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener",
    "aws_lb_listener_rule", "aws_alb_listener_rule", "aws_lb_target_group_attachment",
    "aws_alb_target_group_attachment", "aws_autoscaling_attachment", "aws_launch_template",
    "aws_launch_configuration", "aws_ecs_task_definition", "aws_lambda_event_source_mapping",
    "aws_lambda_permission", "aws_api_gateway_integration", "aws_api_gateway_resource",
    "aws_api_gateway_method", "aws_apigatewayv2_integration", "aws_apigatewayv2_route",
    "aws_sns_topic_subscription", "aws_route53_record", "aws_s3_bucket_policy",
    "aws_appautoscaling_target", "aws_elb_attachment",
}
# Networking, access, security, monitoring and configuration: not components.
SKIPPED_PREFIXES = (
    "aws_vpc", "aws_subnet", "aws_security_group", "aws_iam_", "aws_route_table", "aws_route",
    "aws_internet_gateway", "aws_egress_only_internet_gateway", "aws_nat_gateway", "aws_eip",
    "aws_network_", "aws_default_", "aws_flow_log", "aws_cloudwatch_", "aws_lb_",
    "aws_alb_", "aws_autoscaling_", "aws_appautoscaling_", "aws_launch_", "aws_db_",
    "aws_rds_cluster_parameter_group", "aws_elasticache_subnet_group",
    "aws_elasticache_parameter_group", "aws_elasticache_user", "aws_s3_bucket_",
    "aws_s3_object", "aws_sqs_queue_", "aws_sns_topic_", "aws_cloudfront_origin_",
    "aws_cloudfront_cache_policy", "aws_cloudfront_function", "aws_cloudfront_response_",
    "aws_acm_", "aws_kms_", "aws_key_pair", "aws_ecs_cluster", "aws_ecs_task_definition",
    "aws_ecs_capacity_provider", "aws_ecr_", "aws_lambda_", "aws_api_gateway_",
    "aws_apigatewayv2_", "aws_route53_record", "aws_route53_health_check",
    "aws_secretsmanager_", "aws_ssm_", "aws_wafv2_", "aws_waf_", "aws_shield_",
    "aws_cloudtrail", "aws_config_", "aws_guardduty_", "aws_service_discovery_",
    "aws_sns_topic_subscription", "aws_placement_group", "aws_ebs_", "aws_volume_attachment",
    "aws_cognito_", "aws_budgets_", "aws_resourcegroups_", "aws_elb_attachment",
    "aws_proxy_protocol_policy", "aws_load_balancer_", "aws_msk_configuration",
    "aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy", "aws_dynamodb_table_item",
    "random_", "null_resource", "terraform_data", "tls_", "local_", "time_", "archive_",
)
# Who calls whom when links are guessed (or when a reference between two components says
# only that they are related): a lower tier calls a higher one.
TIERS = {"dns": 0, "cdn": 1, "load_balancer": 2, "api_gateway": 2, "service": 3, "worker": 3,
         "external": 3, "cache": 4, "database": 4, "queue": 4, "object_store": 4, "search": 4}
_ADDRESS_INDEX = re.compile(r"\[[^\[\]]*\]$")
_REFERENCE = re.compile(r"^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)"
                        r"([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)")
_INT_DIGITS = getattr(sys, "get_int_max_str_digits", lambda: 4300)() or 4300


@dataclass
class _Group:
    """The resources one block plans (several with `count` or `for_each`)."""

    address: str  # without the index: module.app.aws_instance.web
    type: str
    name: str
    values: list[dict] = field(default_factory=list)
    where: str = ""


def _int(text: str) -> int | float:
    return float("inf") if len(text.lstrip("-")) >= _INT_DIGITS else int(text)


def load_json(text: str):
    """JSON text, nesting limited to MAX_DEPTH; FormatError naming the line otherwise."""
    depth, line = 0, 1
    for token in re.finditer(r'[\[{\]}\n]|"(?:[^"\\\n]|\\.)*"', text):
        character = token.group()
        if character == "\n":
            line += 1
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise FormatError(f"nested more than {MAX_DEPTH} levels deep; not read",
                                  where=f"line {line}")
        elif character in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as error:
        raise FormatError(f"not valid JSON: {error.msg}",
                          where=f"line {error.lineno}, column {error.colno}") from None
    except (ValueError, RecursionError) as error:
        raise FormatError(f"not valid JSON: {str(error)[:120]}") from None


class _Plan:
    def __init__(self, plan: dict):
        self.plan = plan
        self.fields = Locator()
        self.groups: dict[str, _Group] = {}
        self.notes: list[str] = []
        self.skipped: Counter = Counter()
        self.data_sources = 0

    # -- the resources planned
    def resources(self) -> None:
        fields, plan = self.fields, self.plan
        planned = fields.mapping(plan, "planned_values", "planned_values")
        if planned:
            stack = [(fields.mapping(planned, "root_module", "planned_values.root_module"),
                      "planned_values.root_module")]
            while stack:
                module, where = stack.pop()
                resources = fields.sequence(module, "resources", f"{where}.resources")
                check_count(len(resources), f"resources in {where}")
                for index, resource in enumerate(resources):
                    self._resource(resource, f"{where}.resources[{index}]", "values")
                children = fields.sequence(module, "child_modules", f"{where}.child_modules")
                for index, child in enumerate(children):
                    at = f"{where}.child_modules[{index}]"
                    if not isinstance(child, dict):
                        raise fields.error(f"a module is a mapping, not {describe(child)}", at)
                    stack.append((child, at))
                check_count(len(self.groups) + len(stack), "resources and modules")
            return
        changes = fields.sequence(plan, "resource_changes", "resource_changes")
        if not changes:
            raise FormatError("the plan has neither planned_values nor resource_changes",
                              where="planned_values")
        check_count(len(changes), "resource changes")
        for index, change in enumerate(changes):
            where = f"resource_changes[{index}]"
            if not isinstance(change, dict):
                raise fields.error(f"a resource change is a mapping, not {describe(change)}",
                                   where)
            detail = fields.mapping(change, "change", f"{where}.change")
            actions = fields.sequence(detail, "actions", f"{where}.change.actions")
            if actions == ["delete"]:
                continue
            resource = dict(change)
            resource["values"] = fields.mapping(detail, "after", f"{where}.change.after")
            self._resource(resource, where, "change.after")

    def _resource(self, resource, where: str, values_field: str) -> None:
        fields = self.fields
        if not isinstance(resource, dict):
            raise fields.error(f"a resource is a mapping, not {describe(resource)}", where)
        type_ = fields.name(resource.get("type"), f"{where}.type")
        name = fields.name(resource.get("name"), f"{where}.name")
        address = fields.text(resource, "address", f"{where}.address") or f"{type_}.{name}"
        if fields.text(resource, "mode", f"{where}.mode", "managed") == "data":
            self.data_sources += 1
            return
        values = fields.mapping(resource, "values", f"{where}.{values_field}")
        base = clean_text(_ADDRESS_INDEX.sub("", address))
        group = self.groups.setdefault(base, _Group(base, type_, name, where=f"{where} "
                                                    f"({base})"))
        group.values.append(values)

    # -- components
    def components(self) -> tuple[list[Node], dict[str, str]]:
        """The nodes, and each group's address -> the node (address) it belongs to."""
        nodes: list[Node] = []
        belongs: dict[str, str] = {}
        cluster_members: dict[str, list[_Group]] = {}
        for group in self.groups.values():
            if group.type == "aws_rds_cluster_instance":
                cluster = self._cluster_of(group)
                if cluster:
                    cluster_members.setdefault(cluster, []).append(group)
                    belongs[group.address] = cluster
                    continue
            if group.type in KINDS:
                kind, managed = KINDS[group.type]
                node = Node(group.address, kind, managed=managed, key=_key(group))
                self._figures(group, node, cluster_members)
            elif group.type.startswith(SKIPPED_PREFIXES) or group.type in JOINERS:
                self.skipped[group.type] += len(group.values)
                continue
            else:
                words = group.type.split("_", 1)[-1].replace("_", " ")
                kind = guess_kind(words)
                kind = kind if kind and kind != "client" else "service"
                node = Node(group.address, kind, key=_key(group), instances=len(group.values),
                            notes=[f"{group.type} is not a type this import knows: "
                                   + (f"kind guessed from the type's name ({kind})"
                                      if kind != "service" else "a service")])
            nodes.append(node)
            belongs[group.address] = group.address
        by_address = {node.name: node for node in nodes}
        for cluster, members in cluster_members.items():
            if cluster in by_address:
                self._cluster_instances(by_address[cluster], members)
        return nodes, belongs

    def _count(self, values: dict, key: str, group: _Group, default: int | None = None):
        return self.fields.count(values, key, f"{group.where}.values.{key}", default,
                                 null_ok=True)

    def _figures(self, group: _Group, node: Node, members) -> None:
        copies = len(group.values)
        values = group.values[0]
        count, type_ = self._count, group.type
        per_copy = 1
        if type_ == "aws_autoscaling_group":
            desired = count(values, "desired_capacity", group)
            low = count(values, "min_size", group, 1)
            high = count(values, "max_size", group)
            per_copy = desired if desired is not None else low
            taken = "the desired capacity" if desired is not None else "the minimum"
            node.notes.append(f"an Auto Scaling group of {low} to "
                              f"{high if high is not None else '?'} instances: {taken}, "
                              f"{per_copy}")
        elif type_ == "aws_ecs_service":
            per_copy = count(values, "desired_count", group, 1)
        elif type_ == "aws_db_instance":
            if self.fields.flag(values, "multi_az", f"{group.where}.values.multi_az"):
                per_copy = 2
                node.redundancy = "active-passive"
                node.notes.append("Multi-AZ: a standby in a second zone takes over on failure "
                                  "(2 instances, active-passive)")
            if values.get("replicate_source_db"):
                node.notes.append("a read replica of another database")
        elif type_ == "aws_rds_cluster":
            node.notes.append("an RDS cluster with no cluster instances in the plan: 1 assumed")
        elif type_ == "aws_elasticache_cluster":
            per_copy = count(values, "num_cache_nodes", group, 1)
        elif type_ == "aws_elasticache_replication_group":
            per_copy = self._replication_group_nodes(values, group)
            if self.fields.flag(values, "automatic_failover_enabled",
                                f"{group.where}.values.automatic_failover_enabled"):
                node.redundancy = "active-passive"
                node.notes.append("automatic failover: a replica takes over from the primary "
                                  "(active-passive)")
        elif type_ == "aws_msk_cluster":
            per_copy = count(values, "number_of_broker_nodes", group, 1)
        elif type_ == "aws_mq_broker":
            mode = self.fields.text(values, "deployment_mode",
                                    f"{group.where}.values.deployment_mode", "")
            if mode == "ACTIVE_STANDBY_MULTI_AZ":
                per_copy, node.redundancy = 2, "active-passive"
                node.notes.append("an active/standby broker pair")
            elif mode == "CLUSTER_MULTI_AZ":
                per_copy = 3
        elif type_ in ("aws_opensearch_domain", "aws_elasticsearch_domain"):
            configs = self.fields.sequence(values, "cluster_config",
                                           f"{group.where}.values.cluster_config")
            if configs and isinstance(configs[0], dict):
                per_copy = count(configs[0], "instance_count", group, 1)
        elif type_ in ("aws_lb", "aws_alb") and values.get("internal") is True:
            node.notes.append("an internal load balancer")
        node.instances = max(per_copy or 1, 1) * copies
        if copies > 1:
            node.notes.append(f"{copies} copies (count or for_each) as one component")

    def _replication_group_nodes(self, values: dict, group: _Group) -> int:
        for key in ("num_cache_clusters", "number_cache_clusters"):
            if (nodes := self._count(values, key, group)) is not None:
                return nodes
        shards = self._count(values, "num_node_groups", group)
        replicas = self._count(values, "replicas_per_node_group", group)
        if shards is not None:
            return shards * ((replicas or 0) + 1)
        return 1

    def _cluster_of(self, member: _Group) -> str | None:
        """The aws_rds_cluster a cluster instance belongs to: by its identifier, else by the
        configuration's reference, else the only cluster."""
        clusters = [g for g in self.groups.values() if g.type == "aws_rds_cluster"]
        wanted = member.values[0].get("cluster_identifier")
        for cluster in clusters:
            if wanted is not None and cluster.values[0].get("cluster_identifier") == wanted:
                return cluster.address
        for reference in self.references.get(member.address, ()):
            if reference in {c.address for c in clusters}:
                return reference
        return clusters[0].address if len(clusters) == 1 else None

    def _cluster_instances(self, node: Node, members: list[_Group]) -> None:
        count = sum(len(member.values) for member in members)
        node.notes[:] = [note for note in node.notes if "no cluster instances" not in note]
        node.instances = max(count, 1) * max(1, node.instances)
        if count > 1:
            node.redundancy = "active-passive"
            node.notes.append(f"{count} cluster instances: a writer and {count - 1} reader(s); "
                              f"a reader takes over on failure (active-passive)")

    # -- links
    def read_references(self) -> None:
        """Each resource's address -> the resources its configuration refers to."""
        self.references: dict[str, set[str]] = {}
        configuration = self.fields.mapping(self.plan, "configuration", "configuration")
        root = self.fields.mapping(configuration, "root_module", "configuration.root_module")
        stack = [(root, "")]
        walked = 0
        while stack:
            module, prefix = stack.pop()
            if not isinstance(module, dict):
                continue
            resources = module.get("resources")
            for resource in resources if isinstance(resources, list) else []:
                if not isinstance(resource, dict) or not isinstance(resource.get("address"), str):
                    continue
                address = prefix + resource["address"]
                found = self.references.setdefault(address, set())
                for reference in _references(resource):
                    if (match := _REFERENCE.match(reference)) and match.group(2) != "data":
                        found.add(prefix + _ADDRESS_INDEX.sub("", match.group(0)))
                walked += 1
            calls = module.get("module_calls")
            for name, call in (calls.items() if isinstance(calls, dict) else []):
                if isinstance(call, dict):
                    stack.append((call.get("module"), f"{prefix}module.{name}."))
            check_count(walked + len(stack), "configured resources and modules")

    def links(self, nodes: list[Node], belongs: dict[str, str]) -> list[tuple[str, str]]:
        kinds = {node.name: node.kind for node in nodes}
        neighbours: dict[str, set[str]] = {}
        for source, targets in self.references.items():
            a = belongs.get(source, source)
            for target in targets:
                b = belongs.get(target, target)
                if a != b and a in self.groups and b in self.groups:
                    neighbours.setdefault(a, set()).add(b)
                    neighbours.setdefault(b, set()).add(a)
        direct = {(belongs.get(s, s), belongs.get(t, t)) for s, ts in self.references.items()
                  for t in ts}
        links: list[tuple[str, str]] = []
        found: set[tuple[str, str]] = set()
        for start in kinds:
            seen, frontier = {start}, [start]
            while frontier:  # through joiners only: components and other skips end a path
                current = frontier.pop()
                for other in sorted(neighbours.get(current, ())):
                    if other in seen:
                        continue
                    seen.add(other)
                    if other in kinds:
                        link = _oriented(start, other, kinds, direct)
                        if link and link not in found:
                            found.add(link)
                            links.append(link)
                            check_count(len(links), "links")
                    elif self.groups[other].type in JOINERS:
                        frontier.append(other)
        return links

    def read(self) -> ImportResult:
        self.resources()
        self.read_references()
        nodes, belongs = self.components()
        if not nodes:
            raise FormatError("the plan holds no resources that serve requests (only "
                              "networking, access or configuration)", where="planned_values")
        links = self.links(nodes, belongs)
        if links:
            self.notes.append("Links follow the references between resources in the plan's "
                              "configuration.")
        else:
            links = _tier_links(nodes)
            self.notes.append("Links guessed by tier (CDN → load balancer → compute → cache, "
                              "database, queue, object store): the plan's configuration names "
                              "no references between its components.")
        if self.skipped:
            total = sum(self.skipped.values())
            listed = ", ".join(f"{n} {t}" for t, n in sorted(self.skipped.items()))
            self.notes.append(f"{total} networking, access, monitoring and configuration "
                              f"resources skipped (not components): {listed}.")
        if self.data_sources:
            self.notes.append(f"{self.data_sources} data source(s) read by the plan: skipped.")
        version = self.plan.get("terraform_version")
        keys = {node.name: node.key for node in nodes}
        return assemble(source="terraform-plan", name="Terraform plan", nodes=nodes,
                        links=[(keys[a], keys[b]) for a, b in links], notes=self.notes,
                        description="Imported from a Terraform plan" + (
                            f" (Terraform {clean_text(version)})."
                            if isinstance(version, str) else "."))


def _key(group: _Group) -> str:
    return slug_key(group.address.replace("aws_", ""))


def _references(resource: dict) -> list[str]:
    """Every reference in a configured resource's expressions (and its depends_on)."""
    found: list[str] = []
    stack = [resource.get("expressions"), resource.get("count_expression"),
             resource.get("for_each_expression")]
    depends = resource.get("depends_on")
    if isinstance(depends, list):
        found.extend(d for d in depends if isinstance(d, str))
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            references = value.get("references")
            if isinstance(references, list):
                found.extend(r for r in references if isinstance(r, str))
            stack.extend(v for k, v in value.items() if k != "references")
        elif isinstance(value, list):
            stack.extend(value)
    return found


def _oriented(a: str, b: str, kinds: dict, direct: set) -> tuple[str, str] | None:
    tier_a, tier_b = TIERS.get(kinds[a], 3), TIERS.get(kinds[b], 3)
    if tier_a != tier_b:
        return (a, b) if tier_a < tier_b else (b, a)
    if tier_a == TIERS["database"]:  # stores naming stores (a dead-letter queue): no calls
        return None
    if (a, b) in direct:  # the one that refers calls the one it names
        return a, b
    if (b, a) in direct:
        return b, a
    return None


def _tier_links(nodes: list[Node]) -> list[tuple[str, str]]:
    tiers: dict[int, list[str]] = {}
    for node in nodes:
        tiers.setdefault(TIERS.get(node.kind, 3), []).append(node.name)
    order = sorted(tiers)
    return [(a, b) for upper, lower in zip(order, order[1:], strict=False)
            for a in tiers[upper] for b in tiers[lower]]


def read(text: str) -> ImportResult:
    plan = load_json(text)
    if not isinstance(plan, dict):
        raise FormatError(f"a plan is a JSON object, not {describe(plan)}", where="line 1")
    if "format_version" not in plan:
        raise FormatError("not a plan from `terraform show -json` (no format_version)",
                          where="format_version")
    return _Plan(plan).read()


def looks_like(text: str, filename: str) -> bool:
    return text.lstrip().startswith("{") and '"format_version"' in text[:10_000] and (
        '"planned_values"' in text or '"resource_changes"' in text)


register_importer(Importer("terraform-plan", "Terraform plan (JSON)", read, looks_like))
