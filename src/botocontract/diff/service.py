"""Compare two versions of one service: operations, request and response trees, paginators, waiters
and metadata.

Trees are compared shape pair by shape pair, from each operation's input and output down, and a
pair's facts are kept and re-rooted at each path that reaches it. Shape names play no part (a
renamed shape with the same tree is no change), and a pair met again inside itself is cut off there,
so recursive shapes terminate; a result cut short that way is not kept for other paths, and a kept
result is not reused where it would lead round a cycle, so member order never changes the facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..model.service import (
    STRUCTURES,
    Member,
    Operation,
    Service,
    Shape,
    deprecation_note,
    paginator_value,
)
from ..model.side import Side
from .facts import Fact, Kind

Facts = tuple[Fact, ...]
_NO_CUT = 1 << 30
_CONTAINERS = frozenset({"list", "map"})
_REFERENCES = frozenset({"member", "key", "value"})
_MISSING = object()


def _rebase(facts: Iterable[Fact], prefix: str) -> Iterator[Fact]:
    # tuple.__new__ rather than _replace: this runs once per fact per level of every path.
    for fact in facts:
        yield tuple.__new__(Fact, (fact[0], prefix + fact[1], *fact[2:]))


def _alike_undocumented(old: Any, new: Any) -> bool:
    """Whether two raw shapes, or member references, are alike but for their documentation:
    most of what changes between releases, and nothing a client acts on. Stops at the first other
    difference, so a shape that really changed costs little here."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return bool(old == new)
    for key, value in old.items():
        if key == "documentation":
            continue
        other = new.get(key, _MISSING)
        if key == "members" and isinstance(value, dict) and isinstance(other, dict):
            if value.keys() != other.keys() or not all(
                _alike_undocumented(ref, other[name]) for name, ref in value.items()
            ):
                return False
        elif key in _REFERENCES:
            if not _alike_undocumented(value, other):
                return False
        elif value != other:
            return False
    return all(key in old or key == "documentation" for key in new)


def _changed_items(
    old: Iterable[tuple[str, Any]], new: Iterable[tuple[str, Any]]
) -> Iterator[tuple[str, Any, Any]]:
    before, after = dict(old), dict(new)
    for key in sorted(before.keys() | after.keys()):
        if before.get(key) != after.get(key):
            yield key, before.get(key), after.get(key)


