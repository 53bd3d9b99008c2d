# paddr: `damo start paddr` turns a physical-address kdamond on; `damo stop` turns it off.

if ! dm start paddr; then
	fail "damo start paddr: $(dm_said)"
	exit 0
fi
check "damo start paddr is silent on success" test ! -s "$OUT"
check "kdamond 0 on" kdamond_on
check "operations paddr" test "$(r 0/contexts/0/operations)" = paddr
span=$(system_ram_span)
got="$(r 0/contexts/0/targets/0/regions/0/start 2>/dev/null) $(r 0/contexts/0/targets/0/regions/0/end 2>/dev/null)"
check "default region spans System RAM ($span; got $got)" test "$got" = "$span"
dm stop
check "damo stop succeeds ($(dm_said))" test "$RC" -eq 0
check "kdamond off after damo stop" not any_kdamond_on
