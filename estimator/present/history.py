"""What changed between two versions of a design document: the history page's one-line
summary ("2 components added (cache, queue); instances of api 4 -> 6") and the version
compare page's rows, field by field.

Pure: two plain documents in, text out. Components are matched by key, workloads by name
and links by their ends, so a renamed workload reads as one removed and one added.
"""

import json

# Past this many parts a summary says how many more: it must stay one line.
SUMMARY_PARTS = 6
# The document's free-text and table sections, said changed without their content.
TEXT_FIELDS = ("name", "description", "requirements", "data_model", "api_design", "prices")
ARROW = " -> "


def _keyed(items, key: str) -> dict:
    """The list's entries by their key, skipping anything that is not an entry."""
    if not isinstance(items, list):
        return {}
    return {str(item.get(key)): item for item in items if isinstance(item, dict)}


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _changed_fields(old: dict, new: dict) -> list[dict]:
    """Each field whose value differs, with its old and new value (None when absent)."""
    fields = sorted(set(old) | set(new))
    return [{"field": f, "old": old.get(f), "new": new.get(f)}
            for f in fields if old.get(f) != new.get(f)]


def _entries(old_items, new_items, key: str, skip: tuple[str, ...] = ()) -> dict:
    old, new = _keyed(old_items, key), _keyed(new_items, key)
    changed = []
    for name in (n for n in new if n in old):
        fields = [c for c in _changed_fields(old[name], new[name]) if c["field"] not in skip]
        if fields:
            changed.append({"name": name, "fields": fields})
    return {"added": [n for n in new if n not in old],
            "removed": [n for n in old if n not in new],
            "changed": changed}


def _link_names(links) -> list[str]:
    if not isinstance(links, list):
        return []
    return [f"{link.get('from')} → {link.get('to')}" for link in links if isinstance(link, dict)]


def document_changes(old: dict, new: dict) -> dict:
    """Everything that differs from `old` to `new`, by section."""
    old_links, new_links = _link_names(old.get("links")), _link_names(new.get("links"))
    return {
        "text": [f for f in TEXT_FIELDS if old.get(f) != new.get(f)],
        "components": _entries(old.get("components"), new.get("components"), "key", ("key",)),
        "links": {"added": [n for n in new_links if n not in old_links],
                  "removed": [n for n in old_links if n not in new_links]},
        "workloads": _entries(old.get("workloads"), new.get("workloads"), "name", ("name",)),
        "assumptions": _changed_fields(_mapping(old.get("assumptions")),
                                       _mapping(new.get("assumptions"))),
        "slos": _changed_fields(_mapping(old.get("slos")), _mapping(new.get("slos"))),
    }


def shown(value) -> str:
    """A document value as the page prints it: numbers with thousands separators, a route
    with arrows, anything else as compact JSON; "—" when absent."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format(value, ",")
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return " → ".join(value)
    return json.dumps(value, separators=(", ", ": "), ensure_ascii=False)


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, bool | int | float | str)


def _counted(items: list[str], noun: str, verb: str) -> list[str]:
    if not items:
        return []
    plural = noun if len(items) == 1 else f"{noun}s"
    return [f"{len(items)} {plural} {verb} ({', '.join(items)})"]


def _field_parts(changes: list[dict], of: str) -> list[str]:
    """"instances of api 4 -> 6" for a number or word; "route of workload 'read' changed"
    for a list or table, whose old and new values would not fit one line."""
    return [
        f"{c['field']} of {of} {shown(c['old'])}{ARROW}{shown(c['new'])}"
        if _is_scalar(c["old"]) and _is_scalar(c["new"]) else f"{c['field']} of {of} changed"
        for c in changes
    ]


def _parts(changes: dict) -> list[str]:
    components, workloads, links = changes["components"], changes["workloads"], changes["links"]
    parts = [f"{field.replace('_', ' ')} changed" for field in changes["text"]]
    parts += _counted(components["added"], "component", "added")
    parts += _counted(components["removed"], "component", "removed")
    for entry in components["changed"]:
        parts += _field_parts(entry["fields"], entry["name"])
    parts += _counted(links["added"], "link", "added")
    parts += _counted(links["removed"], "link", "removed")
    parts += _counted([f"'{n}'" for n in workloads["added"]], "workload", "added")
    parts += _counted([f"'{n}'" for n in workloads["removed"]], "workload", "removed")
    for entry in workloads["changed"]:
        parts += _field_parts(entry["fields"], f"workload '{entry['name']}'")
    parts += _field_parts(changes["assumptions"], "the assumptions")
    parts += _field_parts(changes["slos"], "the SLOs")
    return parts


def change_summary(old: dict | None, new: dict) -> str:
    """One line saying what changed from `old` (None: the first version) to `new`."""
    if old is None:
        return "first version"
    parts = _parts(document_changes(old, new))
    if not parts:
        return "no change to the document"
    if len(parts) > SUMMARY_PARTS:
        more = len(parts) - SUMMARY_PARTS
        parts = [*parts[:SUMMARY_PARTS], f"and {more} more change{'s' if more > 1 else ''}"]
    return "; ".join(parts)


def _section_rows(section: str, entries: dict) -> list[dict]:
    rows = [{"section": section, "item": n, "field": "", "old": "—", "new": "added"}
            for n in entries["added"]]
    rows += [{"section": section, "item": n, "field": "", "old": "present", "new": "removed"}
             for n in entries["removed"]]
    for entry in entries.get("changed", []):
        rows += [{"section": section, "item": entry["name"], "field": c["field"],
                  "old": shown(c["old"]), "new": shown(c["new"])} for c in entry["fields"]]
    return rows


def difference_rows(old: dict, new: dict) -> list[dict]:
    """The compare page's table of document differences: section, item, field, old, new,
    every value as text. Empty when the documents are equal."""
    changes = document_changes(old, new)
    rows = [{"section": "Document", "item": field.replace("_", " "), "field": "",
             "old": "…", "new": "changed"} for field in changes["text"]]
    rows += _section_rows("Components", changes["components"])
    rows += _section_rows("Links", changes["links"])
    rows += _section_rows("Workloads", changes["workloads"])
    for section, key in (("Assumptions", "assumptions"), ("SLOs", "slos")):
        rows += [{"section": section, "item": c["field"], "field": "",
                  "old": shown(c["old"]), "new": shown(c["new"])} for c in changes[key]]
    return rows
