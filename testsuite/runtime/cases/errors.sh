# run-time errors: each reported with its location; past MAXERRORS the
# session fails, later begin and end probes are skipped, error probes run
"$STAPRUN" "$KO"; echo "rc=$?"
grep -c "^stap_errors " /proc/modules
