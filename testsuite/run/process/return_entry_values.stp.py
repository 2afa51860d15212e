# process("PATH").function("F").return reads parameters and @entry(expr)
# as they were at the function's entry (testsuite/process/entry.c, -O0):
# four pending frames of a recursive fact(), a struct field changed by the
# call (@cast of @entry($p) reads it after), a string, two threads inside
# pair() at once and returning at once (each return reads its own thread's
# entry values; the two handlers add to aggregates, which take the globals'
# shared lock, so neither can be skipped waiting for the other's lock when
# the VM's host is overloaded), and 3000 rounds of frames abandoned by
# longjmp() (a record leaked per round would fill the table and warn:
# stderr is empty).
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "entry")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: fact(1)=1 n*10=10
# expect-stdout: fact(2)=2 n*10=20
# expect-stdout: fact(3)=6 n*10=30
# expect-stdout: fact(4)=24 n*10=40
# expect-stdout: bump: a=3 k=5 at entry, a=8 after, returned 8 in entry
# expect-stdout: leap(-1) -> -1
# expect-stdout: pair(1) -> 100 in its own thread
# expect-stdout: pair(2) -> 200 in its own thread
global pairs, threads
probe process("{P}").function("fact").return {{
  printf("fact(%d)=%d n*10=%d\\n", $n, $return, @entry($n * 10))
}}
probe process("{P}").function("bump").return {{
  printf("bump: a=%d k=%d at entry, a=%d after, returned %d in %s\\n", $p->a,
         $k, @cast(@entry($p), "struct pair", "{P}")->a, $return,
         @entry(execname()))
}}
probe process("{P}").function("pair").return {{
  pairs[$id] <<< $return
  threads[$id] <<< (@entry(tid()) == tid() && tid() != pid())
}}
probe process("{P}").function("leap").return {{
  printf("leap(%d) -> %d\\n", $n, $return)
}}
probe end {{
  foreach (id+ in pairs)
    printf("pair(%d) -> %d%s\\n", id, @sum(pairs[id]),
           @sum(threads[id]) == 1 ? " in its own thread" : "")
}}
''')
