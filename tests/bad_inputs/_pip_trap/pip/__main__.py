"""``python -m pip`` under the bad-input corpus: record the arguments, say so, fail."""

import os
import sys

log = os.environ.get("BOTOCONTRACT_TEST_PIP_TRAP")
if log:
    with open(log, "a", encoding="utf-8") as out:
        out.write(" ".join(sys.argv[1:]) + "\n")
print("pip trap: pip was run with " + " ".join(sys.argv[1:]), file=sys.stderr)
sys.exit(1)
