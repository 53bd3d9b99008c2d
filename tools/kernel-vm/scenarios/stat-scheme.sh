# stat-scheme: a `stat` DAMOS scheme started by damo counts tried regions, which
# `report damon` shows.

start_stairs 64 4 400 || exit 0
if ! dm start "$STAIRS_PID" --damos_action stat; then
	fail "damo start $STAIRS_PID --damos_action stat: $(dm_said)"
	exit 0
fi
check "kdamond 0 on" kdamond_on
check "scheme action stat" test "$(r 0/contexts/0/schemes/0/action)" = stat
sleep 3
dm "report damon" --damos_stats
check "report damon --damos_stats succeeds ($(dm_said))" test "$RC" -eq 0
echo update_schemes_stats >"$K/0/state"
tried=$(r 0/contexts/0/schemes/0/stats/nr_tried)
check "the kernel counted tried regions ($tried)" test "$tried" -gt 0
n=$(tried_max_accesses "$STAIRS_START" "$STAIRS_END")
check "tried regions cover the workload (max nr_accesses $n)" test "$n" -ge 0
dm "report damon"
check "report damon shows the stat scheme" grep -q 'action: stat' "$OUT"
check "report damon shows tried statistics" grep -qE 'tried [1-9][0-9,]* times' "$OUT"
dm diagnose
check "damo diagnose succeeds ($(dm_said))" test "$RC" -eq 0
check "diagnose: our kdamond with its stat scheme" grep -q 'started by this damo' "$OUT"
check "diagnose: the scheme tried regions" grep -qE 'scheme 0: stat, tried [1-9]' "$OUT"
dm diagnose --verbose
check "diagnose --verbose is JSON ($(dm_said))" node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$OUT"
dm stop
check "damo stop succeeds ($(dm_said))" test "$RC" -eq 0
