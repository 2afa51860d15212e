"""Command-line cases for coloured diagnostics (issue 13): --color[=WHEN]
and --colour as stap(1) describes them, and SYSTEMTAP_COLORS with
SystemTap 4.8's reading of it (checked against Debian's stap 4.8): its
defaults, chosen keys, and values that are not SGR parameters, which turn
colour off so no other text reaches the terminal.

cli_test.py adds these to its CASES (its runner unsets SYSTEMTAP_COLORS);
`case` is its constructor."""

BAD = "probe begin { x = y + }"
WARN = "probe begin { x = 1 }"
TRY_HELP = "Try 'stap --help' for more information.\n"


def sgr(code, text):
    return f"\033[{code}m\033[K{text}\033[m\033[K"


def bad_error(error="01;31", source="00;34", token="01", caret="01"):
    """stap -p1 -e BAD's stderr in these colours ("" is plain)."""
    def paint(code, text):
        return sgr(code, text) if code else text
    return (paint(source, "<input>:1:23") + ": " +
            paint(error, "parse error:") +
            " expected an expression but found '}' [STAP1100]\n"
            "  probe begin { x = y + " + paint(token, "}") + "\n"
            "                        " + paint(caret, "^") + "\n"
            "Pass 1: parse failed.\n")


PLAIN = bad_error("", "", "", "")


def color_cases(case):
    return [
        case("color_always_default_colors", ["-p1", "--color", "-e", BAD], 1,
             stderr=bad_error()),
        case("colour_always", ["-p1", "--colour=always", "-e", BAD], 1,
             stderr=bad_error()),
        case("color_never", ["-p1", "--color=never", "-e", BAD], 1,
             stderr=PLAIN),
        # auto, given or by default, colours only a terminal: not this pipe.
        case("color_auto_pipe", ["-p1", "--color=auto", "-e", BAD], 1,
             stderr=PLAIN),
        case("color_default_pipe", ["-p1", "-e", BAD], 1, stderr=PLAIN),
        case("color_warning", ["-p2", "--color", "-e", WARN], 0,
             stderr=sgr("00;34", "<input>:1:15") + ": " +
             sgr("00;33", "warning:") +
             " eliding unused local variable 'x' [STAP2032]\n"
             "  probe begin { " + sgr("01", "x") + " = 1 }\n"
             "                " + sgr("01", "^") + "\n"),
        case("color_without_location", ["-p1", "--color", "/nonexistent/none.stp"],
             1, stderr="stap: " + sgr("01;31", "error:") +
             " cannot read script file '/nonexistent/none.stp': No such file or "
             "directory [STAP3003]\nPass 1: parse failed.\n"),
        case("color_chosen", ["-p1", "--color", "-e", BAD], 1,
             env={"SYSTEMTAP_COLORS":
                  "error=4:source=7:caret=5:token=3:warning=2"},
             stderr=bad_error("4", "7", "3", "5")),
        # Keys left out stay plain; unknown keys and bare words are skipped.
        case("color_some_keys", ["-p1", "--color", "-e", BAD], 1,
             env={"SYSTEMTAP_COLORS": "bogus=1:caret=7:error"},
             stderr=bad_error("", "", "", "7")),
        case("color_empty_variable", ["-p1", "--color", "-e", BAD], 1,
             env={"SYSTEMTAP_COLORS": ""}, stderr=PLAIN),
    ] + [
        # A value that is not SGR digits and ';' turns every colour off.
        case("color_hostile_" + name, ["-p1", "--color", "-e", BAD], 1,
             env={"SYSTEMTAP_COLORS": value}, stderr=PLAIN)
        for name, value in [
            ("title_escape", "error=0m\033]0;owned\007"),
            ("text", "error=01;31:caret=$(id)"),
            ("letters", "warning=2:error=1x"),
            ("empty_value", "caret=7:error="),
            ("space", "error=1 ;31"),
            ("unknown_key_bad_value", "bogus=x:caret=7")]
    ] + [
        # Harmless under --privilege: only SGR parameters get through, so
        # it is honoured, not refused like the variables that move code.
        case("color_under_privilege",
             ["-p1", "--privilege=stapusr", "--color", "-e", BAD], 1,
             env={"SYSTEMTAP_COLORS": "error=4"},
             stderr=bad_error("4", "", "", "")),
        # A lint report for CI keeps stderr plain too.
        case("color_not_in_lint_report",
             ["-p2", "--color", "--lint-format=json", "-e", WARN], 0,
             stderr="<input>:1:15: warning: eliding unused local variable "
                    "'x' [STAP2032]\n  probe begin { x = 1 }\n"
                    "                ^\n",
             stdout_re=r'"STAP2032"'),
        case("color_invalid_when", ["-p1", "--color=yes", "-e", BAD], 1,
             stderr="stap: error: invalid '--color=yes' (expected always, "
                    "never or auto) [STAP3001]\n" + TRY_HELP),
    ]
