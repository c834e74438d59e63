"""The pass/fail bookkeeping shared by the integration test scripts: each check prints one
line, and the script ends with 'N passed, M failed', the line CI reads."""
import sys

passed = 0
failed = 0


def check(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {why}"))
    return ok


def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
