"""Docker Compose files (`docker-compose.yaml`, `compose.yaml`) imported: each service a
component, its kind guessed from its image, `deploy.replicas` (or the old `scale`) its
instances, `depends_on` and `links` its links, environment values naming another service
guessed as links, and the services that publish ports linked from a client. Import only.
"""

import re

from estimator.formats import Importer, register_importer
from estimator.formats.base import (
    FormatError,
    ImportResult,
    Node,
    assemble,
    check_count,
    guess_kind,
)
from estimator.formats.yaml_files import YamlDocuments, clean_text, describe, read_yaml

# Kinds that keep or pass on data: a port they publish is, in a Compose file, almost always
# for a developer's tools (psql, a console), not the users' traffic.
_BACKING_KINDS = {"database", "cache", "queue", "object_store", "search"}
# Kinds a service's own name may give (a service called "worker" or "db"); "user-service"
# must not become a client.
_KINDS_FROM_NAMES = _BACKING_KINDS | {"worker", "load_balancer"}
# A command that runs a task worker (`celery -A shop worker`), not `gunicorn --workers 4`.
_WORKER_COMMAND = re.compile(
    r"(?<![\w-])(celery|sidekiq|dramatiq|huey|resque|rq|worker|consumer)(?![\w-])", re.I)
_IGNORED_SECTIONS = ("volumes", "networks", "configs", "secrets")


def image_kind(image: str) -> str | None:
    """The kind an image's name suggests (its registry, tag and digest left out)."""
    name = image.split("@")[0]
    repository = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
    parts = repository.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]  # a registry host, not a word of the image's name
    kind = guess_kind(" ".join(parts).replace("_", " ").replace("-", " "))
    return kind if kind != "client" else None


