# harness: proves the VM itself with no damo command but `version`: node runs, the
# kernel has DAMON vaddr+paddr, plain shell writes start and stop kdamonds, and vaddr
# monitoring of our workload sees its accesses (needs pti=on under TCG, spec/kernel-vm.md).

v=$(node -e 'process.stdout.write(process.version)' 2>&1)
case "$v" in v2[0-9]*) pass "node $v runs" ;; *) fail "node does not run: $v" ;; esac

if dm version && grep -qE '^[0-9]+\.[0-9]+\.[0-9]+$' "$OUT"; then
	pass "damo version prints $(cat "$OUT")"
else
	fail "damo version: $(dm_said)"
fi

# paddr kdamond, plain shell writes.
if shell_kdamond paddr 0 stat; then
	check "paddr kdamond on after shell writes" wait_until 5 kdamond_on
	ops=$(tr '\n' ' ' <"$K/0/contexts/0/avail_operations")
	case " $ops" in *" vaddr "*" paddr "* | *" paddr "*" vaddr "*) pass "avail_operations: $ops" ;;
	*) fail "avail_operations lacks vaddr or paddr: $ops" ;; esac
	pid=$(r 0/pid)
	check "kdamond has a thread (pid $pid)" test "$pid" -gt 0
	sleep 1
	tried_max_accesses 0 9223372036854775807 >/tmp/n
	n=$(cat /tmp/n)
	check "paddr tried regions readable (max nr_accesses $n; $TRIED_INFO)" test "$n" -ge 0
	w 0/state off
	check "paddr kdamond off after shell write" wait_until 5 sh -c "[ \$(cat $K/0/state) = off ]"
fi

# vaddr kdamond on our workload: DAMON must see the hot step.
if start_stairs 64 4 400 && w nr_kdamonds 0 && shell_kdamond vaddr "$STAIRS_PID" stat; then
	seen=-1
	i=0
	while [ $i -lt 15 ]; do
		sleep 1
		seen=$(tried_max_accesses "$STAIRS_START" "$STAIRS_END")
		[ "$seen" -gt 0 ] && break
		i=$((i + 1))
	done
	check "vaddr monitoring sees the workload's accesses (max nr_accesses $seen)" test "$seen" -gt 0
	w 0/state off
fi
