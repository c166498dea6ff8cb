"""Reading one module's syntax tree for client calls: which names hold clients, what each call
passes and what the code reads from the response.

An abstract interpretation over the ``ast``, in one pass per module: names are bound to abstract
values (a client of a service, a session, a response and the path read into it, a dict built
locally, a literal) in scopes that follow Python's (functions, lambdas, comprehensions; class
bodies are not enclosing scopes), statement by statement, so that a name rebound to anything else
is no longer a client. Function bodies run later than their ``def``, so they are read when their
enclosing scope ends, with its final bindings, as Python looks names up at call time.

What crosses functions and files is kept as *facts* (:class:`Facts`): a function returns a client,
a parameter receives one, a class attribute or module variable holds one, a pytest fixture yields
one. A module that looked a fact up and missed is read again when the fact appears
(``project.py``), so the order files are read in does not matter.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any, NamedTuple

from .findings import ITEM, Call, Member, Unresolved
from .helpers import HELPERS, NOT_OPERATIONS

# ----- abstract values ------------------------------------------------------------------------


class Client(NamedTuple):
    service: str | None  # None: not known without running the code
    reason: str = ""  # why the service is not known
    # Made by ``client``/``create_client`` of something not known to be a session (botocore's
    # session handed in as ``self._session``): a client only if the release knows the service.
    guessed: bool = False


class Session(NamedTuple):
    pass


class Resource(NamedTuple):
    service: str | None
    meta: bool = False  # resource.meta, whose .client is a client


class Qual(NamedTuple):
    """A dotted name reached through an import or a definition: ``boto3.client``, ``app.s3.f``."""

    name: str


class Func(NamedTuple):
    """A function or method of the project; ``bound``: reached through ``self``/a class call, so
    the first parameter is not passed."""

    qual: str
    bound: bool = False


class ClassRef(NamedTuple):
    qual: str


class SelfRef(NamedTuple):
    cls: str


class Method(NamedTuple):
    owner: Any
    name: str


class Paginator(NamedTuple):
    client: Client
    name: str


class Waiter(NamedTuple):
    client: Client
    name: str


class Pages(NamedTuple):
    call: _Building


class Resp(NamedTuple):
    call: _Building
    steps: tuple[str | None, ...]


class KwargsParam(NamedTuple):
    name: str


class Tuple(NamedTuple):
    items: tuple[Any, ...]


class DictValue:
    """A dict built locally (a literal, ``dict(...)``, items set), to be unpacked into a call."""

    __slots__ = ("complete", "members", "params")

    def __init__(self) -> None:
        self.members: list[Member] = []
        self.params: dict[str, Any] | None = {}  # None once a value is not a literal
        self.complete = True  # False once something unknown was merged in


class _Building:
    """A call whose response reads are still being found."""

    __slots__ = ("call", "reads")

    def __init__(self, call: Call) -> None:
        self.call = call
        self.reads: list[Member] = []


# ----- names boto3, botocore and friends export -----------------------------------------------

CLIENT_FACTORIES = frozenset({"boto3.client"})
RESOURCE_FACTORIES = frozenset({"boto3.resource"})
SESSIONS = frozenset(
    {
        "boto3.Session",
        "boto3.session.Session",
        "botocore.session.get_session",
        "botocore.session.Session",
        "aiobotocore.session.get_session",
        "aiobotocore.session.AioSession",
        "aiobotocore.get_session",
        "aioboto3.Session",
        "aioboto3.session.Session",
    }
)
SESSION_CLIENT_METHODS = frozenset({"client", "create_client"})
EXTERNAL_ROOTS = frozenset({"boto3", "botocore", "aiobotocore", "aioboto3"})
STUB_PREFIXES = ("mypy_boto3_", "types_boto3_", "types_aiobotocore_", "types_aioboto3_")
LITERALS = (str, int, float, bool, type(None))


def stub_service(qual: str) -> str | None:
    """The service of a stub client class: ``mypy_boto3_s3.S3Client`` is an s3 client."""
    head, _, _ = qual.partition(".")
    if not qual.endswith("Client"):
        return None
    for prefix in STUB_PREFIXES:
        if head.startswith(prefix) and len(head) > len(prefix):
            return head[len(prefix) :].replace("_", "-")
    return None


# ----- facts shared across functions and files ------------------------------------------------

TABLES = ("value", "returns", "param", "fixture")


def same_name(a: str, b: str) -> bool:
    """Whether two dotted names can name the same thing: equal, or one a dotted suffix of the
    other (``app.util.f`` and ``src.app.util.f``: a project read from above its import root)."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _last(key: str) -> str:
    return key.rpartition(".")[2]


class Facts:
    """Clients that reach a name from elsewhere, by table: ``value`` (module variables and class
    attributes by qualified name), ``returns`` (functions), ``param`` (``qual#index`` or
    ``qual#name``), ``fixture`` (pytest fixture names). Only ever grows."""

    def __init__(self) -> None:
        self._by_last: dict[str, dict[str, dict[str, Client]]] = {t: {} for t in TABLES}
        self.added: list[tuple[str, str]] = []

    def add(self, table: str, key: str, client: Client) -> None:
        bucket = self._by_last[table].setdefault(_last(key), {})
        if key not in bucket:
            bucket[key] = client
            self.added.append((table, key))

    def get(self, table: str, key: str) -> Client | None:
        bucket = self._by_last[table].get(_last(key))
        if not bucket:
            return None
        found = bucket.get(key)
        if found is not None:
            return found
        for other, client in bucket.items():
            if same_name(other, key):
                return client
        return None

    def fixture(self, module: str, package: str, name: str) -> Client | None:
        """The client fixture ``name`` gives a test of ``module``, as pytest looks it up: the
        module's own fixture, else the ``conftest.py`` nearest above it. A fixture of another
        test module is not visible (moto's tests define ``client`` in hundreds of them)."""
        bucket = self._by_last["fixture"].get(name)
        if not bucket:
            return None
        found = bucket.get(f"{module}.{name}")
        while found is None:
            found = bucket.get(f"{package}.conftest.{name}" if package else f"conftest.{name}")
            if not package:
                break
            package = package.rpartition(".")[0]
        return found


