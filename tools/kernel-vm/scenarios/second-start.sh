# second-start: a second `damo start` while damo's kdamond runs is refused with one
# line and a non-zero exit, before any sysfs write (the tree reads exactly as before).

if ! dm start paddr; then
	fail "damo start paddr: $(dm_said)"
	exit 0
fi
check "kdamond 0 on" kdamond_on
pid=$(r 0/pid)
dump_damon >/tmp/before
dm start paddr --sample 20ms
check "second start exits non-zero (rc=$RC)" test "$RC" -ne 0
check "second start says why in one line: $(first_line "$ERR")" test "$(wc -l <"$ERR")" -eq 1
check "second start prints nothing on stdout" test ! -s "$OUT"
dump_damon >/tmp/after
d=$(first_diff /tmp/before /tmp/after)
check "DAMON tree unchanged ${d:+(differs: $d)}" test -z "$d"
check "same kdamond thread" test "$(r 0/pid)" = "$pid"
dm stop
check "damo stop succeeds ($(dm_said))" test "$RC" -eq 0