def _command_words(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(str(part) for part in value if isinstance(part, str | int | float))
    return ""


class _Compose:
    def __init__(self, yaml: YamlDocuments, top: dict):
        self.yaml = yaml
        self.top = top
        self.notes: list[str] = []
        self.nodes: list[Node] = []
        self.links: list[tuple[str, str]] = []
        self.environments: dict[str, list[tuple[str, str]]] = {}
        self.public: list[str] = []
        self.ignored: set[str] = set()

    def read(self) -> ImportResult:
        yaml, top = self.yaml, self.top
        services = yaml.mapping(top, "services", "services")
        if not services:
            raise yaml.error("no services are defined", "services", top, "services")
        check_count(len(services), "services")
        self.ignored.update(section for section in _IGNORED_SECTIONS if top.get(section))
        for name, spec in services.items():
            self._service(yaml.name(name, f"services.{name}", services, name), spec, services)
        self._links_named()
        self._links_from_environment()
        nodes, links = self.nodes, self.links
        if self.public:
            nodes = [Node("Clients", "client", key="client",
                          notes=["added by the import: reaches the services that publish "
                                 "ports"]), *nodes]
            links = [("client", name) for name in self.public] + links
        if self.ignored:
            *others, last = sorted(self.ignored)
            listed = f"{', '.join(others)} and {last}" if others else last
            self.notes.append(f"{listed.capitalize()} are not part of the estimate: ignored.")
        title = yaml.text(top, "name", "name") or "Compose application"
        return assemble(source="compose", name=clean_text(title), nodes=nodes, links=links,
                        notes=self.notes, description="Imported from a Docker Compose file.")

    def _service(self, name: str, spec, services: dict) -> None:
        yaml, where = self.yaml, f"services.{name}"
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            raise yaml.error(f"a service is a mapping, not {describe(spec)}", where,
                             services, name)
        node = Node(name, "service", key=name)
        image = yaml.text(spec, "image", f"{where}.image")
        build = spec.get("build")
        if build is not None and not isinstance(build, str | dict):
            raise yaml.error(f"build is a path or a mapping, not {describe(build)}",
                             f"{where}.build", spec, "build")
        command = _command_words(spec.get("command")) + " " + _command_words(
            spec.get("entrypoint"))
        if not image:
            node.notes.append("no image: built from source" if build is not None else
                              "no image and no build")
        kind = image_kind(image) if image else None
        if kind:
            node.notes.append(f"kind guessed from image name ({clean_text(image)})")
        elif _WORKER_COMMAND.search(command):
            kind = "worker"
            node.notes.append("kind guessed from its command (a worker)")
        elif (kind := guess_kind(name.replace("_", " ").replace("-", " "))) in _KINDS_FROM_NAMES:
            node.notes.append("kind guessed from the service's name")
        else:
            kind = "service"
            if image:
                node.notes.append("the image names no known kind: a service")
        node.kind = kind
        node.instances = self._instances(spec, where, node)
        self._depends_on(name, spec, where)
        self._environment(name, spec, where)
        ports = yaml.sequence(spec, "ports", f"{where}.ports")
        if ports:
            if kind in _BACKING_KINDS:
                node.notes.append("publishes ports (for tools, likely): not linked from the "
                                  "client")
            else:
                self.public.append(name)
        profiles = yaml.sequence(spec, "profiles", f"{where}.profiles")
        if profiles:
            words = ", ".join(str(p) for p in profiles if isinstance(p, str | int))
            node.notes.append(f"started only with the profile(s) {clean_text(words)}")
        if "extends" in spec:
            node.notes.append("extends another service: what it inherits is not read")
        self.ignored.update(section for section in _IGNORED_SECTIONS if spec.get(section))
        self.nodes.append(node)

    def _instances(self, spec: dict, where: str, node: Node) -> int:
        yaml = self.yaml
        deploy = yaml.mapping(spec, "deploy", f"{where}.deploy")
        replicas = yaml.count(deploy, "replicas", f"{where}.deploy.replicas")
        if replicas is None:
            replicas = yaml.count(spec, "scale", f"{where}.scale")
        if yaml.text(deploy, "mode", f"{where}.deploy.mode") == "global":
            node.notes.append("deploy mode global: one per node (the node count is not in the "
                              "file; 1 assumed)")
            return 1
        if replicas == 0:
            node.notes.append("0 replicas: counted as 1")
        return max(replicas or 1, 1)

    def _depends_on(self, name: str, spec: dict, where: str) -> None:
        yaml = self.yaml
        for field in ("depends_on", "links"):
            value = spec.get(field)
            if value is None:
                continue
            if isinstance(value, dict):
                targets = list(value)
            elif isinstance(value, list):
                targets = value
            else:
                raise yaml.error(f"a list or a mapping of services was expected, not "
                                 f"{describe(value)}", f"{where}.{field}", spec, field)
            for index, target in enumerate(targets):
                target = yaml.name(target, f"{where}.{field}[{index}]", value,
                                   index if isinstance(value, list) else target)
                if field == "links":  # "db:database": the service, then its alias
                    target = target.split(":")[0]
                self.links.append((name, target))

    def _environment(self, name: str, spec: dict, where: str) -> None:
        value = spec.get("environment")
        pairs: list[tuple[str, str]] = []
        if isinstance(value, dict):
            pairs = [(str(k), str(v)) for k, v in value.items()
                     if isinstance(v, str | int | float) and not isinstance(v, bool)]
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str) and "=" in item:
                    variable, _, text = item.partition("=")
                    pairs.append((variable, text))
        elif value is not None:
            raise self.yaml.error(f"a list or a mapping was expected, not {describe(value)}",
                                  f"{where}.environment", spec, "environment")
        self.environments[name] = pairs

    def _links_named(self) -> None:
        known = {node.name for node in self.nodes}
        kept = []
        for source, target in self.links:
            if target in known:
                kept.append((source, target))
            else:
                self.notes.append(f"{source} depends on {target}, which is not a service in "
                                  f"the file: that link is left out.")
        self.links = kept

    def _links_from_environment(self) -> None:
        names = {node.name for node in self.nodes}
        for source, pairs in self.environments.items():
            for variable, value in pairs:
                for target in dict.fromkeys(host for host, _ in host_names(value)):
                    if target in names and target != source and (source, target) not in \
                            self.links:
                        self.links.append((source, target))
                        self.notes.append(f"Link {source} → {target} guessed from the "
                                          f"environment ({clean_text(variable)} names "
                                          f"{target}).")


_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*")


def host_names(text: str) -> list[tuple[str, str | None]]:
    """The host names a value may name, each as its first label and the second (a
    Kubernetes namespace: `db.shop.svc.cluster.local`): `postgres://u@db:5432/x` names db."""
    found = []
    for token in _HOST.findall(text):
        labels = token.split(".")
        found.append((labels[0], labels[1] if len(labels) > 1 else None))
    return found


def read(text: str) -> ImportResult:
    yaml = read_yaml(text)
    if not yaml.documents:
        raise FormatError("the file is empty")
    top = yaml.documents[0]
    if not isinstance(top, dict):
        raise FormatError(f"a Compose file is a mapping with services, not {describe(top)}",
                          where="line 1")
    return _Compose(yaml, top).read()


_COMPOSE_NAME = re.compile(r"(^|/)(docker-)?compose[\w.-]*\.ya?ml$")


def looks_like(text: str, filename: str) -> bool:
    head = text[:200_000]
    if re.search(r"^\s*-?\s*apiVersion\s*:", head, re.M) and re.search(
            r"^\s*-?\s*kind\s*:", head, re.M):
        return False  # Kubernetes
    if _COMPOSE_NAME.search(filename):
        return True
    return bool(re.search(r"^services\s*:", head, re.M)) or (
        head.lstrip().startswith("{") and re.search(r'"services"\s*:\s*\{', head)
        is not None and '"components"' not in head)


register_importer(Importer("compose", "Docker Compose (YAML)", read, looks_like))
