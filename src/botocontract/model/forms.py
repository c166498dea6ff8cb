"""The AWS API changelog's way of writing a shape: ``'boolean'``, ``{'Key': 'string'}``, ``[...]``.

These are the values of the published changelog's Changes blocks (botocore-model-facts.md): a scalar
prints its type name, an enum its values joined by `` | ``, a structure a dict of its members (a
document, a structure without members to botocore, ``{}``), a list ``[element]``, a map ``{key:
value}``, and a shape met again inside itself ``'<recursive Name>'`` so that every block still
parses with ``ast.literal_eval`` (the generator writes ``()`` there, which says nothing).
"""

from __future__ import annotations

from typing import Any

from .service import LIST_ELEMENT, MAP_KEY, MAP_VALUE, Service

Form = Any  # str | dict[str, Form] | list[Form]


def shape_form(service: Service, name: str, _inside: frozenset[str] = frozenset()) -> Form:
    if name in _inside:
        return f"<recursive {name}>"
    shape = service.shape(name)
    inside = _inside | {name}
    # botocore reads a document as a structure without members: the generator writes ``{}``.
    if shape.has_members or shape.type == "document":
        return {step[1:]: shape_form(service, m.shape, inside) for step, m in shape.children()}
    element, key, value = (shape.child(step) for step in (LIST_ELEMENT, MAP_KEY, MAP_VALUE))
    if element is not None:
        return [shape_form(service, element.shape, inside)]
    if key is not None and value is not None:
        return {key_form(service, key.shape): shape_form(service, value.shape, inside)}
    if shape.enum:
        return " | ".join(shape.enum)
    return shape.type


def key_form(service: Service, name: str) -> str:
    """A map key as a dict key: keys are strings or enums, so this is always hashable."""
    form = shape_form(service, name)
    return form if isinstance(form, str) else str(form)
