# foreign-kdamond: a kdamond started by someone else (plain shell writes) is never
# touched: `damo start paddr` and `damo stop` refuse with one line, non-zero exit, and
# leave its state and every parameter as they were.

if ! shell_kdamond paddr 0 stat; then exit 0; fi
wait_until 5 kdamond_on || { fail "foreign kdamond did not start"; exit 0; }
pid=$(r 0/pid)
dump_damon >/tmp/before
pass "foreign paddr kdamond on (pid $pid)"

for cmd in "start paddr" stop; do
	# shellcheck disable=SC2086
	dm $cmd
	check "damo $cmd refuses (rc=$RC)" test "$RC" -ne 0
	check "damo $cmd says why in one line: $(first_line "$ERR")" test "$(wc -l <"$ERR")" -eq 1
	check "foreign kdamond still on after damo $cmd" kdamond_on
	check "foreign kdamond thread unchanged after damo $cmd" test "$(r 0/pid)" = "$pid"
	dump_damon >/tmp/after
	d=$(first_diff /tmp/before /tmp/after)
	check "DAMON tree unchanged after damo $cmd ${d:+(differs: $d)}" test -z "$d"
done

# A live snapshot must not write to it either: with no tried regions to read it refuses
# in one line; once its owner refreshed them, they are read and nothing changes.
dm "report access" --json
check "damo report access refuses while it has no tried regions (rc=$RC)" test "$RC" -ne 0
check "damo report access says why in one line: $(first_line "$ERR")" test "$(wc -l <"$ERR")" -eq 1
dump_damon >/tmp/after
d=$(first_diff /tmp/before /tmp/after)
check "DAMON tree unchanged after damo report access ${d:+(differs: $d)}" test -z "$d"

echo update_schemes_tried_regions >"$K/0/state"
dump_damon >/tmp/before
nr=$(find "$K/0/contexts/0/schemes/0/tried_regions" -mindepth 1 -maxdepth 1 -type d | wc -l)
dm "report access" --json
check "damo report access reads the owner's $nr tried regions ($(dm_said))" test "$RC" -eq 0
check "the snapshot has regions" grep -q '"start"' "$OUT"
check "foreign kdamond thread unchanged after damo report access" test "$(r 0/pid)" = "$pid"
dump_damon >/tmp/after
d=$(first_diff /tmp/before /tmp/after)
check "DAMON tree unchanged after reading its tried regions ${d:+(differs: $d)}" test -z "$d"

dm diagnose
check "damo diagnose reads it ($(dm_said))" test "$RC" -eq 0
check "diagnose says it was started elsewhere" grep -q 'started elsewhere' "$OUT"
dump_damon >/tmp/after
d=$(first_diff /tmp/before /tmp/after)
check "DAMON tree unchanged after damo diagnose ${d:+(differs: $d)}" test -z "$d"
