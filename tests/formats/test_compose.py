"""Docker Compose import (estimator/formats/compose.py): realistic files give the expected
components, kinds, instances, links and notes; malformed ones a FormatError naming where."""

from pathlib import Path

import pytest

from estimator.formats import detect, import_text
from estimator.formats.base import PLACEHOLDER_WORKLOAD, FormatError

FILES = Path(__file__).parent / "files"


def _import(name: str):
    return import_text((FILES / name).read_text(), filename=name)


def _components(result) -> dict[str, dict]:
    return {c["key"]: c for c in result.document["components"]}


def _links(result) -> set[tuple[str, str]]:
    return {(link["from"], link["to"]) for link in result.document["links"]}


def test_the_voting_app():
    result = _import("voting-app.compose.yaml")
    assert result.format == "compose"
    assert result.document["name"] == "example-voting-app"
    components = _components(result)
    assert {key: (c["kind"], c.get("instances", 1)) for key, c in components.items()} == {
        "client": ("client", 1), "vote": ("service", 2), "result": ("service", 1),
        "worker": ("worker", 1), "redis": ("cache", 1), "db": ("database", 1),
        "seed": ("service", 1)}
    assert _links(result) == {
        ("client", "vote"), ("client", "result"),  # they publish ports
        ("vote", "redis"), ("result", "db"), ("worker", "redis"), ("worker", "db"),
        ("seed", "vote")}
    assert "kind guessed from image name (postgres:15-alpine)" in components["db"]["notes"]
    assert "kind guessed from image name (redis:alpine)" in components["redis"]["notes"]
    assert "no image: built from source" in components["vote"]["notes"]
    assert "kind guessed from the service's name" in components["worker"]["notes"]
    assert "profile(s) seed" in components["seed"]["notes"]
    assert "Networks and volumes are not part of the estimate: ignored." in result.notes
    workload, = result.document["workloads"]
    assert workload["name"] == PLACEHOLDER_WORKLOAD and workload["route"][0] == "client"
    assert "Import notes:" in result.document["description"]


def test_a_web_app_with_nginx_a_database_a_cache_a_queue_a_worker_and_minio():
    result = _import("webapp.docker-compose.yml")
    components = _components(result)
    assert {key: (c["kind"], c.get("instances", 1)) for key, c in components.items()} == {
        "client": ("client", 1), "nginx": ("load_balancer", 1), "web": ("service", 3),
        "celery": ("worker", 2), "postgres": ("database", 1), "redis": ("cache", 1),
        "rabbitmq": ("queue", 1), "minio": ("object_store", 1), "flower": ("service", 1)}
    links = _links(result)
    # depends_on (list and map forms), from the dependent to the dependency
    assert {("nginx", "web"), ("web", "postgres"), ("web", "redis"), ("celery", "rabbitmq"),
            ("celery", "postgres")} <= links
    # guessed from environment values naming a service (merged in from x-app by <<: *app)
    assert {("web", "rabbitmq"), ("web", "minio"), ("celery", "redis"),
            ("celery", "minio"), ("flower", "rabbitmq")} <= links
    assert "Link web → minio guessed from the environment (AWS_S3_ENDPOINT_URL names " \
        "minio)." in result.notes
    # published ports: nginx and flower face clients; the database's port is for tools
    assert ("client", "nginx") in links and ("client", "flower") in links
    assert ("client", "postgres") not in links and ("client", "rabbitmq") not in links
    assert "not linked from the client" in components["postgres"]["notes"]
    # `gunicorn --workers 4` is not a worker; `celery ... worker` is
    assert "kind guessed from its command (a worker)" in components["celery"]["notes"]
    assert "kind guessed from image name (quay.io/minio/minio" in components["minio"]["notes"]
    assert "Volumes are not part of the estimate: ignored." in result.notes
    assert result.document["workloads"][0]["route"] == ["client", "nginx", "web", "postgres"]


@pytest.mark.parametrize(("image", "kind"), [
    ("postgres:16", "database"), ("mysql:8.4", "database"), ("mariadb", "database"),
    ("bitnami/postgresql:15", "database"), ("redis:7", "cache"),
    ("memcached:1.6-alpine", "cache"), ("nginx", "load_balancer"),
    ("haproxy:2.9", "load_balancer"), ("traefik:v3.1", "load_balancer"),
    ("confluentinc/cp-kafka:7.6.1", "queue"), ("bitnami/kafka", "queue"),
    ("rabbitmq:3-management", "queue"), ("nats:2.10", "queue"),
    ("minio/minio", "object_store"),
    ("docker.elastic.co/elasticsearch/elasticsearch:8.14.0", "search"),
    ("opensearchproject/opensearch:2", "search"), ("grafana/grafana", "service"),
    ("localhost:5000/shop/api:1.0", "service"), ("ghcr.io/acme/user-service", "service"),
])
def test_kinds_from_images(image, kind):
    result = import_text(f"services:\n  x:\n    image: {image}\n", format="compose")
    component = _components(result)["x"]
    assert component["kind"] == kind
    guessed = "kind guessed from image name" in component.get("notes", "")
    assert guessed == (kind != "service")