# ----- scopes ---------------------------------------------------------------------------------


class Scope:
    __slots__ = (
        "cls",
        "deferred",
        "fixture",
        "global_names",
        "is_class",
        "module",
        "parent",
        "qual",
        "returns",
        "vars",
    )

    def __init__(
        self,
        parent: Scope | None,
        qual: str,
        *,
        cls: str | None = None,
        is_class: bool = False,
        fixture: str | None = None,
    ) -> None:
        self.parent = parent
        self.module: Scope = parent.module if parent is not None else self
        self.qual = qual
        self.cls = cls  # the class whose method this scope is
        self.is_class = is_class
        self.fixture = fixture  # the fixture name, if this function is a pytest fixture
        self.vars: dict[str, Any] = {}
        self.global_names: set[str] = set()
        self.returns: list[Any] = []
        # Function bodies to read when this scope ends: (node, scope they close over, qual, cls)
        self.deferred: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope, str, str | None]]
        self.deferred = []

    def lookup(self, name: str) -> Any:
        scope: Scope | None = self
        if name in self.global_names:
            scope = self.module
        while scope is not None:
            found = scope.vars.get(name, scope)
            if found is not scope:
                return found
            scope = scope.parent
        return None

    def bind(self, name: str, value: Any) -> None:
        if name in self.global_names:
            # Set when the function runs, if it ever does: a client it sets is one (the lazy
            # ``global _client`` pattern), a value it sets does not unmake a client.
            if value is not None or name not in self.module.vars:
                self.module.vars[name] = value
        else:
            self.vars[name] = value


def _function_scope(scope: Scope) -> Scope:
    """Where names of a class body's methods are looked up: not the class body itself."""
    while scope.is_class and scope.parent is not None:
        scope = scope.parent
    return scope


# ----- literals -------------------------------------------------------------------------------

_NOT_LITERAL = object()


def literal(node: ast.expr) -> Any:
    """The value of an expression made of literals only (what YAML can hold), or _NOT_LITERAL."""
    kind = type(node)
    if kind is ast.Constant:
        value = node.value  # type: ignore[attr-defined]
        return value if isinstance(value, LITERALS) else _NOT_LITERAL
    if kind is ast.Dict:
        out: dict[str, Any] = {}
        for key, item in zip(node.keys, node.values, strict=True):  # type: ignore[attr-defined]
            if not (type(key) is ast.Constant and isinstance(key.value, str)):
                return _NOT_LITERAL
            value = literal(item)
            if value is _NOT_LITERAL:
                return _NOT_LITERAL
            out[key.value] = value
        return out
    if kind in (ast.List, ast.Tuple):
        items = [literal(e) for e in node.elts]  # type: ignore[attr-defined]
        return _NOT_LITERAL if any(i is _NOT_LITERAL for i in items) else items
    if kind is ast.UnaryOp and type(node.op) is ast.USub:  # type: ignore[attr-defined]
        value = literal(node.operand)  # type: ignore[attr-defined]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value
    return _NOT_LITERAL


def _string(value: Any) -> str | None:
    """A string literal: an ``ast.Constant`` (as expressions evaluate to) holding a str."""
    if type(value) is ast.Constant and isinstance(value.value, str):
        return value.value
    return None


# ----- the module reader ----------------------------------------------------------------------


