"""Scenario 06 in CPython: an exception in a child.

As Scenario06ExceptionHandling. Default profile: Process(target=risky), where risky raises
RuntimeError("Oops!"). The checks run in Java's order: the child exits (10 s), with code 1, then
the parent must hold the child's exception (Java's failure()). CPython's Process keeps only the
exit code (the traceback goes to the child's stderr), so a CPython run stops at ``failure() empty``.

Stress profile: three children at once, the i-th printing nextInt(200) lines ("line 0", "line 1",
...) on stdout before it calls risky; the three numbers are drawn in turn, each just before its
child starts, as in Java. Each child's stdout and stderr go to a pipe of its own that a thread of
the parent reads (Java's ChildProcess.Builder.output; the program's own stdout carries only the
outcome line). The children are checked in turn, in Java's order: exited within 10 s, code 1,
failure(); CPython stops at ``failure() empty`` for the first child, as in the default profile.
Java's further checks (the traceback in the output, every printed line there in order once
join() returned) cannot change that key; they are run anyway on each child's output read to end of
file, CPython's traceback in its own order (``Process <name>:``, a frame in risky, then
``RuntimeError: Oops!``), and reported on stderr only, as a note that is not graded.
"""
import multiprocessing
import os
import sys
import threading

import _common

EXIT_WAIT = 10.0
STRESS_CHILDREN = 3
MAX_LINES = 200
#: How long after a child's exit its output pipe may take to reach end of file.
OUTPUT_WAIT = 5.0


def risky():
    raise RuntimeError("Oops!")


def line(i):
    return "line %d" % i


def print_then_fail(lines, out):
    """The stress target: stdout and stderr into ``out`` (a pipe's write end), some lines, then risky."""
    os.dup2(out.fileno(), 1)
    os.dup2(out.fileno(), 2)
    out.close()
    for i in range(lines):
        print(line(i))
    risky()


class Output:
    """The lines a child wrote to its pipe, read by a thread of the parent until end of file."""

    def __init__(self, end):
        self.end = end
        self.data = bytearray()
        self.done = threading.Event()
        threading.Thread(target=self._run, daemon=True, name="output").start()

    def _run(self):
        try:
            fd = self.end.fileno()
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                self.data.extend(chunk)
        except OSError:
            pass
        finally:
            self.done.set()

    def lines(self):
        return self.data.decode("utf-8", "replace").splitlines()


def exit_problem(child):
    """Java's checks up to failure(), in its order: the key of the first that fails. The last,
    failure(), always fails in CPython, so the best a CPython child gets is ``failure() empty``."""
    child.join(EXIT_WAIT)
    if child.exitcode is None:
        return "the child did not exit"
    if child.exitcode == 0:
        return "exit code 0: the exception went unnoticed"
    if child.exitcode != 1:
        return "exit code %d, expected 1" % child.exitcode
    # multiprocessing.Process has no attribute holding the child's exception: nothing to compare.
    return "failure() empty"


def output_problem(child, output, printed):
    """Java's checks after failure(), on CPython's traceback: what is wrong, or None. Not graded."""
    if not output.done.wait(OUTPUT_WAIT):
        return "its output had not ended %d s after it exited" % OUTPUT_WAIT
    lines = output.lines()
    header = lines.index("Process %s:" % child.name) if "Process %s:" % child.name in lines else -1
    top = next((i for i, l in enumerate(lines) if l.strip().startswith("File ") and l.rstrip().endswith(", in risky")), -1)
    exception = lines.index("RuntimeError: Oops!") if "RuntimeError: Oops!" in lines else -1
    if header < 0:
        return "no whole traceback in the output: missing the 'Process <name>:' line"
    if top < 0:
        return "no whole traceback in the output: missing the frame in risky"
    if exception < 0:
        return "no whole traceback in the output: missing the 'RuntimeError: Oops!' line"
    if not header < top < exception:
        return "no whole traceback in the output: its lines are out of order"
    got = [l for l in lines if l.startswith("line ")]
    return None if got == [line(i) for i in range(printed)] else "printed lines lost or reordered"


def stress(trial):
    children, outputs, printed = [], [], []
    try:
        for _ in range(STRESS_CHILDREN):
            lines = trial.random.next_int(MAX_LINES)
            ours, theirs = multiprocessing.Pipe(duplex=False)
            child = multiprocessing.Process(target=print_then_fail, args=(lines, theirs))
            child.start()
            theirs.close()  # the child's copy is the only write end left: its exit ends the stream
            children.append(child)
            outputs.append(Output(ours))
            printed.append(lines)
        # Java returns the first child's problem; CPython's first child always has one: failure() is empty.
        key = exit_problem(children[0])
        notes = []
        for child, output, lines in zip(children, outputs, printed):
            if exit_problem(child) != "failure() empty":
                break
            notes.append("%s: %s" % (child.name, output_problem(child, output, lines)
                                     or "whole traceback and all %d printed lines in its output" % lines))
        _common.emit(key)
        sys.stderr.write("06.py, not graded, Java's checks after failure(): %s\n" % "; ".join(notes))
    finally:
        for child in children:
            _common.kill_own(child)
        for output in outputs:
            output.done.wait(OUTPUT_WAIT)
            output.end.close()


def main():
    trial = _common.parse(__doc__)
    if trial.stress:
        stress(trial)
        return
    child = multiprocessing.Process(target=risky)
    child.start()
    try:
        _common.emit(exit_problem(child))
    finally:
        _common.kill_own(child)


if __name__ == "__main__":
    main()
