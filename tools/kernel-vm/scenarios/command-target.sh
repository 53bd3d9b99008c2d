# command-target: `damo start "<command>"` runs the command and monitors it (vaddr).

if ! dm start "stairs 32 2 300"; then
	fail "damo start \"stairs 32 2 300\": $(dm_said)"
	exit 0
fi
check "kdamond 0 on" kdamond_on
check "operations vaddr" test "$(r 0/contexts/0/operations)" = vaddr
pid=$(r 0/contexts/0/targets/0/pid_target)
comm=$(cat "/proc/$pid/comm" 2>/dev/null)
check "target pid $pid is the command (comm '$comm')" test "$comm" = stairs
dm stop
check "damo stop succeeds ($(dm_said))" test "$RC" -eq 0
check "kdamond off after damo stop" not any_kdamond_on