class ModuleReader:
    """Reads one module: :meth:`run` returns its calls and unresolved sites; facts it learns go
    to the shared :class:`Facts`, and the facts it missed to ``misses``."""

    def __init__(
        self, file: str, module: str, package: str, facts: Facts, project: frozenset[str]
    ) -> None:
        self.file = file
        self.module = module
        self.package = package  # for relative imports
        self.facts = facts
        self.project = project  # top-level names that are the project's own modules
        self._known_roots = project | EXTERNAL_ROOTS  # modules whose ``client`` is not guessed
        self.calls: list[_Building] = []
        self.unresolved: list[Unresolved] = []
        self.misses: set[tuple[str, str]] = set()
        self._expr: dict[type, Any] = {
            ast.Name: self._name,
            ast.Constant: _constant,
            ast.Attribute: self._attribute,
            ast.Call: self._call,
            ast.Subscript: self._subscript,
            ast.Await: self._await,
            ast.BoolOp: self._boolop,
            ast.IfExp: self._ifexp,
            ast.Dict: self._dict,
            ast.Tuple: self._tuple,
            ast.Lambda: self._lambda,
            ast.ListComp: self._comprehension,
            ast.SetComp: self._comprehension,
            ast.GeneratorExp: self._comprehension,
            ast.DictComp: self._comprehension,
            ast.NamedExpr: self._namedexpr,
            ast.Yield: self._yield,
            ast.YieldFrom: self._yield,
        }
        self._stmt: dict[type, Any] = {
            ast.Expr: self._expr_stmt,
            ast.Assign: self._assign,
            ast.AnnAssign: self._annassign,
            ast.AugAssign: self._augassign,
            ast.Return: self._return,
            ast.If: self._if,
            ast.For: self._for,
            ast.AsyncFor: self._for,
            ast.While: self._while,
            ast.With: self._with,
            ast.AsyncWith: self._with,
            ast.Try: self._try,
            ast.FunctionDef: self._def,
            ast.AsyncFunctionDef: self._def,
            ast.ClassDef: self._class,
            ast.Import: self._import,
            ast.ImportFrom: self._import_from,
            ast.Global: self._global,
            ast.Nonlocal: self._global,
            ast.Pass: _nothing,
            ast.Break: _nothing,
            ast.Continue: _nothing,
        }
        try_star = getattr(ast, "TryStar", None)
        if try_star is not None:
            self._stmt[try_star] = self._try

    # ----- entry

    def run(self, tree: ast.Module) -> tuple[list[Call], list[Unresolved]]:
        scope = Scope(None, self.module)
        self.block(tree.body, scope)
        self._flush(scope)
        for name, value in scope.vars.items():
            if type(value) is Client and value.service is not None:
                self.facts.add("value", f"{self.module}.{name}", value)
        calls = [
            b.call._replace(response=tuple(dict.fromkeys(b.reads))) if b.reads else b.call
            for b in self.calls
        ]
        return calls, self.unresolved

    def _flush(self, scope: Scope) -> None:
        while scope.deferred:
            node, parent, qual, cls = scope.deferred.pop(0)
            self._function(node, parent, qual, cls)

    def _miss(self, table: str, key: str) -> None:
        self.misses.add((table, key))

    def _unresolved(self, line: int, reason: str) -> None:
        self.unresolved.append(Unresolved(self.file, line, reason))

    # ----- statements

    def block(self, body: Iterable[ast.stmt], scope: Scope) -> None:
        handlers = self._stmt
        for stmt in body:
            handler = handlers.get(type(stmt))
            if handler is None:
                self._generic(stmt, scope)
            else:
                handler(stmt, scope)

    def _generic(self, node: ast.AST, scope: Scope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self.block((child,), scope)
            elif isinstance(child, ast.expr):
                self.ev(child, scope)
            elif isinstance(child, (ast.match_case, ast.ExceptHandler, ast.keyword)):
                self._generic(child, scope)

    def _expr_stmt(self, node: ast.Expr, scope: Scope) -> None:
        self.ev(node.value, scope)

    def _assign(self, node: ast.Assign, scope: Scope) -> None:
        target = node.targets[0]
        if len(node.targets) == 1 and type(target) is ast.Subscript:
            owner = self.ev(target.value, scope)
            if type(owner) is DictValue:  # d["Key"] = ...: a member of a dict built here
                key = _string(self.ev(target.slice, scope))
                self._dict_item(owner, key, node.value, scope)
                return
        value = self.ev(node.value, scope)
        for target in node.targets:
            self._bind(target, value, scope)

    def _annassign(self, node: ast.AnnAssign, scope: Scope) -> None:
        value = self.ev(node.value, scope) if node.value is not None else None
        if value is None:
            value = self._annotated(node.annotation, scope)
        if node.value is not None or value is not None:
            self._bind(node.target, value, scope)

    def _augassign(self, node: ast.AugAssign, scope: Scope) -> None:
        self.ev(node.value, scope)
        if type(node.target) is ast.Name:
            scope.bind(node.target.id, None)
        else:
            self.ev(node.target, scope)

    def _return(self, node: ast.Return, scope: Scope) -> None:
        if node.value is not None:
            scope.returns.append(self.ev(node.value, scope))

    def _if(self, node: ast.If, scope: Scope) -> None:
        self.ev(node.test, scope)
        if not node.orelse:
            before = dict(scope.vars)
            self.block(node.body, scope)
            _merge(scope.vars, before)
            return
        before = dict(scope.vars)
        self.block(node.body, scope)
        after_body = scope.vars
        scope.vars = before
        self.block(node.orelse, scope)
        _merge(scope.vars, after_body)

    def _for(self, node: ast.For | ast.AsyncFor, scope: Scope) -> None:
        iterated = self.ev(node.iter, scope)
        self._bind(node.target, self._element(iterated, node.iter.lineno), scope)
        self.block(node.body, scope)
        self.block(node.orelse, scope)

    def _while(self, node: ast.While, scope: Scope) -> None:
        self.ev(node.test, scope)
        self.block(node.body, scope)
        self.block(node.orelse, scope)

    def _with(self, node: ast.With | ast.AsyncWith, scope: Scope) -> None:
        for item in node.items:
            value = self.ev(item.context_expr, scope)
            if item.optional_vars is not None:
                # A client (or aiobotocore's context manager for one) is itself in the with.
                self._bind(item.optional_vars, value if type(value) is Client else None, scope)
        self.block(node.body, scope)

    def _try(self, node: ast.Try, scope: Scope) -> None:
        self.block(node.body, scope)
        for handler in node.handlers:
            if handler.type is not None:
                self.ev(handler.type, scope)
            if handler.name:
                scope.bind(handler.name, None)
            self.block(handler.body, scope)
        self.block(node.orelse, scope)
        self.block(node.finalbody, scope)

    def _global(self, node: ast.Global | ast.Nonlocal, scope: Scope) -> None:
        if type(node) is ast.Global:
            scope.global_names.update(node.names)

    def _import(self, node: ast.Import, scope: Scope) -> None:
        for alias in node.names:
            if alias.asname:
                scope.bind(alias.asname, Qual(alias.name))
            else:
                top = alias.name.partition(".")[0]
                scope.bind(top, Qual(top))

    def _import_from(self, node: ast.ImportFrom, scope: Scope) -> None:
        module = node.module or ""
        if node.level:
            parts = self.package.split(".") if self.package else []
            parts = parts[: len(parts) - node.level + 1] if node.level > 1 else parts
            module = ".".join([*parts, module] if module else parts)
        for alias in node.names:
            if alias.name != "*":
                name = f"{module}.{alias.name}" if module else alias.name
                scope.bind(alias.asname or alias.name, Qual(name))

    def _def(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> None:
        for decorator in node.decorator_list:
            self.ev(decorator, scope)
        args = node.args
        for default in (*args.defaults, *(d for d in args.kw_defaults if d is not None)):
            self.ev(default, scope)
        qual = f"{scope.qual}.{node.name}"
        cls = scope.qual if scope.is_class else None
        scope.bind(node.name, Func(qual))
        owner = _function_scope(scope)
        owner.deferred.append((node, owner, qual, cls))

    def _class(self, node: ast.ClassDef, scope: Scope) -> None:
        for expr in (*node.decorator_list, *node.bases):
            self.ev(expr, scope)
        qual = f"{scope.qual}.{node.name}"
        body = Scope(_function_scope(scope), qual, is_class=True)
        self.block(node.body, body)
        for name, value in body.vars.items():
            if type(value) is Client and value.service is not None:
                self.facts.add("value", f"{qual}.{name}", value)
        scope.bind(node.name, ClassRef(qual))

    def _function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        parent: Scope,
        qual: str,
        cls: str | None,
    ) -> None:
        fixture = _fixture_name(node)
        scope = Scope(parent, qual, cls=cls, fixture=fixture)
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        static = any(_decorator_name(d) == "staticmethod" for d in node.decorator_list)
        method = cls is not None and not static and bool(positional)
        test = fixture is not None or node.name.startswith("test")
        with_default = len(positional) - len(args.defaults)
        for index, arg in enumerate(positional):
            if method and index == 0:
                scope.vars[arg.arg] = SelfRef(cls) if cls else None
                continue
            slot = index - 1 if method else index
            scope.vars[arg.arg] = self._parameter(
                arg, qual, (str(slot), arg.arg), scope, test and index < with_default
            )
        for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            scope.vars[arg.arg] = self._parameter(
                arg, qual, (arg.arg,), scope, test and default is None
            )
        if args.vararg is not None:
            scope.vars[args.vararg.arg] = None
        if args.kwarg is not None:
            scope.vars[args.kwarg.arg] = KwargsParam(args.kwarg.arg)
        if node.returns is not None:
            annotated = self._annotated(node.returns, parent)
            if annotated is not None:
                self.facts.add("returns", qual, annotated)
        self.block(node.body, scope)
        for value in scope.returns:
            if type(value) is Client and value.service is not None:
                self.facts.add("returns", qual, value)
                if fixture is not None:
                    self.facts.add("fixture", f"{self.module}.{fixture}", value)
        self._flush(scope)

    def _parameter(
        self, arg: ast.arg, qual: str, slots: tuple[str, ...], scope: Scope, fixture: bool
    ) -> Any:
        if arg.annotation is not None:
            annotated = self._annotated(arg.annotation, scope)
            if annotated is not None:
                return annotated
        for slot in slots:
            key = f"{qual}#{slot}"
            found = self.facts.get("param", key)
            if found is not None:
                return found
            self._miss("param", key)
        if fixture:
            found = self.facts.fixture(self.module, self.package, arg.arg)
            if found is not None:
                return found
            self._miss("fixture", arg.arg)
        return None

    def _annotated(self, annotation: ast.expr, scope: Scope) -> Client | None:
        """A client from a stub annotation: ``S3Client``, ``"S3Client"``, ``S3Client | None``."""
        kind = type(annotation)
        if kind is ast.Constant and isinstance(annotation.value, str):  # type: ignore[attr-defined]
            try:
                annotation = ast.parse(annotation.value, mode="eval").body  # type: ignore[attr-defined]
            except SyntaxError:
                return None
            kind = type(annotation)
        if kind is ast.BinOp:
            return self._annotated(annotation.left, scope) or self._annotated(  # type: ignore[attr-defined]
                annotation.right,  # type: ignore[attr-defined]
                scope,
            )
        if kind is ast.Subscript:
            inner = annotation.slice  # type: ignore[attr-defined]
            items = inner.elts if type(inner) is ast.Tuple else [inner]
            for item in items:
                found = self._annotated(item, scope)
                if found is not None:
                    return found
            return None
        if kind is ast.Name:
            value = scope.lookup(annotation.id)  # type: ignore[attr-defined]
        elif kind is ast.Attribute:
            value = self._attribute(annotation, scope)  # type: ignore[arg-type]
        else:
            return None
        if type(value) is Qual:
            service = stub_service(value.name)
            if service is not None:
                return Client(service)
        return None

    # ----- binding

    def _bind(self, target: ast.expr, value: Any, scope: Scope) -> None:
        kind = type(target)
        if kind is ast.Name:
            scope.bind(target.id, value)  # type: ignore[attr-defined]
        elif kind is ast.Attribute:
            owner = self.ev(target.value, scope)  # type: ignore[attr-defined]
            if type(value) is Client and value.service is not None:
                if type(owner) is SelfRef:
                    self.facts.add("value", f"{owner.cls}.{target.attr}", value)  # type: ignore[attr-defined]
                elif type(owner) is ClassRef:
                    self.facts.add("value", f"{owner.qual}.{target.attr}", value)  # type: ignore[attr-defined]
        elif kind in (ast.Tuple, ast.List):
            elts = target.elts  # type: ignore[attr-defined]
            items = value.items if type(value) is Tuple else ()
            for index, element in enumerate(elts):
                self._bind(element, items[index] if len(items) == len(elts) else None, scope)
        elif kind is ast.Subscript:
            self.ev(target.value, scope)  # type: ignore[attr-defined]
            self.ev(target.slice, scope)  # type: ignore[attr-defined]
        elif kind is ast.Starred:
            self._bind(target.value, None, scope)  # type: ignore[attr-defined]

    def _dict_item(self, into: DictValue, key: str | None, value: ast.expr, scope: Scope) -> None:
        """``d[key] = value`` on a dict built locally: a member of the call it is unpacked into."""
        into.members += self._arg_members((key,), value, scope)
        found = literal(value)
        if key is None or found is _NOT_LITERAL:
            into.params = None
        elif into.params is not None:
            into.params[key] = found

    # ----- expressions

    def ev(self, node: ast.expr, scope: Scope) -> Any:
        handler = self._expr.get(type(node))
        if handler is not None:
            return handler(node, scope)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.ev(child, scope)
            elif type(child) is ast.comprehension or type(child) is ast.keyword:
                self._generic(child, scope)
        return None

    def _name(self, node: ast.Name, scope: Scope) -> Any:
        value = scope.lookup(node.id)
        if type(value) is Qual:
            return self._qual_value(value)
        return value

    def _qual_value(self, qual: Qual) -> Any:
        """An imported name: a client when a module of the project binds one to it."""
        if qual.name.partition(".")[0] in self.project:
            found = self.facts.get("value", qual.name)
            if found is not None:
                return found
            self._miss("value", qual.name)
        return qual

    def _attribute(self, node: ast.Attribute, scope: Scope) -> Any:
        owner = self.ev(node.value, scope)
        kind = type(owner)
        attr = node.attr
        if kind is Client or kind is Paginator or kind is Waiter or kind is Pages:
            return Method(owner, attr)
        if kind is Resp or kind is Session or kind is DictValue:
            return Method(owner, attr)
        if kind is Qual:
            return self._qual_value(Qual(f"{owner.name}.{attr}"))
        if kind is SelfRef or kind is ClassRef:
            cls = owner.cls if kind is SelfRef else owner.qual
            key = f"{cls}.{attr}"
            found = self.facts.get("value", key)
            if found is not None:
                return found
            self._miss("value", key)
            return Func(key, bound=True)
        if kind is Method and attr == "__name__" and type(owner.owner) is Client:
            return ast.Constant(owner.name)  # ClientMethod=client.get_object.__name__
        if kind is Resource:
            if attr == "meta" and not owner.meta:
                return owner._replace(meta=True)
            if attr == "client" and owner.meta:
                return Client(owner.service, "a resource of an unknown service")
        return None

    def _await(self, node: ast.Await, scope: Scope) -> Any:
        return self.ev(node.value, scope)

    def _boolop(self, node: ast.BoolOp, scope: Scope) -> Any:
        found = None
        for value in node.values:
            got = self.ev(value, scope)
            if found is None:
                found = got
        return found

    def _ifexp(self, node: ast.IfExp, scope: Scope) -> Any:
        self.ev(node.test, scope)
        body = self.ev(node.body, scope)
        other = self.ev(node.orelse, scope)
        return body if body is not None and type(body) is not ast.Constant else other

    def _tuple(self, node: ast.Tuple, scope: Scope) -> Any:
        return Tuple(tuple(self.ev(e, scope) for e in node.elts))

    def _dict(self, node: ast.Dict, scope: Scope) -> DictValue:
        built = DictValue()
        self._dict_into(built, (), node, scope)
        return built

    def _dict_into(
        self, built: DictValue, prefix: tuple[str | None, ...], node: ast.Dict, scope: Scope
    ) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:  # {**other}
                merged = self.ev(value, scope)
                self._merge_dict(built, prefix, merged, value)
                continue
            name = _string(self.ev(key, scope))
            built.members += self._arg_members((*prefix, name), value, scope)
        if not prefix:
            params = literal(node)
            built.params = params if isinstance(params, dict) else None

    def _merge_dict(
        self, built: DictValue, prefix: tuple[str | None, ...], merged: Any, node: ast.expr
    ) -> None:
        if type(merged) is DictValue:
            built.members += [m._replace(steps=(*prefix, *m.steps)) for m in merged.members]
            built.complete = built.complete and merged.complete
            if built.params is not None and merged.params is not None:
                built.params.update(merged.params)
            else:
                built.params = None
        else:
            built.complete = False
            built.params = None

    def _lambda(self, node: ast.Lambda, scope: Scope) -> Any:
        inner = Scope(_function_scope(scope), f"{scope.qual}.<lambda>")
        args = node.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            inner.vars[arg.arg] = None
        for extra in (args.vararg, args.kwarg):
            if extra is not None:
                inner.vars[extra.arg] = None
        self.ev(node.body, inner)
        return None

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp, scope: Scope
    ) -> Any:
        inner = Scope(_function_scope(scope), scope.qual)
        inner.global_names = scope.global_names
        outer = scope  # the first iterable is evaluated in the enclosing scope
        for generator in node.generators:
            iterated = self.ev(generator.iter, outer)
            self._bind(generator.target, self._element(iterated, generator.iter.lineno), inner)
            for condition in generator.ifs:
                self.ev(condition, inner)
            outer = inner
        if isinstance(node, ast.DictComp):
            self.ev(node.key, inner)
            self.ev(node.value, inner)
        else:
            self.ev(node.elt, inner)
        return None

    def _namedexpr(self, node: ast.NamedExpr, scope: Scope) -> Any:
        value = self.ev(node.value, scope)
        target = _function_scope(scope)  # a walrus in a comprehension binds outside it
        target.bind(node.target.id, value)
        scope.bind(node.target.id, value)
        return value

    def _yield(self, node: ast.Yield | ast.YieldFrom, scope: Scope) -> Any:
        if node.value is not None:
            scope.returns.append(self.ev(node.value, scope))
        return None

    def _element(self, iterated: Any, line: int) -> Any:
        """What iterating a value gives: an element of a response list, a page of a paginator."""
        kind = type(iterated)
        if kind is Resp:
            return self._read(iterated, ITEM, line)
        if kind is Pages:
            return Resp(iterated.call, ())
        return None

    def _read(self, response: Resp, step: str | None, line: int) -> Resp:
        found = Resp(response.call, (*response.steps, step))
        response.call.reads.append(Member(found.steps, line))
        return found

    def _subscript(self, node: ast.Subscript, scope: Scope) -> Any:
        owner = self.ev(node.value, scope)
        key_node = node.slice
        key = self.ev(key_node, scope)
        if type(owner) is Resp:
            if type(key) is ast.Constant:
                if isinstance(key.value, str):
                    return self._read(owner, key.value, node.lineno)
                if isinstance(key.value, int):
                    return self._read(owner, ITEM, node.lineno)
                return None
            if type(key_node) is ast.Slice:
                return owner  # a slice of a list is the same list
            return self._read(owner, None, node.lineno)
        if type(owner) is Tuple and type(key) is ast.Constant and isinstance(key.value, int):
            items = owner.items
            return items[key.value] if -len(items) <= key.value < len(items) else None
        return None

    # ----- calls

    def _call(self, node: ast.Call, scope: Scope) -> Any:
        func = self.ev(node.func, scope)
        kind = type(func)
        if kind is Method:
            return self._method_call(func, node, scope)
        if (
            type(node.func) is ast.Attribute
            and node.func.attr in SESSION_CLIENT_METHODS
            and (
                func is None
                or (kind is Qual and func.name.partition(".")[0] not in self._known_roots)
            )
        ):
            guessed = self._guessed_client(node, scope)
            if guessed is not None:
                return guessed
        if kind is Qual:
            name = func.name
            if name in CLIENT_FACTORIES:
                return self._client(node, scope)
            if name in SESSIONS:
                self._args(node, scope)
                return Session()
            if name in RESOURCE_FACTORIES:
                client = self._client(node, scope)
                return Resource(client.service)
            if name == "dict":
                return self._dict_call(node, scope)
            if name.partition(".")[0] in self.project:
                return self._project_call(name, False, node, scope)
            self._args(node, scope)
            return None
        if kind is Func:
            return self._project_call(func.qual, func.bound, node, scope)
        if kind is ClassRef:
            self._project_call(f"{func.qual}.__init__", True, node, scope)
            return SelfRef(func.qual)  # an instance: its methods and attributes are the class's
        if func is None and type(node.func) is ast.Name:
            name = node.func.id
            if name == "dict":
                return self._dict_call(node, scope)
            if name == "getattr" and len(node.args) >= 2:
                return self._getattr(node, scope)
            if name == "iter" or name == "list" or name == "sorted" or name == "reversed":
                values = self._args(node, scope)
                return values[0] if values and type(values[0]) in (Resp, Pages) else None
        self._args(node, scope)
        return None

    def _args(self, node: ast.Call, scope: Scope) -> list[Any]:
        values = [self.ev(arg, scope) for arg in node.args]
        for keyword in node.keywords:
            self.ev(keyword.value, scope)
        return values

    def _dict_call(self, node: ast.Call, scope: Scope) -> DictValue:
        built = DictValue()
        self._update_dict(built, node, scope)
        return built

    def _update_dict(self, built: DictValue, node: ast.Call, scope: Scope) -> None:
        """``dict(...)`` and ``d.update(...)``: mappings merged, keywords as members."""
        for arg in node.args:
            self._merge_dict(built, (), self.ev(arg, scope), arg)
        for keyword in node.keywords:
            if keyword.arg is None:
                self._merge_dict(built, (), self.ev(keyword.value, scope), keyword.value)
            else:
                built.members += self._arg_members((keyword.arg,), keyword.value, scope)
                value = literal(keyword.value)
                if built.params is not None and value is not _NOT_LITERAL:
                    built.params[keyword.arg] = value
                else:
                    built.params = None

    def _getattr(self, node: ast.Call, scope: Scope) -> Any:
        owner = self.ev(node.args[0], scope)
        name = _string(self.ev(node.args[1], scope))
        for extra in node.args[2:]:
            self.ev(extra, scope)
        if type(owner) is Client:
            if name is None:
                self._unresolved(node.lineno, "a client method named by an expression")
                return None
            return Method(owner, name)
        return None

    def _service_name(self, node: ast.Call, scope: Scope) -> tuple[str | None, str]:
        argument: ast.expr | None = node.args[0] if node.args else None
        for keyword in node.keywords:
            if keyword.arg == "service_name":
                argument = keyword.value
        values = self._args(node, scope)
        if argument is None:
            return None, "a client without a service name"
        value = values[0] if node.args and argument is node.args[0] else self.ev(argument, scope)
        name = _string(value)
        if name is None:
            return None, f"the service name is an expression ({ast.unparse(argument)[:60]})"
        return name, ""

    def _guessed_client(self, node: ast.Call, scope: Scope) -> Client | None:
        """``x.client("s3")`` or ``x.create_client("s3")`` where nothing says what ``x`` is (a
        session handed in, ``self._session``): a client when the service is a literal."""
        argument = node.args[0] if node.args else None
        for keyword in node.keywords:
            if keyword.arg == "service_name":
                argument = keyword.value
        if type(argument) is not ast.Constant and type(argument) is not ast.Name:
            return None
        service = _string(self.ev(argument, scope))
        if service is None:
            return None
        self._args(node, scope)
        return Client(service, guessed=True)

    def _client(self, node: ast.Call, scope: Scope) -> Client:
        service, reason = self._service_name(node, scope)
        if service is None:
            self._unresolved(node.lineno, f"client of an unknown service: {reason}")
        return Client(service, reason)

    def _project_call(self, qual: str, bound: bool, node: ast.Call, scope: Scope) -> Any:
        """A call of a function of the project: clients passed to it reach its parameters, and
        what it returns may be a client."""
        for index, arg in enumerate(node.args):
            value = self.ev(arg, scope)
            if type(value) is Client and value.service is not None:
                self.facts.add("param", f"{qual}#{index}", value)
        for keyword in node.keywords:
            value = self.ev(keyword.value, scope)
            if keyword.arg and type(value) is Client and value.service is not None:
                self.facts.add("param", f"{qual}#{keyword.arg}", value)
        found = self.facts.get("returns", qual)
        if found is None:
            self._miss("returns", qual)
        return found

    def _method_call(self, method: Method, node: ast.Call, scope: Scope) -> Any:
        owner, name = method
        kind = type(owner)
        if kind is Client:
            return self._client_method(owner, name, node, scope)
        if kind is Session:
            if name in SESSION_CLIENT_METHODS:
                return self._client(node, scope)
            if name == "resource":
                return Resource(self._client(node, scope).service)
        elif kind is Paginator and name == "paginate":
            building = self._operation_call(
                owner.client,
                f'get_paginator("{owner.name}").paginate',
                "paginator",
                owner.name,
                node,
                scope,
            )
            return Pages(building) if building is not None else None
        elif kind is Pages and name == "build_full_result":
            return Resp(owner.call, ())
        elif kind is Waiter and name == "wait":
            self._operation_call(
                owner.client, f'get_waiter("{owner.name}").wait', "waiter", owner.name, node, scope
            )
            return None
        elif kind is Resp and name == "get" and node.args:
            values = self._args(node, scope)
            key = values[0]
            if type(key) is ast.Constant and isinstance(key.value, str):
                return self._read(owner, key.value, node.lineno)
            return self._read(owner, None, node.lineno)
        elif kind is DictValue:
            return self._dict_method(owner, name, node, scope)
        self._args(node, scope)
        return None

    def _dict_method(self, owner: DictValue, name: str, node: ast.Call, scope: Scope) -> Any:
        if name == "update":
            self._update_dict(owner, node, scope)
            return None
        if name == "setdefault" and len(node.args) == 2:
            key = _string(self.ev(node.args[0], scope))
            self._dict_item(owner, key, node.args[1], scope)
            return None
        self._args(node, scope)
        return None

    def _client_method(self, client: Client, name: str, node: ast.Call, scope: Scope) -> Any:
        if name in ("get_paginator", "get_waiter"):
            values = self._args(node, scope)
            label = _string(values[0]) if values else None
            if label is None:
                what = "paginator" if name == "get_paginator" else "waiter"
                self._unresolved(node.lineno, f"a {what} named by an expression")
                return None
            if client.service is None:
                self._unresolved(node.lineno, f"{label} on a client of an unknown service")
                return None
            return (Paginator if name == "get_paginator" else Waiter)(client, label)
        if name in NOT_OPERATIONS or name.startswith("_"):
            self._args(node, scope)
            return None
        if name in HELPERS and (HELPERS[name].service in (None, client.service)):
            self._helper_call(client, name, node, scope)
            return None
        building = self._operation_call(client, name, "call", name, node, scope)
        return Resp(building, ()) if building is not None else None

    def _operation_call(
        self, client: Client, method: str, kind: str, name: str, node: ast.Call, scope: Scope
    ) -> _Building | None:
        if client.service is None:
            self._args(node, scope)
            self._unresolved(node.lineno, f"{method}() on a client of an unknown service")
            return None
        if client.guessed and node.args:  # botocore's clients take keywords only: not one
            self._args(node, scope)
            return None
        request: list[Member] = []
        params: dict[str, Any] | None = {}
        if node.args:
            self._args(node, scope)
            self._unresolved(
                node.lineno, f"{method}() with positional arguments (clients take keywords only)"
            )
            params = None
        for keyword in node.keywords:
            if keyword.arg is None:
                merged = self.ev(keyword.value, scope)
                params = self._unpacked(merged, keyword.value, request, params, method)
                continue
            if kind != "call" and keyword.arg in ("PaginationConfig", "WaiterConfig"):
                self.ev(keyword.value, scope)
                continue
            request += self._arg_members((keyword.arg,), keyword.value, scope)
            if params is not None:
                value = literal(keyword.value)
                if value is _NOT_LITERAL:
                    params = None
                else:
                    params[keyword.arg] = value
        building = _Building(
            Call(
                self.file,
                node.lineno,
                client.service,
                method,
                kind,
                name,
                tuple(dict.fromkeys(request)),
                (),
                params,
                client.guessed,
            )
        )
        self.calls.append(building)
        return building

    def _unpacked(
        self,
        merged: Any,
        node: ast.expr,
        request: list[Member],
        params: dict[str, Any] | None,
        method: str,
    ) -> dict[str, Any] | None:
        if type(merged) is DictValue:
            request += merged.members
            if not merged.complete:
                self._unresolved(node.lineno, f"{method}(): part of **{_short(node)} is not known")
            if params is not None and merged.params is not None:
                params.update(merged.params)
                return params
            return None
        where = "a parameter" if type(merged) is KwargsParam else "elsewhere"
        self._unresolved(node.lineno, f"{method}(**{_short(node)}): members from {where}")
        return None

    def _helper_call(self, client: Client, name: str, node: ast.Call, scope: Scope) -> None:
        helper = HELPERS[name]
        if client.service is None:
            self._args(node, scope)
            self._unresolved(node.lineno, f"{name}() on a client of an unknown service")
            return
        given: dict[str, ast.expr] = dict(zip(helper.parameters, node.args, strict=False))
        for keyword in node.keywords:
            if keyword.arg is not None:
                given[keyword.arg] = keyword.value
            else:
                self.ev(keyword.value, scope)
                self._unresolved(node.lineno, f"{name}(**{_short(keyword.value)}): not followed")
        request: list[Member] = []
        operation = ""
        for parameter, value in given.items():
            if parameter in helper.members:
                request += self._arg_members((parameter,), value, scope)
            elif parameter == helper.extra_args:
                extra = self.ev(value, scope)
                if type(extra) is DictValue:
                    request += extra.members
                elif not (type(extra) is ast.Constant and extra.value is None):
                    self._unresolved(value.lineno, f"{name}({parameter}=...): not followed")
            elif parameter == "ClientMethod":
                operation = _string(self.ev(value, scope)) or ""
                if not operation:
                    self._unresolved(value.lineno, f"{name}(): ClientMethod is an expression")
            else:
                self.ev(value, scope)
        if name == "generate_presigned_url" and not operation:
            return
        self.calls.append(
            _Building(
                Call(
                    self.file,
                    node.lineno,
                    client.service or "",
                    name,
                    "helper",
                    operation or name,
                    tuple(dict.fromkeys(request)),
                    (),
                    None,
                    client.guessed,
                )
            )
        )

    def _arg_members(
        self, steps: tuple[str | None, ...], node: ast.expr, scope: Scope
    ) -> list[Member]:
        """The request members an argument passes: itself, and the keys of dicts written in it."""
        kind = type(node)
        if kind is ast.Dict:
            found = [Member(steps, node.lineno)]
            for key, value in zip(node.keys, node.values, strict=True):  # type: ignore[attr-defined]
                if key is None:
                    merged = self.ev(value, scope)
                    if type(merged) is DictValue:
                        found += [m._replace(steps=(*steps, *m.steps)) for m in merged.members]
                    continue
                found += self._arg_members((*steps, _string(self.ev(key, scope))), value, scope)
            return found
        if kind is ast.List or kind is ast.Tuple:
            found = [Member(steps, node.lineno)]
            for element in node.elts:  # type: ignore[attr-defined]
                found += self._arg_members((*steps, ITEM), element, scope)
            return found
        if kind is ast.Constant:
            value = node.value  # type: ignore[attr-defined]
            if isinstance(value, LITERALS):
                return [Member(steps, node.lineno, True, value)]
            return [Member(steps, node.lineno)]
        value = self.ev(node, scope)
        if type(value) is DictValue:
            return [Member(steps, node.lineno)] + [
                m._replace(steps=(*steps, *m.steps)) for m in value.members
            ]
        if type(value) is ast.Constant and isinstance(value.value, LITERALS):
            return [Member(steps, node.lineno, True, value.value)]
        return [Member(steps, node.lineno)]


def _constant(node: ast.Constant, scope: Scope) -> ast.Constant:
    return node


def _nothing(node: ast.stmt, scope: Scope) -> None:
    return None


def _short(node: ast.expr) -> str:
    return ast.unparse(node)[:60]


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    """After an ``if``: a name that may hold a client on either branch is kept as one."""
    for name, value in other.items():
        if into.get(name) is None and value is not None:
            into[name] = value


def _decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _fixture_name(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name a pytest fixture is requested by, if the function is one."""
    for decorator in node.decorator_list:
        if _decorator_name(decorator) == "fixture":
            if type(decorator) is ast.Call:
                for keyword in decorator.keywords:
                    if keyword.arg == "name":
                        name = _string(keyword.value)
                        if name:
                            return name
            return node.name
    return None