class TreeDiffer:
    """Compares shapes of ``old`` with shapes of ``new``; one instance per service pair."""

    def __init__(self, old: Service, new: Service, *, docs: bool = False) -> None:
        self.old = old
        self.new = new
        self.docs = docs
        self._done: dict[tuple[str, str], tuple[Facts, frozenset[tuple[str, str]]]] = {}
        self._walked: list[set[tuple[str, str]]] = [set()]  # pairs met below each active pair
        self._active: dict[tuple[str, str], int] = {}  # pairs being compared -> stack depth
        self._lowest_cut = _NO_CUT  # the shallowest active pair a cycle was cut at
        self._dirty = _dirty_shapes(old.raw["shapes"], new.raw["shapes"])

    def untouched(self, raw_operation: Any) -> bool:
        """Whether an operation defined alike in both models has alike trees and errors too."""
        if not isinstance(raw_operation, dict):
            return False  # malformed: let normalization say what is wrong
        refs = [raw_operation.get(side) for side in ("input", "output")]
        errors = raw_operation.get("errors", [])
        refs += errors if isinstance(errors, list) else [errors]
        for ref in refs:
            if ref is not None and (not isinstance(ref, dict) or ref.get("shape") in self._dirty):
                return False
        return True

    def may_differ(self, name: str) -> bool:
        """Whether shape ``name`` may be defined differently, or reach one that is (or is not
        defined at all in the new model: reading it says so)."""
        return name in self._dirty or not self.new.has_shape(name)

    def pair(self, old_name: str, new_name: str) -> Facts:
        if old_name == new_name and old_name not in self._dirty:
            return ()  # the same definition on both sides, all the way down
        key = (old_name, new_name)
        done = self._done.get(key)
        # A kept result holds paths through every pair below it; where one of those pairs is
        # being compared further up, those paths would go round a cycle: compare afresh.
        if done is not None and done[1].isdisjoint(self._active):
            self._walked[-1] |= done[1]
            return done[0]
        self._walked[-1].add(key)
        depth = self._active.get(key)
        if depth is not None:
            self._lowest_cut = min(self._lowest_cut, depth)
            return ()
        depth = len(self._active)
        self._active[key] = depth
        self._walked.append({key})
        outer_cut, self._lowest_cut = self._lowest_cut, _NO_CUT
        try:
            # A comprehension, not tuple(generator): CPython 3.12 counts each C-level call into
            # a generator against a fixed C recursion limit (about 1,500), so tuple() would stop
            # a deep (but walkable) model at about 750 levels; a comprehension resumes the
            # generator without a C call.
            facts = tuple([fact for fact in self._compare(old_name, new_name)])
        finally:
            del self._active[key]
            walked = frozenset(self._walked.pop())
        self._walked[-1] |= walked
        # A result cut short at an enclosing pair misses what lies beyond the cut when this pair
        # is reached another way: keep only results that are complete on their own.
        if self._lowest_cut >= depth:
            self._done[key] = (facts, walked)
        self._lowest_cut = min(outer_cut, self._lowest_cut)
        return facts

    def _compare(self, old_name: str, new_name: str) -> Iterator[Fact]:
        raw_old = self.old.raw_shape(old_name)
        raw_new = self.new.raw_shape(new_name)
        if (
            raw_old == raw_new or (not self.docs and _alike_undocumented(raw_old, raw_new))
        ) and self._children_known(raw_new):
            # Same definition (documentation aside, unless it is reported): only what lies below
            # can differ. Most pairs end here, cheaply, without normalizing either shape.
            yield from self._children_of_equal(raw_new)
            return
        # The facts found at this pair are placed here; those of pairs below carry their own.
        for fact in self._compare_shapes(self.old.shape(old_name), self.new.shape(new_name)):
            yield fact if fact[-1] is not None else fact._replace(origin=new_name + fact[1])

    @staticmethod
    def _children_known(raw: Any) -> bool:
        kind = raw.get("type") if isinstance(raw, dict) else None
        if kind == "structure":
            members = raw.get("members", {})
            return isinstance(members, dict) and all(
                isinstance(m, dict) and isinstance(m.get("shape"), str) for m in members.values()
            )
        if kind == "list":
            member = raw.get("member")
            return isinstance(member, dict) and isinstance(member.get("shape"), str)
        if kind == "map":
            return all(
                isinstance(raw.get(k), dict) and isinstance(raw[k].get("shape"), str)
                for k in ("key", "value")
            )
        return kind is not None

    def _children_of_equal(self, raw: dict[str, Any]) -> Iterator[Fact]:
        kind = raw["type"]
        if kind == "structure":
            for name, member in raw.get("members", {}).items():
                target = member["shape"]
                yield from _rebase(self.pair(target, target), "." + name)
        elif kind == "list":
            target = raw["member"]["shape"]
            yield from _rebase(self.pair(target, target), "[]")
        elif kind == "map":
            for side, suffix in (("key", "{key}"), ("value", "{}")):
                target = raw[side]["shape"]
                yield from _rebase(self.pair(target, target), suffix)

    def _compare_shapes(self, old: Shape, new: Shape) -> Iterator[Fact]:
        if old.type != new.type:
            yield Fact(Kind.TYPE_CHANGED, "", old=old.type, new=new.type)
            return
        yield from self._compare_values(old, new)
        if new.type in STRUCTURES:
            yield from self._compare_members(old, new)
        elif new.type in _CONTAINERS:  # the same type: the same steps, element or key and value
            for (step, before), (_, after) in zip(old.children(), new.children(), strict=True):
                yield from self._compare_member(before, after, step)

    def _compare_values(self, old: Shape, new: Shape) -> Iterator[Fact]:
        if old.enum != new.enum:
            if old.enum is not None and new.enum is not None:
                before, after = set(old.enum), set(new.enum)
                for value in sorted(after - before):
                    yield Fact(Kind.ENUM_VALUE_ADDED, "=" + value, new=value)
                for value in sorted(before - after):
                    yield Fact(Kind.ENUM_VALUE_REMOVED, "=" + value, old=value)
            else:
                yield Fact(
                    Kind.CONSTRAINT_CHANGED,
                    "",
                    attribute="enum",
                    old=sorted(old.enum) if old.enum else None,
                    new=sorted(new.enum) if new.enum else None,
                )
        for attribute in ("min", "max", "pattern"):
            before, after = getattr(old, attribute), getattr(new, attribute)
            if before != after:
                yield Fact(Kind.CONSTRAINT_CHANGED, "", attribute=attribute, old=before, new=after)
        yield from deprecation_facts(old, new, "")
        if old.streaming != new.streaming:
            yield Fact(
                Kind.STREAMING_CHANGED,
                "",
                attribute="streaming",
                old=old.streaming,
                new=new.streaming,
            )
        if old.sensitive != new.sensitive:
            yield Fact(
                Kind.TRAIT_CHANGED, "", attribute="sensitive", old=old.sensitive, new=new.sensitive
            )
        for key, before, after in _changed_items(old.traits, new.traits):
            yield Fact(Kind.TRAIT_CHANGED, "", attribute=key, old=before, new=after)
        if self.docs and old.documentation != new.documentation:
            yield Fact(Kind.DOCUMENTATION_CHANGED, "", old=old.documentation, new=new.documentation)

    def _compare_members(self, old: Shape, new: Shape) -> Iterator[Fact]:
        before, after = old.members.raw, new.members.raw
        for name in sorted(before.keys() - after.keys()):
            yield Fact(
                Kind.MEMBER_REMOVED, "." + name, old=self.old.shape_type(before[name]["shape"])
            )
        for name, ref in after.items():
            if name in before:
                continue
            yield Fact(
                Kind.MEMBER_ADDED,
                "." + name,
                new=self.new.shape_type(ref["shape"]),
                required=name in new.required,
            )
        for name, ref in after.items():
            was_ref = before.get(name)
            if was_ref is None:
                continue
            was, now = name in old.required, name in new.required
            if was != now:
                yield Fact(Kind.REQUIRED_CHANGED, "." + name, old=was, new=now)
            suffix = "." + name
            if was_ref == ref or (not self.docs and _alike_undocumented(was_ref, ref)):
                # The same reference (documentation aside, unless it is reported): only the
                # target can differ, and neither member needs building.
                yield from _rebase(self.pair(was_ref["shape"], ref["shape"]), suffix)
            else:
                yield from self._compare_member(old.members[name], new.members[name], suffix)

    def _compare_member(self, old: Member, new: Member, suffix: str) -> Iterator[Fact]:
        if old != new:
            yield from deprecation_facts(old, new, suffix)
            for attribute in ("location", "location_name", "idempotency_token"):
                before, after = getattr(old, attribute), getattr(new, attribute)
                if before != after:
                    yield Fact(
                        Kind.TRAIT_CHANGED, suffix, attribute=attribute, old=before, new=after
                    )
            for key, before, after in _changed_items(old.traits, new.traits):
                kind = Kind.STREAMING_CHANGED if key == "streaming" else Kind.TRAIT_CHANGED
                yield Fact(kind, suffix, attribute=key, old=before, new=after)
            if self.docs and old.documentation != new.documentation:
                yield Fact(
                    Kind.DOCUMENTATION_CHANGED, suffix, old=old.documentation, new=new.documentation
                )
        yield from _rebase(self.pair(old.shape, new.shape), suffix)

    def added_tree(self, name: str) -> Iterator[Fact]:
        """An input or output that appears: each of its members is new."""
        shape = self.new.shape(name)
        for member_name, member in shape.members.items():
            yield Fact(
                Kind.MEMBER_ADDED,
                "." + member_name,
                new=self.new.shape_type(member.shape),
                required=member_name in shape.required,
                origin=name + "." + member_name,
            )

    def removed_tree(self, name: str) -> Iterator[Fact]:
        shape = self.old.shape(name)
        for member_name, member in shape.members.items():
            yield Fact(
                Kind.MEMBER_REMOVED,
                "." + member_name,
                old=self.old.shape_type(member.shape),
                origin=name + "." + member_name,
            )


