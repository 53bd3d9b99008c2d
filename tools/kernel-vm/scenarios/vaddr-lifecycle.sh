# vaddr-lifecycle: workload -> `damo start <pid>` -> `report damon` shows it on ->
# `report access` (live) shows a hot region inside the workload's buffer -> `tune`
# changes intervals -> `damo stop` -> kdamond off.

start_stairs 64 4 400 || exit 0
if ! dm start "$STAIRS_PID"; then
	fail "damo start $STAIRS_PID: $(dm_said)"
	exit 0
fi
check "kdamond 0 on" kdamond_on
check "operations vaddr" test "$(r 0/contexts/0/operations)" = vaddr
check "pid_target is the workload" test "$(r 0/contexts/0/targets/0/pid_target)" = "$STAIRS_PID"

dm "report damon"
check "report damon succeeds ($(dm_said))" test "$RC" -eq 0
check "report damon: state on" grep -q "state: on, pid: $(r 0/pid)" "$OUT"
check "report damon: ops vaddr" grep -q 'ops: vaddr' "$OUT"
check "report damon: target pid" grep -q "pid: $STAIRS_PID" "$OUT"

sleep 3
hot=0
i=0
while [ $i -lt 5 ]; do
	dm "report access" --json
	if [ "$RC" -eq 0 ] && node /scenarios/hot-region.mjs "$OUT" "$STAIRS_START" "$STAIRS_END" >/tmp/hot 2>&1; then
		hot=1
		break
	fi
	sleep 1
	i=$((i + 1))
done
if [ $hot = 1 ]; then pass "report access shows a hot region in the workload: $(cat /tmp/hot)"; else
	fail "report access shows no hot region in the workload: $(dm_said) $(first_line /tmp/hot)"; fi
check "report access left no extra scheme behind" test "$(r 0/contexts/0/schemes/nr_schemes)" = 0

dm tune --sample 10ms --aggr 200ms "$STAIRS_PID"
check "damo tune succeeds ($(dm_said))" test "$RC" -eq 0
check "tune: sample_us 10000" test "$(r 0/contexts/0/monitoring_attrs/intervals/sample_us)" = 10000
check "tune: aggr_us 200000" test "$(r 0/contexts/0/monitoring_attrs/intervals/aggr_us)" = 200000
check "kdamond still on after tune" kdamond_on
dm "report damon"
check "report damon shows the tuned intervals" grep -q 'sample 10 ms, aggr 200 ms' "$OUT"

dm stop
check "damo stop succeeds ($(dm_said))" test "$RC" -eq 0
check "kdamond off after damo stop" not any_kdamond_on
check "workload untouched by stop" kill -0 "$STAIRS_PID"
