"""The generators of this folder build testsuite/process/loop.c and its
library into the directory run_tests.py gives them (argv[1])."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_loop import build  # noqa: E402


def programs():
    return build(pathlib.Path(sys.argv[1]) / "bin")