def deprecation_facts(
    old: Member | Shape | Operation, new: Member | Shape | Operation, path: str, **where: Any
) -> Iterator[Fact]:
    """A deprecation that comes or goes, with what the model says about it; or, where it stays,
    a change to its message or date."""
    if old.deprecated != new.deprecated:
        yield Fact(
            Kind.DEPRECATED_CHANGED,
            path,
            attribute="deprecated",
            old=old.deprecated,
            new=new.deprecated,
            note=deprecation_note(new) if new.deprecated else None,
            **where,
        )
        return
    for attribute, field in (
        ("deprecatedMessage", "deprecated_message"),
        ("deprecatedSince", "deprecated_since"),
    ):
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            yield Fact(
                Kind.DEPRECATED_CHANGED, path, attribute=attribute, old=before, new=after, **where
            )


def _dirty_shapes(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    """The names whose tree may differ: shapes defined differently, and every shape that reaches
    one of them. A shape defined alike on both sides points at the same names on both sides, so
    walking up the new model's references finds all of them. The rest need no walk at all."""
    if list(old) == list(new):  # the usual case: pair the definitions up without lookups
        changed = [
            name
            for (name, raw), before in zip(new.items(), old.values(), strict=True)
            if raw != before
        ]
    else:
        missing = object()
        changed = [name for name, raw in new.items() if old.get(name, missing) != raw]
    if not changed:
        return set()
    referrers = _referrers(new)
    dirty = set(changed)
    todo = list(changed)
    while todo:
        for referrer in referrers.get(todo.pop(), ()):
            if referrer not in dirty:
                dirty.add(referrer)
                todo.append(referrer)
    return dirty


def _referrers(shapes: Mapping[str, Any]) -> defaultdict[str, list[str]]:
    """Which shapes refer to each shape. The fast loop trusts the model's form; a malformed model
    takes the careful loop, and is reported when its shapes are normalized."""
    referrers: defaultdict[str, list[str]] = defaultdict(list)
    try:
        for name, raw in shapes.items():
            members = raw.get("members")
            if members is not None:
                for ref in members.values():
                    referrers[ref["shape"]].append(name)
            elif "member" in raw:
                referrers[raw["member"]["shape"]].append(name)
            elif "value" in raw:
                referrers[raw["key"]["shape"]].append(name)
                referrers[raw["value"]["shape"]].append(name)
        return referrers
    except (AttributeError, KeyError, TypeError):
        pass
    referrers.clear()
    for name, raw in shapes.items():
        if not isinstance(raw, dict):
            continue
        members = raw.get("members")
        refs = list(members.values()) if isinstance(members, dict) else []
        refs += [raw[part] for part in ("member", "key", "value") if part in raw]
        for ref in refs:
            target = ref.get("shape") if isinstance(ref, dict) else None
            if isinstance(target, str):
                referrers[target].append(name)
    return referrers


def _effective(service: Service) -> dict[str, Any]:
    """Metadata as a client acts on it: botocore speaks the protocol it resolves from the listed
    ones, signs with the endpoint prefix when no signing name is given, and reads jsonVersion only
    for the json protocol. (1.44.8 lists smithy-rpc-v2-cbor first for 36 services that its
    botocore still speaks json to, spells out the signing name of acm and drops jsonVersion from
    rest-json models: no client sees any of it.)"""
    effective = dict(service.metadata)
    effective["protocol"] = service.protocol
    effective.setdefault("signingName", effective.get("endpointPrefix"))
    if effective.get("protocol") != "json":
        effective.pop("jsonVersion", None)
    return effective


def compare_services(old: Service, new: Service, *, docs: bool = False) -> Facts:
    """Every difference between two versions of a service, in a stable order."""
    facts: list[Fact] = []
    before_metadata, after_metadata = _effective(old), _effective(new)
    if before_metadata.get("protocol") != after_metadata.get("protocol"):
        # A new protocol is reported as such; its json version goes with it.
        before_metadata.pop("jsonVersion", None)
        after_metadata.pop("jsonVersion", None)
    for key, before, after in _changed_items(before_metadata.items(), after_metadata.items()):
        facts.append(
            Fact(Kind.METADATA_CHANGED, f"metadata.{key}", attribute=key, old=before, new=after)
        )
    for name in sorted(old.operations.keys() - new.operations.keys()):
        facts.append(Fact(Kind.OPERATION_REMOVED, name, operation=name))
    for name in sorted(new.operations.keys() - old.operations.keys()):
        facts.append(Fact(Kind.OPERATION_ADDED, name, operation=name))
    trees = TreeDiffer(old, new, docs=docs)
    old_raw, new_raw = old.raw["operations"], new.raw["operations"]
    for name in sorted(old.operations.keys() & new.operations.keys()):
        before, after = old_raw[name], new_raw[name]
        alike = before == after or (not docs and _alike_undocumented(before, after))
        if alike and trees.untouched(after):
            continue  # defined alike, over trees defined alike: nothing to normalize or walk
        facts.extend(_compare_operation(trees, name, alike=alike))
    facts.extend(_compare_paginators(old.paginators, new.paginators))
    facts.extend(_compare_waiters(old.waiters, new.waiters))
    return tuple(facts)


def _compare_operation(trees: TreeDiffer, name: str, *, alike: bool = False) -> Iterator[Fact]:
    """``alike``: defined alike in both models (documentation aside, unless it is reported), so
    that only its trees and error shapes can differ, and the old one need not be read."""
    new = trees.new.operations[name]
    old = new if alike else trees.old.operations[name]
    yield from deprecation_facts(old, new, name, operation=name)
    for attribute in ("http_method", "request_uri", "response_code"):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            yield Fact(
                Kind.HTTP_CHANGED, name, operation=name, attribute=attribute, old=before, new=after
            )
    for error in sorted(set(new.errors) - set(old.errors)):
        yield Fact(Kind.ERROR_ADDED, f"{name}.errors.{error}", operation=name, new=error)
    for error in sorted(set(old.errors) - set(new.errors)):
        yield Fact(Kind.ERROR_REMOVED, f"{name}.errors.{error}", operation=name, old=error)
    for error in sorted(set(old.errors) & set(new.errors)):
        if not trees.may_differ(error):
            continue
        before, after = trees.old.shape(error), trees.new.shape(error)
        for attribute in ("retryable", "throttling"):
            if getattr(before, attribute) != getattr(after, attribute):
                yield Fact(
                    Kind.ERROR_CHANGED,
                    f"{name}.errors.{error}",
                    operation=name,
                    attribute=attribute,
                    old=getattr(before, attribute),
                    new=getattr(after, attribute),
                )
    for key, before, after in _changed_items(old.traits, new.traits):
        yield Fact(Kind.TRAIT_CHANGED, name, operation=name, attribute=key, old=before, new=after)
    if trees.docs and old.documentation != new.documentation:
        yield Fact(
            Kind.DOCUMENTATION_CHANGED,
            name,
            operation=name,
            old=old.documentation,
            new=new.documentation,
        )
    for side, before_shape, after_shape in (
        (Side.REQUEST, old.input, new.input),
        (Side.RESPONSE, old.output, new.output),
    ):
        prefix = f"{name}.{side}"
        if before_shape and after_shape:
            found: Iterable[Fact] = trees.pair(before_shape, after_shape)
        elif after_shape:
            found = trees.added_tree(after_shape)
        elif before_shape:
            found = trees.removed_tree(before_shape)
        else:
            continue
        for fact in found:  # tuple.__new__ rather than _replace, as in _rebase
            yield tuple.__new__(Fact, (fact[0], prefix + fact[1], name, side, *fact[4:]))


PAGINATOR_KEYS = (
    "input_token",
    "output_token",
    "limit_key",
    "result_key",
    "more_results",
    "non_aggregate_keys",
)


def _compare_paginators(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Fact]:
    for name in sorted(old.keys() | new.keys()):
        path = f"{name}.paginator"
        if name not in new:
            yield Fact(Kind.PAGINATOR_REMOVED, path, operation=name)
        elif name not in old:
            yield Fact(Kind.PAGINATOR_ADDED, path, operation=name)
        else:
            for key in PAGINATOR_KEYS:
                before, after = paginator_value(old[name], key), paginator_value(new[name], key)
                if before != after:
                    yield Fact(
                        Kind.PAGINATOR_CHANGED,
                        path,
                        operation=name,
                        attribute=key,
                        old=before,
                        new=after,
                    )


WAITER_KEYS = ("operation", "delay", "maxAttempts", "acceptors")


def _compare_waiters(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Fact]:
    for name in sorted(old.keys() | new.keys()):
        path = f"waiter.{name}"
        operation = (new.get(name) or old.get(name) or {}).get("operation")
        if name not in new:
            yield Fact(Kind.WAITER_REMOVED, path, operation=operation)
        elif name not in old:
            yield Fact(Kind.WAITER_ADDED, path, operation=operation)
        else:
            for key in WAITER_KEYS:
                if old[name].get(key) != new[name].get(key):
                    yield Fact(
                        Kind.WAITER_CHANGED,
                        path,
                        operation=operation,
                        attribute=key,
                        old=old[name].get(key),
                        new=new[name].get(key),
                    )
