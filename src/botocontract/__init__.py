"""botocontract: contracts, diffs, upgrade gates and changelogs for botocore service models.

The public library surface is :mod:`botocontract.api`, one function per command of the CLI (the
same functions the CLI and the pytest plugin call), and the types named in ``__all__`` here, which
those functions take and return::

    from pathlib import Path
    from botocontract import api

    verdict = api.diff("1.37.21", "1.37.22", services=["sagemaker"])
    report = api.check("installed", Path("contracts"), Path("fixtures"))

A release is named by a spec string: ``installed``, a version (``1.37.22``), ``botocore==X``,
``boto3==X``, a lock or requirements file, ``git:REF:PATH``, a wheel, a ``botocore/data`` folder
or one ``service-2.json(.gz)``; :class:`Settings` says where wheels are
cached and whether pip may run. Every function raises a :class:`BotocontractError` subclass for bad
input (its message is one line naming the file, line or value). Every other module is internal:
its names may change in any release. (The functions stay in ``api``: several share their name
with a module of this package, ``gate`` or ``changelog`` for instance.)

Names resolve on first use, so ``import botocontract`` stays cheap for the CLI.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it ("": the name is a module itself)
_EXPORTS = {
    "api": "",
    "Settings": "api",
    "BotocontractError": "errors",
    "Severity": "rules.severity",
    "Verdict": "rules.judge",
    "Change": "rules.judge",
    "Changelog": "changelog.build",
    "CheckReport": "contracts.run",
    "SnapshotReport": "contracts.snapshot",
    "GateReport": "gate",
}

__all__ = [
    "BotocontractError",
    "Change",
    "Changelog",
    "CheckReport",
    "GateReport",
    "Settings",
    "Severity",
    "SnapshotReport",
    "Verdict",
    "__version__",
    "api",
]

if TYPE_CHECKING:
    from . import api
    from .api import Settings
    from .changelog.build import Changelog
    from .contracts.run import CheckReport
    from .contracts.snapshot import SnapshotReport
    from .errors import BotocontractError
    from .gate import GateReport
    from .rules.judge import Change, Verdict
    from .rules.severity import Severity


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'botocontract' has no attribute {name!r}")
    value = (
        import_module(f"{__name__}.{name}")
        if not module
        else getattr(import_module(f"{__name__}.{module}"), name)
    )
    globals()[name] = value  # resolved once
    return value


def __dir__() -> list[str]:
    return __all__
