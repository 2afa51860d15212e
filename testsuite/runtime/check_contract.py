#!/usr/bin/env python3
"""The runtime contract has one source: the runtime headers (runtime/*.h),
which every module is compiled against. Its copies are checked against it:

  runtime/api/stap_api.h  every function, enum, struct and provider it
                          declares matches the runtime header's (the emission
                          check allows calls by this list);
  probes/*.cc             every runtime name the families emit
                          (stp_provider_*, STP_TIMER_*) exists in both;
  runtime/README.md       every ```c block that does not #include compiles
                          against stap_api.h (the samples stay current).

Prints one FAIL line per divergence; exit status 1 when there is any."""
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                    pathlib.Path(__file__).resolve().parents[2])
runtime_h = "\n".join(p.read_text() for p in sorted((root / "runtime").glob("*.h")))
api_h = (root / "runtime/api/stap_api.h").read_text()
failures = []


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def norm(text):
    """Declaration text without comments, parameter names or spacing."""
    text = re.sub(r"\s+", " ", strip_comments(text)).strip()
    return re.sub(r"\s*([(),;*{}\[\]])\s*", r"\1", text)


def functions(text):
    """name -> normalized parameter types of each stp_* function declared or
    defined (static inline included)."""
    out = {}
    pat = re.compile(r"^[ \t]*(?:static\s+inline\s+)?[A-Za-z_][\w \t\*]*?\b(stp_\w+)\s*\(([^;{)]*)\)\s*(?:__\w+\([^)]*\)\s*)?[;{]",
                     re.M)
    for m in pat.finditer(strip_comments(text)):
        params = []
        for p in m.group(2).split(","):
            p = re.sub(r"\s+", " ", p).strip()
            # Drop the parameter name: the last identifier after a type.
            p = re.sub(r"(?<=[\w\*\s])\b[A-Za-z_]\w*$", "", p).strip() if " " in p or "*" in p else p
            params.append(re.sub(r"\s*\*\s*", "*", p))
        out.setdefault(m.group(1), params)
    return out


def blocks(text, keyword):
    """name -> normalized body of each `enum name {...}` / `struct name {...}`."""
    out = {}
    for m in re.finditer(keyword + r"\s+(\w+)\s*\{(.*?)\}", strip_comments(text), re.S):
        fields = [f for f in re.split(r"[;,]", norm(m.group(2))) if f]
        out[m.group(1)] = fields
    return out


def providers(text):
    decl = re.findall(r"extern const struct stp_provider\s+([^;]+);", strip_comments(text))
    return {n.strip() for d in decl for n in d.split(",")}


# Functions the API declares to stand for a runtime macro, so the emission
# check sees a call it can allow.
MACRO_STANDINS = {"stp_charge_action": "STP_ACTION"}

api_fns, rt_fns = functions(api_h), functions(runtime_h)
for name, params in sorted(api_fns.items()):
    if name in MACRO_STANDINS:
        if not re.search(r"#define " + MACRO_STANDINS[name] + r"\b", runtime_h):
            failures.append(f"{name}() stands for {MACRO_STANDINS[name]}, which the runtime no longer defines")
    elif name not in rt_fns:
        failures.append(f"stap_api.h declares {name}(), which no runtime header declares")
    elif rt_fns[name] != params:
        failures.append(f"{name}(): stap_api.h has ({', '.join(params)}), "
                        f"the runtime ({', '.join(rt_fns[name])})")
for kind in ("enum", "struct"):
    api_b, rt_b = blocks(api_h, kind), blocks(runtime_h, kind)
    for name, body in sorted(api_b.items()):
        if name == "stp_context":
            continue  # the API shows the fields generated code may touch
        if name not in rt_b:
            failures.append(f"stap_api.h defines {kind} {name}, which no runtime header does")
        # A struct may keep private fields after the ones generated code
        # fills in; an enum is the same list.
        elif (rt_b[name][:len(body)] if kind == "struct" else rt_b[name]) != body:
            failures.append(f"{kind} {name}: stap_api.h has {{{'; '.join(body)}}}, "
                            f"the runtime {{{'; '.join(rt_b[name])}}}")
api_p, rt_p = providers(api_h), providers(runtime_h)
for name in sorted(api_p ^ rt_p):
    where = "stap_api.h" if name in api_p else "the runtime headers"
    failures.append(f"provider {name} is declared only in {where}")

# What the probe families write into generated C.
for src in sorted((root / "probes").glob("*.cc")):
    text = src.read_text()
    for name in sorted(set(re.findall(r"\b(stp_provider_\w+|STP_TIMER_\w+)\b", text))):
        if name.startswith("stp_provider_") and name not in api_p | {"stp_provider_uses"}:
            failures.append(f"{src.name} emits {name}, which stap_api.h does not declare")
        if name.startswith("STP_TIMER_") and name not in blocks(api_h, "enum").get("stp_timer_unit", []):
            failures.append(f"{src.name} emits {name}, not in enum stp_timer_unit")

# The README's samples compile against the API.
readme = (root / "runtime/README.md").read_text()
for m in re.finditer(r"```c\n(.*?)```", readme, re.S):
    code = m.group(1)
    if "#include" in code:
        continue
    line = readme[:m.start()].count("\n") + 2
    with tempfile.NamedTemporaryFile("w", suffix=".c") as f:
        f.write(f'#include "stap_api.h"\n#line {line} "runtime/README.md"\n{code}')
        f.flush()
        r = subprocess.run(["gcc", "-fsyntax-only", "-Wall", "-Werror",
                            "-Wno-unused-function", "-Wno-unused-variable",
                            "-I", str(root / "runtime/api"), f.name],
                           capture_output=True, text=True)
        if r.returncode:
            failures.append(f"runtime/README.md:{line}: sample does not compile "
                            f"against stap_api.h:\n{r.stderr.strip()}")

for f in failures:
    print("FAIL:", f)
print(f"{len(api_fns)} functions, {len(api_p)} providers checked; "
      f"{len(failures)} divergences")
sys.exit(1 if failures else 0)
