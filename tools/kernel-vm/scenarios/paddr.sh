# paddr: `damo start paddr` turns a physical-address kdamond on; `damo stop` turns it off.

if ! dm start paddr; then
	fail "damo start paddr: $(dm_said)"
	exit 0
fi
check "damo start paddr is silent on success" test ! -s "$OUT"
check "kdamond 0 on" kdamond_on
check "operations paddr" test "$(r 0/contexts/0/operations)" = paddr
dm stop
check "damo stop succeeds ($(dm_said))" test "$RC" -eq 0
check "kdamond off after damo stop" not any_kdamond_on
