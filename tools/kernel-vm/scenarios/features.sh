# features: `damo features` probes the kernel (6.12: vaddr, paddr, tried regions; no
# refresh_ms, addr_unit or intervals goal) and leaves DAMON as it found it.

dump_damon >/tmp/before
dm features supported
if [ "$RC" -ne 0 ]; then
	fail "damo features supported: $(dm_said)"
	exit 0
fi
for f in sysfs/vaddr sysfs/paddr sysfs/schemes_tried_regions; do
	check "supported lists $f" grep -qx "$f" "$OUT"
done
for f in sysfs/refresh_ms sysfs/addr_unit sysfs/intervals_goal; do
	check "supported omits $f (newer than 6.12)" sh -c "! grep -qx $f $OUT"
done
check "no kdamond left on after probing" not any_kdamond_on
dump_damon >/tmp/after
d=$(first_diff /tmp/before /tmp/after)
check "DAMON tree as before probing ${d:+(differs: $d)}" test -z "$d"
