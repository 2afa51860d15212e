# a full ring drops whole chunks, counts and reports them; the rest arrives
"$STAPRUN" "$KO" > /run/flood.out; echo "rc=$?"
awk '{ print $1 }' /run/flood.out | tr '\n' ' '; echo
awk 'length($0) != 99 { bad++ } END { print "bad lines:", bad + 0 }' /run/flood.out
