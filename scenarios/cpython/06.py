"""Scenario 06 in CPython: an exception in a child.

As Scenario06ExceptionHandling (default profile): Process(target=risky), where risky raises
RuntimeError("Oops!"). The checks run in Java's order: the child exits (10 s), with code 1, then
the parent must hold the child's exception (Java's failure()). CPython's Process keeps only the
exit code (the traceback goes to the child's stderr), so a CPython run stops at ``failure() empty``.
"""
import multiprocessing

import _common

EXIT_WAIT = 10.0


def risky():
    raise RuntimeError("Oops!")


def main():
    _common.parse(__doc__)
    child = multiprocessing.Process(target=risky)
    child.start()
    try:
        child.join(EXIT_WAIT)
        if child.exitcode is None:
            key = "the child did not exit"
        elif child.exitcode == 0:
            key = "exit code 0: the exception went unnoticed"
        elif child.exitcode != 1:
            key = "exit code %d, expected 1" % child.exitcode
        else:
            # multiprocessing.Process has no attribute holding the child's exception: nothing to compare.
            key = "failure() empty"
        _common.emit(key)
    finally:
        _common.kill_own(child)


if __name__ == "__main__":
    main()
