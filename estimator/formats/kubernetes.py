"""Kubernetes manifests imported: one file or several documents (`---`), and `kind: List`
items. Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
Job, CronJob, Pod) become components, their replicas the instances and their images the
kinds; a Service joins the workloads its selector matches, an Ingress (or a Gateway API
HTTPRoute) is a load balancer in front of its backends' workloads, an autoscaler sets the
instances to its minimum. Configuration and access objects are skipped, counted in a note.
Import only.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from estimator.formats import Importer, register_importer
from estimator.formats.base import (
    FormatError,
    ImportResult,
    Node,
    assemble,
    check_count,
    first_free,
    guess_kind,
)
from estimator.formats.compose import host_names, image_kind
from estimator.formats.yaml_files import YamlDocuments, clean_text, describe, read_yaml

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                  "ReplicationController", "Job", "CronJob", "Pod")
# Objects that configure, store, secure or route, but serve no requests of their own.
NOT_COMPONENTS = {
    "ConfigMap", "Secret", "ServiceAccount", "Role", "RoleBinding", "ClusterRole",
    "ClusterRoleBinding", "PersistentVolumeClaim", "PersistentVolume", "StorageClass",
    "Namespace", "NetworkPolicy", "PodDisruptionBudget", "LimitRange", "ResourceQuota",
    "PriorityClass", "CustomResourceDefinition", "Endpoints", "EndpointSlice", "IngressClass",
    "GatewayClass", "Gateway", "VerticalPodAutoscaler", "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration", "PodSecurityPolicy", "CSIDriver", "RuntimeClass",
    "Lease", "Event", "ControllerRevision", "APIService", "ReferenceGrant",
}
_KINDS_FROM_NAMES = {"database", "cache", "queue", "object_store", "search", "worker",
                     "load_balancer"}


@dataclass
class _Manifest:
    value: dict
    kind: str
    name: str
    namespace: str
    element: str  # how errors name it: "Deployment web (document 2)"


@dataclass
class _Workload:
    node: Node
    namespace: str
    labels: dict
    texts: list[str] = field(default_factory=list)  # env values, args: names they mention


class _Manifests:
    def __init__(self, yaml: YamlDocuments):
        self.yaml = yaml
        self.notes: list[str] = []
        self.nodes: list[Node] = []
        self.links: list[tuple[str, str]] = []
        self.public: list[str] = []  # the keys a client reaches
        self.workloads: dict[tuple[str, str, str], _Workload] = {}  # (ns, kind, name)
        self.fronted: dict[tuple[str, str], list[str]] = {}  # (ns, Service) -> keys
        self.keys: set[str] = set()
        self.skipped: Counter = Counter()
        self.unknown: Counter = Counter()

    def _key(self, wished: str) -> str:
        """A wished-for key no other node has (links name nodes by it)."""
        return first_free(wished, self.keys, separator="-")

    def _add(self, node: Node) -> Node:
        node.key = self._key(node.key or node.name)
        self.nodes.append(node)
        return node

    # -- reading the documents
    def manifests(self) -> list[_Manifest]:
        yaml, found = self.yaml, []
        for number, (document, line) in enumerate(zip(yaml.documents, yaml.starts,
                                                      strict=True), 1):
            where = f"document {number} (line {line})"
            if not isinstance(document, dict):
                raise FormatError(f"a manifest is a mapping, not {describe(document)}",
                                  where=where)
            if document.get("kind") == "List":
                items = yaml.sequence(document, "items", f"{where}.items")
                check_count(len(found) + len(items), "manifests")
                for index, item in enumerate(items):
                    found.append(self._manifest(item, f"{where}.items[{index}]", items, index))
            else:
                found.append(self._manifest(document, where, None, None))
            check_count(len(found), "manifests")
        return [manifest for manifest in found if manifest is not None]

    def _manifest(self, value, where: str, container, key) -> _Manifest | None:
        yaml = self.yaml
        if not isinstance(value, dict):
            raise yaml.error(f"a manifest is a mapping, not {describe(value)}", where,
                             container, key)
        kind = yaml.text(value, "kind", f"{where}.kind")
        yaml.text(value, "apiVersion", f"{where}.apiVersion")
        if not kind:
            self.notes.append(f"{where} has no kind: skipped.")
            return None
        metadata = yaml.mapping(value, "metadata", f"{where}.metadata")
        raw_name = metadata.get("name", metadata.get("generateName"))
        name = yaml.name(raw_name, f"{where} ({kind}).metadata.name", metadata, "name")
        namespace = yaml.text(metadata, "namespace", f"{kind} {name}.metadata.namespace",
                              "default")
        return _Manifest(value, kind, name, namespace, f"{kind} {name}")

    # -- workloads
    def workload(self, manifest: _Manifest) -> None:
        yaml, value, where = self.yaml, manifest.value, manifest.element
        spec = yaml.mapping(value, "spec", f"{where}.spec")
        node = Node(manifest.name, "service", key=manifest.name)
        if manifest.kind == "Pod":
            template, template_where = value, where
        elif manifest.kind == "CronJob":
            job = yaml.mapping(spec, "jobTemplate", f"{where}.spec.jobTemplate")
            job_spec = yaml.mapping(job, "spec", f"{where}.spec.jobTemplate.spec")
            template_where = f"{where}.spec.jobTemplate.spec.template"
            template = yaml.mapping(job_spec, "template", template_where)
            schedule = yaml.text(spec, "schedule", f"{where}.spec.schedule")
            spec = job_spec
            node.notes.append(f"a CronJob (schedule {clean_text(schedule or '?')}): a worker")
        else:
            template = yaml.mapping(spec, "template", f"{where}.spec.template")
            template_where = f"{where}.spec.template"
        pod_metadata = yaml.mapping(template, "metadata", f"{template_where}.metadata")
        labels = yaml.mapping(pod_metadata, "labels", f"{template_where}.metadata.labels")
        pod_spec = yaml.mapping(template, "spec", f"{template_where}.spec")
        images, texts = self._containers(pod_spec, f"{template_where}.spec")
        node.kind = self._kind(manifest, node, images)
        node.instances = self._instances(manifest, spec, node)
        self._add(node)
        self.workloads[(manifest.namespace, manifest.kind, manifest.name)] = _Workload(
            node, manifest.namespace, {str(k): str(v) for k, v in labels.items()}, texts)

    def _containers(self, pod_spec: dict, where: str) -> tuple[list[str], list[str]]:
        yaml, images, texts = self.yaml, [], []
        containers = yaml.sequence(pod_spec, "containers", f"{where}.containers")
        for index, container in enumerate(containers):
            at = f"{where}.containers[{index}]"
            if not isinstance(container, dict):
                raise yaml.error(f"a container is a mapping, not {describe(container)}", at,
                                 containers, index)
            image = yaml.text(container, "image", f"{at}.image")
            if image:
                images.append(image)
            for variable_index, variable in enumerate(yaml.sequence(container, "env",
                                                                    f"{at}.env")):
                if not isinstance(variable, dict):
                    raise yaml.error(f"an environment variable is a mapping, not "
                                     f"{describe(variable)}", f"{at}.env[{variable_index}]",
                                     container["env"], variable_index)
                if isinstance(variable.get("value"), str):
                    texts.append(variable["value"])
            for words in ("command", "args"):
                texts.extend(part for part in yaml.sequence(container, words, f"{at}.{words}")
                             if isinstance(part, str))
        return images, texts

    def _kind(self, manifest: _Manifest, node: Node, images: list[str]) -> str:
        if manifest.kind in ("Job", "CronJob"):
            if manifest.kind == "Job":
                node.notes.append("a Job: a worker")
            return "worker"
        for image in images:
            if kind := image_kind(image):
                node.notes.append(f"kind guessed from image name ({clean_text(image)})")
                return kind
        kind = guess_kind(manifest.name.replace("-", " ").replace("_", " "))
        if kind in _KINDS_FROM_NAMES:
            node.notes.append(f"kind guessed from the {manifest.kind}'s name")
            return kind
        if not images:
            node.notes.append("no container image named: a service")
        return "service"

    def _instances(self, manifest: _Manifest, spec: dict, node: Node) -> int:
        yaml, where = self.yaml, manifest.element
        if manifest.kind == "DaemonSet":
            node.notes.append("a DaemonSet runs one pod per node; the node count is not in "
                              "the manifests (1 assumed)")
            return 1
        if manifest.kind in ("Job", "CronJob"):
            count = yaml.count(spec, "parallelism", f"{where}.spec.parallelism", 1)
        elif manifest.kind == "Pod":
            count = 1
        else:
            count = yaml.count(spec, "replicas", f"{where}.spec.replicas", 1)
        if count == 0:
            node.notes.append("0 replicas: counted as 1")
        return max(count, 1)

    # -- Services, Ingresses, routes, autoscalers
    def service(self, manifest: _Manifest) -> None:
        yaml, where = self.yaml, manifest.element
        spec = yaml.mapping(manifest.value, "spec", f"{where}.spec")
        selector = yaml.mapping(spec, "selector", f"{where}.spec.selector")
        service_type = yaml.text(spec, "type", f"{where}.spec.type", "ClusterIP")
        wanted = {str(k): str(v) for k, v in selector.items()}
        keys = [workload.node.key for workload in self.workloads.values()
                if wanted and workload.namespace == manifest.namespace
                and wanted.items() <= workload.labels.items()]
        if not keys:
            external = yaml.text(spec, "externalName", f"{where}.spec.externalName")
            node = self._add(Node(manifest.name, "external", key=manifest.name, notes=[
                f"a Service to {clean_text(external)} (ExternalName)" if external else
                "a Service whose selector matches no workload in these files"]))
            self.notes.append(f"Service {manifest.name} fronts no workload in these files: "
                              f"an external component.")
            keys = [node.key]
        if service_type == "LoadBalancer":
            balancer = self._add(Node(f"{manifest.name} (LoadBalancer)", "load_balancer",
                                      key=f"{manifest.name}-lb", managed=True,
                                      notes=["a Service of type LoadBalancer: the cloud's "
                                             "load balancer"]))
            self.links.extend((balancer.key, key) for key in keys)
            self.public.append(balancer.key)
        elif service_type == "NodePort":
            self.public.extend(keys)
            self.notes.append(f"Service {manifest.name} is a NodePort: clients reach its "
                              f"workloads directly.")
        self.fronted.setdefault((manifest.namespace, manifest.name), []).extend(keys)

    def ingress(self, manifest: _Manifest) -> None:
        yaml, where = self.yaml, manifest.element
        spec = yaml.mapping(manifest.value, "spec", f"{where}.spec")
        backends: list[str] = []
        default = yaml.mapping(spec, "defaultBackend", f"{where}.spec.defaultBackend") or \
            yaml.mapping(spec, "backend", f"{where}.spec.backend")
        if default:
            backends.append(self._backend(default, f"{where}.spec.defaultBackend"))
        for rule_index, rule in enumerate(yaml.sequence(spec, "rules", f"{where}.spec.rules")):
            at = f"{where}.spec.rules[{rule_index}]"
            if not isinstance(rule, dict):
                raise yaml.error(f"a rule is a mapping, not {describe(rule)}", at,
                                 spec["rules"], rule_index)
            http = yaml.mapping(rule, "http", f"{at}.http")
            for path_index, path in enumerate(yaml.sequence(http, "paths", f"{at}.http.paths")):
                path_at = f"{at}.http.paths[{path_index}]"
                if not isinstance(path, dict):
                    raise yaml.error(f"a path is a mapping, not {describe(path)}", path_at,
                                     http["paths"], path_index)
                backend = yaml.mapping(path, "backend", f"{path_at}.backend")
                backends.append(self._backend(backend, f"{path_at}.backend"))
        self._balancer(manifest, backends, "an Ingress")

    def _backend(self, backend: dict, where: str) -> str | None:
        yaml = self.yaml
        service = yaml.mapping(backend, "service", f"{where}.service")
        if service:
            return yaml.name(service.get("name"), f"{where}.service.name", service, "name")
        if "serviceName" in backend:  # networking.k8s.io/v1beta1
            return yaml.name(backend["serviceName"], f"{where}.serviceName", backend,
                             "serviceName")
        return None

    def http_route(self, manifest: _Manifest) -> None:
        yaml, where = self.yaml, manifest.element
        spec = yaml.mapping(manifest.value, "spec", f"{where}.spec")
        backends = []
        for rule_index, rule in enumerate(yaml.sequence(spec, "rules", f"{where}.spec.rules")):
            at = f"{where}.spec.rules[{rule_index}]"
            if not isinstance(rule, dict):
                raise yaml.error(f"a rule is a mapping, not {describe(rule)}", at,
                                 spec["rules"], rule_index)
            refs = yaml.sequence(rule, "backendRefs", f"{at}.backendRefs")
            for ref_index, ref in enumerate(refs):
                if not isinstance(ref, dict):
                    raise yaml.error(f"a backend is a mapping, not {describe(ref)}",
                                     f"{at}.backendRefs[{ref_index}]", refs, ref_index)
                if yaml.text(ref, "kind", f"{at}.backendRefs[{ref_index}].kind",
                             "Service") == "Service":
                    backends.append(yaml.name(ref.get("name"),
                                              f"{at}.backendRefs[{ref_index}].name", ref, "name"))
        self._balancer(manifest, backends, "an HTTPRoute (Gateway API)")

    def _balancer(self, manifest: _Manifest, backends: list, what: str) -> None:
        node = self._add(Node(manifest.name, "load_balancer", key=manifest.name,
                              notes=[f"{what}: the load balancer in front of its backends"]))
        self.public.append(node.key)
        for service in dict.fromkeys(name for name in backends if name):
            keys = self.fronted.get((manifest.namespace, service))
            if keys is None:
                self.notes.append(f"{manifest.kind} {manifest.name} sends to Service "
                                  f"{service}, which is not in these files: left out.")
            self.links.extend((node.key, key) for key in keys or [])

    def autoscaler(self, manifest: _Manifest) -> None:
        yaml, where = self.yaml, manifest.element
        spec = yaml.mapping(manifest.value, "spec", f"{where}.spec")
        target = yaml.mapping(spec, "scaleTargetRef", f"{where}.spec.scaleTargetRef")
        target_kind = yaml.text(target, "kind", f"{where}.spec.scaleTargetRef.kind", "")
        target_name = yaml.text(target, "name", f"{where}.spec.scaleTargetRef.name", "")
        low = yaml.count(spec, "minReplicas", f"{where}.spec.minReplicas", 1)
        high = yaml.count(spec, "maxReplicas", f"{where}.spec.maxReplicas", low)
        workload = self.workloads.get((manifest.namespace, target_kind, target_name))
        if workload is None:
            self.notes.append(f"{where} scales {target_kind} {target_name}, which is not in "
                              f"these files: ignored.")
            return
        workload.node.instances = max(low, 1)
        workload.node.notes.append(f"autoscaled from {low} to {high} replicas by "
                                   f"{manifest.name}: instances = the minimum")
        self.notes.append(f"{target_kind} {target_name} is autoscaled ({low} to {high}): its "
                          f"instances are the minimum, {max(low, 1)}.")

    def links_from_texts(self) -> None:
        for workload in self.workloads.values():
            source = workload.node.key
            named = dict.fromkeys(
                (namespace if namespace and (namespace, host) in self.fronted
                 else workload.namespace, host)
                for text in workload.texts for host, namespace in host_names(text))
            for service in named:
                new = [key for key in self.fronted.get(service, [])
                       if key != source and (source, key) not in self.links]
                if new:
                    self.links.extend((source, key) for key in new)
                    self.notes.append(f"Link {workload.node.name} → {', '.join(new)} guessed "
                                      f"from its environment or arguments (they name Service "
                                      f"{service[1]}).")

    def read(self) -> ImportResult:
        manifests = self.manifests()
        if not manifests:
            raise FormatError("no manifests with a kind were found")
        by_kind: dict[str, list[_Manifest]] = {}
        for manifest in manifests:
            by_kind.setdefault(manifest.kind, []).append(manifest)
        for kind in WORKLOAD_KINDS:
            for manifest in by_kind.get(kind, []):
                self.workload(manifest)
        for manifest in by_kind.get("Service", []):
            self.service(manifest)
        for manifest in by_kind.get("Ingress", []):
            self.ingress(manifest)
        for manifest in by_kind.get("HTTPRoute", []):
            self.http_route(manifest)
        for manifest in by_kind.get("HorizontalPodAutoscaler", []):
            self.autoscaler(manifest)
        read_kinds = {*WORKLOAD_KINDS, "Service", "Ingress", "HTTPRoute",
                      "HorizontalPodAutoscaler"}
        for manifest in manifests:
            if manifest.kind in NOT_COMPONENTS:
                self.skipped[manifest.kind] += 1
            elif manifest.kind not in read_kinds:
                self.unknown[manifest.kind] += 1
        self.links_from_texts()
        if self.skipped:
            self.notes.append("Skipped (not components): " + _counted(self.skipped) + ".")
        if self.unknown:
            self.notes.append("Skipped, kinds this import does not read: "
                              + _counted(self.unknown) + ".")
        if not self.nodes:
            raise FormatError("the manifests hold no workloads, Services or Ingresses")
        nodes, links = self.nodes, self.links
        if self.public:
            client = self._key("client")
            nodes = [Node("Clients", "client", key=client, notes=[
                "added by the import: reaches the Ingresses and exposed Services"]), *nodes]
            links = [(client, key) for key in dict.fromkeys(self.public)] + links
        return assemble(source="kubernetes", name="Kubernetes application", nodes=nodes,
                        links=links, notes=self.notes,
                        description="Imported from Kubernetes manifests.")


def _counted(counter: Counter) -> str:
    return ", ".join(f"{count} {clean_text(kind)}" for kind, count in sorted(counter.items()))


def read(text: str) -> ImportResult:
    yaml = read_yaml(text)
    if not yaml.documents:
        raise FormatError("the file is empty")
    return _Manifests(yaml).read()


def looks_like(text: str, filename: str) -> bool:
    head = text[:200_000]
    if head.lstrip().startswith("{"):
        return bool(re.search(r'"apiVersion"\s*:', head) and re.search(r'"kind"\s*:', head))
    return bool(re.search(r"^\s*-?\s*apiVersion\s*:", head, re.M)
                and re.search(r"^\s*-?\s*kind\s*:", head, re.M))


register_importer(Importer("kubernetes", "Kubernetes manifests (YAML)", read, looks_like))
