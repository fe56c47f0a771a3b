"""Kubernetes import (estimator/formats/kubernetes.py): manifests of several kinds in several
documents give the expected components, instances, links and notes; malformed ones a
FormatError naming the document, element or line."""

from pathlib import Path

import pytest

from estimator.formats import detect, import_text
from estimator.formats.base import FormatError

FILES = Path(__file__).parent / "files"


def _components(result) -> dict[str, dict]:
    return {c["key"]: c for c in result.document["components"]}


def _links(result) -> set[tuple[str, str]]:
    return {(link["from"], link["to"]) for link in result.document["links"]}


def _deployment(name: str, image: str = "example/app", replicas="3", labels="app: {name}",
                extra: str = "") -> str:
    labels = labels.format(name=name)
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  template:
    metadata:
      labels: {{{labels}}}
    spec:
      containers:
        - name: main
          image: {image}
{extra}"""


def test_the_shop_manifests():
    text = (FILES / "shop.k8s.yaml").read_text()
    assert detect(text, "shop.k8s.yaml") == "kubernetes"
    result = import_text(text)
    assert result.format == "kubernetes"
    components = _components(result)
    assert {key: (c["kind"], c.get("instances", 1)) for key, c in components.items()} == {
        "client": ("client", 1),
        "web": ("service", 3),  # the autoscaler's minimum
        "api": ("service", 4),
        "redis": ("cache", 1),
        "postgres": ("database", 2),  # the StatefulSet
        "order-worker": ("worker", 2),
        "nightly-report": ("worker", 1),  # the CronJob
        "rabbitmq": ("external", 1),  # an ExternalName Service
        "shop": ("load_balancer", 1),  # the Ingress
    }
    assert _links(result) == {
        ("client", "shop"), ("shop", "web"), ("shop", "api"),  # the Ingress's backends
        ("web", "api"), ("api", "postgres"), ("api", "redis"), ("api", "rabbitmq"),
        ("order-worker", "postgres"), ("order-worker", "rabbitmq"),
        ("nightly-report", "postgres")}
    assert "kind guessed from image name (redis:7.2-alpine)" in components["redis"]["notes"]
    assert "autoscaled from 3 to 10 replicas" in components["web"]["notes"]
    assert "ExternalName" in components["rabbitmq"]["notes"]
    assert "schedule 0 3 * * *" in components["nightly-report"]["notes"]
    assert "Skipped (not components): 1 ConfigMap, 1 PodDisruptionBudget, 1 Secret, " \
        "1 ServiceAccount." in result.notes
    assert "Skipped, kinds this import does not read: 1 ServiceMonitor." in result.notes
    assert "Service rabbitmq fronts no workload in these files: an external component." \
        in result.notes
    assert any(note.startswith("Link api → postgres guessed from its environment")
               for note in result.notes)
    assert result.document["workloads"][0]["route"][:3] == ["client", "shop", "web"]


def test_a_list_a_daemonset_a_load_balancer_service_a_replicaset_and_a_job():
    text = """apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: log-agent}
    spec:
      template:
        metadata: {labels: {app: log-agent}}
        spec:
          containers: [{name: agent, image: fluent/fluent-bit:3.0}]
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: front}
    spec:
      replicas: 5
      template:
        metadata: {labels: {app: front}}
        spec:
          containers: [{name: front, image: example/front}]
  - apiVersion: v1
    kind: Service
    metadata: {name: front}
    spec:
      type: LoadBalancer
      selector: {app: front}
  - apiVersion: batch/v1
    kind: Job
    metadata: {name: migrate}
    spec:
      parallelism: 2
      template:
        spec:
          containers: [{name: m, image: example/front, args: [migrate]}]
"""
    result = import_text(text)
    components = _components(result)
    assert components["log-agent"]["kind"] == "service"
    assert "DaemonSet runs one pod per node" in components["log-agent"]["notes"]
    assert components["front"]["instances"] == 5
    assert components["front-lb"]["kind"] == "load_balancer"
    assert components["front-lb"]["managed"] is True
    assert components["migrate"]["kind"] == "worker"
    assert components["migrate"]["instances"] == 2
    assert {("client", "front-lb"), ("front-lb", "front")} <= _links(result)


def test_an_http_route_is_a_load_balancer_in_front_of_its_backends():
    text = _deployment("store") + """---
apiVersion: v1
kind: Service
metadata: {name: store}
spec: {selector: {app: store}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public}
spec: {gatewayClassName: example}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: store-route}
spec:
  parentRefs: [{name: public}]
  rules:
    - backendRefs: [{name: store, port: 8080}, {name: missing, port: 80}]
"""
    result = import_text(text)
    assert _components(result)["store-route"]["kind"] == "load_balancer"
    assert {("client", "store-route"), ("store-route", "store")} <= _links(result)
    assert any("Service missing, which is not in these files" in n for n in result.notes)
    assert "Skipped (not components): 1 Gateway." in result.notes


def test_services_match_labels_within_their_namespace_and_an_old_ingress_is_read():
    text = _deployment("api", labels="app: api, tier: backend") + """---
