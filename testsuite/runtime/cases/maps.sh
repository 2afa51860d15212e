# associative arrays, statistics, histograms, strings, printf formats
"$STAPRUN" "$KO"; echo "rc=$?"
