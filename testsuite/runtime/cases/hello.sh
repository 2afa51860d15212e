# begin -> print -> exit() -> end, through staprun and stapio.
"$STAPRUN" "$KO"; echo "rc=$?"
grep -c "^stap_hello " /proc/modules
