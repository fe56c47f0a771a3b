"""Any value, in the shape of a Compose file, Kubernetes manifests or a Terraform plan or not,
fed to those imports gives a valid design or a FormatError: never another exception, never
an invalid design (which import_text would report as "the imported design is not valid").
The CI profile (tests/hypothesis_profiles.py) keeps it to a few dozen examples each."""

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from estimator.formats import import_text
from estimator.formats.base import FormatError

pytestmark = pytest.mark.property

COMPOSE_WORDS = ["services", "image", "build", "deploy", "replicas", "scale", "mode", "global",
                 "depends_on", "links", "environment", "ports", "profiles", "command", "name",
                 "postgres", "redis", "web", "worker", "nginx:1", "db", "version"]
KUBERNETES_WORDS = ["apiVersion", "kind", "metadata", "name", "namespace", "spec", "template",
                    "containers", "image", "env", "value", "args", "selector", "labels",
                    "app", "replicas", "rules", "http", "paths", "backend", "service",
                    "serviceName", "defaultBackend", "scaleTargetRef", "minReplicas",
                    "maxReplicas", "items", "type", "LoadBalancer", "NodePort",
                    "externalName", "jobTemplate", "parallelism", "backendRefs", "Deployment",
                    "StatefulSet", "DaemonSet", "Service", "Ingress", "CronJob", "Job", "List",
                    "HTTPRoute", "HorizontalPodAutoscaler", "ConfigMap", "Pod", "redis:7"]
TERRAFORM_WORDS = ["format_version", "planned_values", "root_module", "resources",
                   "child_modules", "resource_changes", "change", "actions", "after",
                   "configuration", "module_calls", "module", "expressions", "references",
                   "address", "type", "name", "mode", "values", "index", "aws_lb",
                   "aws_instance", "aws_db_instance", "multi_az", "aws_autoscaling_group",
                   "desired_capacity", "min_size", "aws_rds_cluster", "aws_rds_cluster_instance",
                   "cluster_identifier", "aws_elasticache_replication_group",
                   "num_cache_clusters", "automatic_failover_enabled", "aws_lb_target_group",
                   "aws_s3_bucket", "aws_vpc", "data", "aws_lb.a", "aws_instance.b",
                   "aws_opensearch_domain", "cluster_config", "instance_count"]

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def _values(words: list[str]) -> st.SearchStrategy:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**7),
                        st.floats(allow_nan=True), _TEXT, st.sampled_from(words))
    keys = st.one_of(st.sampled_from(words), _TEXT, st.integers(0, 5))
    return st.recursive(scalars, lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5)), max_leaves=30)


def _never_anything_but_a_format_error(text: str, format: str) -> None:
    try:
        import_text(text, format=format)
    except FormatError as error:
        assert "the imported design is not valid" not in str(error), str(error)


@given(_values(COMPOSE_WORDS), st.dictionaries(st.sampled_from(COMPOSE_WORDS + ["x", "y"]),
                                               _values(COMPOSE_WORDS), max_size=4))
def test_any_yaml_value_fed_to_the_compose_import(value, service):
    _never_anything_but_a_format_error(yaml.safe_dump(value), "compose")
    shaped = {"services": {"web": service, "db": {"image": "postgres", **service}}}
    _never_anything_but_a_format_error(yaml.safe_dump(shaped), "compose")


@given(st.lists(_values(KUBERNETES_WORDS), min_size=1, max_size=3),
       st.sampled_from(KUBERNETES_WORDS[36:]), _values(KUBERNETES_WORDS))
def test_any_yaml_documents_fed_to_the_kubernetes_import(documents, kind, spec):
    _never_anything_but_a_format_error(yaml.safe_dump_all(documents), "kubernetes")
    shaped = [{"apiVersion": "v1", "kind": kind, "metadata": {"name": "a"}, "spec": spec},
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"},
               "spec": {"selector": {"app": "a"}, "type": "LoadBalancer"}}]
    _never_anything_but_a_format_error(yaml.safe_dump_all(shaped), "kubernetes")


@given(_values(TERRAFORM_WORDS), st.lists(_values(TERRAFORM_WORDS), max_size=4),
       _values(TERRAFORM_WORDS))
def test_any_json_value_fed_to_the_terraform_import(value, resources, configuration):
    _never_anything_but_a_format_error(json.dumps(value), "terraform-plan")
    shaped = {"format_version": "1.2", "planned_values": {"root_module": {
        "resources": [{"type": "aws_instance", "name": "a"},
                      *(r if not isinstance(r, dict) else {"type": "aws_lb", "name": "b", **r}
                        for r in resources)]}},
        "configuration": configuration}
    _never_anything_but_a_format_error(json.dumps(shaped), "terraform-plan")


@given(st.text(max_size=300))
@pytest.mark.parametrize("format", ["compose", "kubernetes", "terraform-plan"])
def test_any_text_fed_to_each_import(format, text):
    _never_anything_but_a_format_error(text, format)