apiVersion: v1
kind: Service
metadata: {name: api-internal}
spec: {selector: {app: api}}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: elsewhere}
spec: {selector: {app: api}}
---
apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: edge}
spec:
  backend: {serviceName: api-internal, servicePort: 80}
"""
    result = import_text(text)
    components = _components(result)
    assert components["other"]["kind"] == "external"  # another namespace: no match
    assert ("edge", "api") in _links(result)


def test_a_horizontal_pod_autoscaler_of_a_missing_target_is_noted():
    text = _deployment("a") + """---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: b}
spec:
  scaleTargetRef: {kind: Deployment, name: b}
  minReplicas: 2
  maxReplicas: 4
"""
    result = import_text(text)
    assert _components(result)["a"]["instances"] == 3
    assert any("scales Deployment b, which is not in these files" in n for n in result.notes)


@pytest.mark.parametrize(("text", "where"), [
    ("apiVersion: v1\nkind: Service\n---\n- a list\n", "document 1 (line 1) (Service)"
     ".metadata.name: a name is text, not empty (null)"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- a\n- b\n",
     "document 2 (line 4): a manifest is a mapping, not a list"),
    ("apiVersion: v1\nkind: List\nitems: [1, 2]\n", "line 3, document 1 (line 1).items[0]: "
     "a manifest is a mapping, not the number 1"),
    ("apiVersion: v1\nkind: List\nitems: {a: 1}\n", "line 3, document 1 (line 1).items: a "
     "list was expected"),
    ("apiVersion: v1\nkind: [Deployment]\nmetadata: {name: a}\n",
     "line 2, document 1 (line 1).kind: text was expected, not a list"),
    ("apiVersion: v1\nkind: Deployment\nmetadata: {name: 42}\n",
     "line 3, document 1 (line 1) (Deployment).metadata.name: a name is text, not the number "
     "42 (quote it)"),
    ("apiVersion: v1\nkind: Deployment\nmetadata: [a]\n",
     "line 3, document 1 (line 1).metadata: a mapping was expected"),
    (_deployment("a", replicas="null"), "line 6, Deployment a.spec.replicas: a whole number "
     "(0 or more) was expected, not empty (null)"),
    (_deployment("a", replicas="'many'"), "line 6, Deployment a.spec.replicas: a whole number"),
    (_deployment("a", replicas="[3]"), "line 6, Deployment a.spec.replicas: a whole number"),
    ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n"
     "    spec:\n      containers: {main: x}\n",
     "line 7, Deployment a.spec.template.spec.containers: a list was expected"),
    ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n"
     "    spec:\n      containers: [web]\n",
     "line 7, Deployment a.spec.template.spec.containers[0]: a container is a mapping"),
    ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n"
     "    spec:\n      containers:\n        - image: 5\n",
     "line 8, Deployment a.spec.template.spec.containers[0].image: text was expected"),
    ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n"
     "    spec:\n      containers:\n        - env: [x]\n",
     "line 8, Deployment a.spec.template.spec.containers[0].env[0]: an environment variable"),
    ("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: [a]}\n",
     "line 4, Service a.spec.selector: a mapping was expected"),
    ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec:\n"
     "  rules: [{http: {paths: [{backend: {service: {name: 7}}}]}}]\n",
     "line 5, Ingress a.spec.rules[0].http.paths[0].backend.service.name: a name is text"),
    ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec:\n"
     "  rules: [3]\n", "line 5, Ingress a.spec.rules[0]: a rule is a mapping"),
    (_deployment("a") + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
     "metadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: a}\n"
     "  minReplicas: null\n", "line 20, HorizontalPodAutoscaler h.spec.minReplicas"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
     "the manifests hold no workloads"),
    ("apiVersion: v1\nkind: Deployment\nmetadata: {name: a\n", "line 4: not valid YAML"),
])
def test_wrong_types_and_malformed_manifests_name_where(text, where):
    with pytest.raises(FormatError) as error:
        import_text(text, format="kubernetes")
    assert str(error.value).startswith(where), str(error.value)


def test_a_manifest_without_a_kind_is_skipped_with_a_note():
    result = import_text(_deployment("a") + "---\napiVersion: v1\nmetadata: {name: b}\n",
                         format="kubernetes")
    assert "document 2 (line 14) has no kind: skipped." in result.notes


def test_many_manifests_are_refused_past_the_element_limit():
    text = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"
                   for i in range(2_001))
    with pytest.raises(FormatError, match="2,001 manifests; at most 2,000"):
        import_text(text, format="kubernetes")


def test_detection_of_yaml_and_json_manifests():
    assert detect("---\napiVersion: apps/v1\nkind: Deployment\n") == "kubernetes"
    assert detect('{"apiVersion": "v1", "kind": "List", "items": []}') == "kubernetes"
    assert detect("services:\n  a: {image: b}\n") != "kubernetes"
