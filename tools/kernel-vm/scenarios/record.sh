# record: `damo record <pid>` of the stairs workload for a few seconds, traced through a
# tracefs instance of damo's own (the VM has no perf), then `--snapshot` captures; the
# reports read both records, DAMON is off afterwards and no trace instance is left.

start_stairs 32 4 300 || exit 0
cd /tmp || exit 0
no_damo_instance() { ! ls /sys/kernel/tracing/instances 2>/dev/null | grep -q '^damo'; }

dm record "$STAIRS_PID" -o /tmp/rec.data --timeout 4
if [ "$RC" -ne 0 ]; then
	fail "damo record $STAIRS_PID --timeout 4: $(dm_said)"
	exit 0
fi
pass "damo record $STAIRS_PID --timeout 4 succeeds"
check "DAMON is off after record" not any_kdamond_on
check "record left no tracefs instance behind" no_damo_instance
check "tracing of the global buffer untouched (tracing_on 1)" test "$(cat /sys/kernel/tracing/tracing_on)" = 1
for f in rec.data rec.data.kdamonds rec.data.mem_footprint rec.data.vmas rec.data.proc_stats; do
	check "record wrote $f" test -s "/tmp/$f"
done
check "the .mem_footprint names the workload" grep -q "\"pid\": $STAIRS_PID" /tmp/rec.data.mem_footprint

dm "report heatmap" --input /tmp/rec.data --output raw
n=$(wc -l <"$OUT")
check "report heatmap --output raw reads the trace record ($n lines; $(dm_said))" test "$RC" -eq 0 -a "$n" -gt 10
dm "report access" --input /tmp/rec.data --json
if [ "$RC" -eq 0 ] && node /scenarios/hot-region.mjs "$OUT" "$STAIRS_START" "$STAIRS_END" >/tmp/hot 2>&1; then
	pass "report access of the trace record shows a hot region in the workload: $(cat /tmp/hot)"
else
	fail "report access of the trace record shows no hot region in the workload: $(dm_said) $(first_line /tmp/hot)"
fi

dm record "$STAIRS_PID" -o /tmp/snap.data --snapshot 1 3
check "damo record --snapshot 1 3 succeeds ($(dm_said))" test "$RC" -eq 0
check "DAMON is off after the snapshots" not any_kdamond_on
check "no tracefs instance for snapshots" no_damo_instance
dm "report access" --input /tmp/snap.data
check "report access reads the snapshot record ($(dm_said))" test "$RC" -eq 0 -a -s "$OUT"
dm "report heatmap" --input /tmp/snap.data --output raw
check "report heatmap --output raw reads the snapshot record ($(dm_said))" test "$RC" -eq 0 -a -s "$OUT"