def test_version_key_scale_global_mode_links_and_depends_on_unknown():
    text = """version: "2.4"
services:
  api:
    image: example/api
    scale: 4
    links: ["db:database"]
    depends_on: [cache, ghost]
  agent:
    image: example/agent
    deploy:
      mode: global
  db:
    image: postgres
  cache:
    image: redis
"""
    result = import_text(text, filename="docker-compose.yml")
    components = _components(result)
    assert components["api"]["instances"] == 4
    assert components["agent"].get("instances", 1) == 1
    assert "deploy mode global" in components["agent"]["notes"]
    assert {("api", "db"), ("api", "cache")} <= _links(result)
    assert any("ghost, which is not a service" in note for note in result.notes)


def test_a_compose_file_in_json_is_read_too():
    text = '{"services": {"web": {"image": "nginx", "ports": ["80:80"]}, ' \
        '"db": {"image": "postgres"}}}'
    assert detect(text) == "compose"
    assert _components(import_text(text))["web"]["kind"] == "load_balancer"


@pytest.mark.parametrize(("filename", "text"), [
    ("compose.yaml", "name: x\nservices: {}\n"),
    ("docker-compose.prod.yml", "services:\n  a: {image: b}\n"),
    ("stack.yaml", "# a comment\nservices:\n  a:\n    image: b\n"),
])
def test_detection(filename, text):
    assert detect(text, filename) == "compose"


def test_kubernetes_is_not_taken_for_compose():
    text = "apiVersion: v1\nkind: Service\nmetadata: {name: services}\nspec: {}\n"
    assert detect(text) == "kubernetes"


@pytest.mark.parametrize(("text", "where"), [
    ("- just\n- a list\n", "line 1: a Compose file is a mapping"),
    ("services:\n  - web\n  - db\n", "line 1, services: a mapping was expected, not a list"),
    ("services: {}\n", "line 1, services: no services are defined"),
    ("services:\n  web: [nginx]\n", "line 2, services.web: a service is a mapping"),
    ("services:\n  123:\n    image: x\n", "line 2, services.123: a name is text, not the "
     "number 123 (quote it)"),
    ("services:\n  web:\n    image: [nginx]\n", "line 3, services.web.image: text was "
     "expected"),
    ("services:\n  web:\n    image: x\n    deploy:\n      replicas:\n",
     "line 5, services.web.deploy.replicas: a whole number (0 or more) was expected, not "
     "empty (null)"),
    ("services:\n  web:\n    image: x\n    deploy:\n      replicas: three\n",
     "line 5, services.web.deploy.replicas: a whole number"),
    ("services:\n  web:\n    image: x\n    deploy:\n      replicas: true\n",
     "line 5, services.web.deploy.replicas: a whole number"),
    ("services:\n  web:\n    image: x\n    deploy:\n      replicas: -2\n",
     "line 5, services.web.deploy.replicas"),
    ("services:\n  web:\n    image: x\n    deploy:\n      replicas: 99999999999\n",
     "line 5, services.web.deploy.replicas: 99,999,999,999 is more than"),
    ("services:\n  web:\n    image: x\n    deploy: 3\n", "line 4, services.web.deploy: a "
     "mapping was expected"),
    ("services:\n  web:\n    image: x\n    depends_on: db\n", "line 4, services.web.depends_on"),
    ("services:\n  web:\n    image: x\n    depends_on: [1.5]\n",
     "line 4, services.web.depends_on[0]: a name is text"),
    ("services:\n  web:\n    image: x\n    environment: 7\n", "line 4, services.web.environment"),
    ("services:\n  web:\n    image: x\n    ports: 80\n", "line 4, services.web.ports: a list"),
    ("services:\n  web:\n    build: 5\n", "line 3, services.web.build"),
    ("name: [x]\nservices:\n  web: {image: x}\n", "line 1, name: text was expected"),
    ("services:\n  web:\n    image: 'x\n", "line 4: not valid YAML"),
    ("", "the file is empty"),
])
def test_wrong_types_and_malformed_files_name_the_line_and_element(text, where):
    with pytest.raises(FormatError) as error:
        import_text(text, format="compose")
    assert str(error.value).startswith(where), str(error.value)


def test_many_services_are_refused_past_the_element_limit():
    text = "services:\n" + "".join(f"  s{i}: {{image: x}}\n" for i in range(2_001))
    with pytest.raises(FormatError, match="2,001 services; at most 2,000"):
        import_text(text, format="compose")
