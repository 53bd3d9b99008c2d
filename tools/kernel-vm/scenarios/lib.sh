# Shell helpers for the scenarios run inside the test VM (busybox sh). Result lines are
# `DAMO-VM: <scenario> PASS|FAIL|NOTBUILT <text>`; the host reads only those lines.
# DAMON sysfs layout and write order: spec/control.md §5-§6.

MARK_BEGIN='=== DAMO-VM RESULTS BEGIN ==='
MARK_END='=== DAMO-VM RESULTS END ==='
K=/sys/kernel/mm/damon/admin/kdamonds
PIDS_FILE=/tmp/scenario-pids
# Captured output of the last `dm` call.
OUT=/tmp/dm.out
ERR=/tmp/dm.err
RC=0

pass() { echo "DAMO-VM: $SCENARIO PASS $*"; }
fail() { echo "DAMO-VM: $SCENARIO FAIL $*"; }
# check DESCRIPTION COMMAND...: PASS or FAIL by the command's exit status.
check() {
	desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc"; fi
}
not() { ! "$@"; }
first_line() { head -n 1 "$1" | cut -c 1-200; }

# dm "CMD WORDS" ARGS...: runs `damo CMD WORDS ARGS...`, output in $OUT/$ERR, status in
# $RC. When the command is not built yet in this damo, says NOTBUILT and ends the
# scenario: its checks cannot mean anything before the command exists.
dm() {
	words=$1
	shift
	# shellcheck disable=SC2086 # the command words are meant to split
	timeout 60 damo $words "$@" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	[ "$RC" -eq 0 ] && return 0
	# The project says "not built yet" for a missing part; report access's live
	# snapshot says "cannot use yet".
	if grep -qE 'not built yet|cannot use yet' "$ERR"; then
		echo "DAMO-VM: $SCENARIO NOTBUILT damo $words"
		exit 0
	fi
	# A stub has no options, so its parser rejects ours before saying it is not built:
	# ask the bare command (no options can have effects a parse failure would not).
	if grep -q 'unrecognized arguments' "$ERR"; then
		# shellcheck disable=SC2086
		if timeout 60 damo $words </dev/null 2>&1 | grep -qE 'not built yet|cannot use yet'; then
			echo "DAMO-VM: $SCENARIO NOTBUILT damo $words"
			exit 0
		fi
	fi
	return "$RC"
}
# Prints the last dm call for a FAIL line's context.
dm_said() { echo "rc=$RC stdout='$(first_line "$OUT")' stderr='$(first_line "$ERR")'"; }

# w FILE VALUE: one plain sysfs write, relative to $K; a failed write is a FAIL line.
w() {
	if ! echo "$2" >"$K/$1" 2>/tmp/w.err; then
		fail "shell write $2 > $1 ($(cat /tmp/w.err))"
		return 1
	fi
}
r() { cat "$K/$1"; }

# Every readable file of the DAMON tree, one `path=value` a line, sorted: two dumps
# differ iff a parameter, a state or a statistic changed.
dump_damon() {
	find "$K" -type f | sort | while read -r f; do
		printf '%s=%s\n' "${f#$K/}" "$(tr '\n' ' ' <"$f" 2>/dev/null)"
	done
}
# first_diff A B: the first line that differs between two dumps, or nothing.
first_diff() { diff "$1" "$2" | grep '^[-+][^-+]' | head -n 2 | tr '\n' ' '; }

# system_ram: "START END" (decimal, end exclusive) of the biggest System RAM block.
system_ram() {
	best=0
	for range in $(sed -n 's/^\([0-9a-f]*-[0-9a-f]*\) : System RAM$/\1/p' /proc/iomem); do
		s=$((0x${range%-*}))
		e=$((0x${range#*-} + 1))
		if [ $((e - s)) -gt "$best" ]; then best=$((e - s)); out="$s $e"; fi
	done
	echo "$out"
}

# system_ram_span: "START END" from the first to the last System RAM line of
# /proc/iomem: damo's default paddr region (spec/control.md §2.2).
system_ram_span() {
	sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : System RAM$/\1 \2/p' /proc/iomem | {
		read -r first_start first_end || return 1
		last_end=$first_end
		while read -r _ e; do last_end=$e; done
		echo "$((0x$first_start)) $((0x$last_end + 1))"
	}
}

# shell_kdamond OPS PID [SCHEME]: configures kdamond 0 with plain writes (kernel defaults
# where not written) and turns it on. PID is 0 for paddr. SCHEME=stat adds a stat
# scheme matching every region, so that tried regions show what DAMON saw.
shell_kdamond() {
	w nr_kdamonds 1 &&
		w 0/contexts/nr_contexts 1 &&
		w 0/contexts/0/operations "$1" &&
		w 0/contexts/0/monitoring_attrs/intervals/sample_us 5000 &&
		w 0/contexts/0/monitoring_attrs/intervals/aggr_us 100000 &&
		w 0/contexts/0/monitoring_attrs/intervals/update_us 1000000 &&
		w 0/contexts/0/targets/nr_targets 1 || return 1
	if [ "$1" != paddr ]; then w 0/contexts/0/targets/0/pid_target "$2" || return 1; fi
	# paddr has no default regions: monitor the biggest System RAM block, as damo does.
	if [ "$1" = paddr ]; then
		set -- "$1" "$2" "${3:-}" $(system_ram)
		w 0/contexts/0/targets/0/regions/nr_regions 1 &&
			w 0/contexts/0/targets/0/regions/0/start "$4" &&
			w 0/contexts/0/targets/0/regions/0/end "$5" || return 1
	fi
	if [ "${3:-}" = stat ]; then
		s=0/contexts/0/schemes/0
		w 0/contexts/0/schemes/nr_schemes 1 &&
			w $s/action stat &&
			w $s/access_pattern/sz/min 0 &&
			w $s/access_pattern/sz/max 18446744073709551615 &&
			w $s/access_pattern/nr_accesses/min 0 &&
			w $s/access_pattern/nr_accesses/max 4294967295 &&
			w $s/access_pattern/age/min 0 &&
			w $s/access_pattern/age/max 4294967295 || return 1
	fi
	w 0/state on
}

# Max nr_accesses over the tried regions of kdamond 0's scheme 0 that overlap
# [START, END) (decimal), after asking the kernel for fresh ones; -1 when none.
# TRIED_INFO says how many regions there were, or why there were none.
tried_max_accesses() {
	if ! echo update_schemes_tried_regions 2>/tmp/tried.err >"$K/0/state"; then
		TRIED_INFO="update_schemes_tried_regions failed: $(cat /tmp/tried.err)"
		echo -1
		return
	fi
	max=-1
	nr=0
	for d in "$K"/0/contexts/0/schemes/0/tried_regions/*/; do
		[ -f "$d/start" ] || continue
		nr=$((nr + 1))
		if [ "$(cat "$d/end")" -gt "$1" ] && [ "$(cat "$d/start")" -lt "$2" ]; then
			n=$(cat "$d/nr_accesses")
			[ "$n" -gt "$max" ] && max=$n
		fi
	done
	TRIED_INFO="$nr tried regions, total $(cat "$K/0/contexts/0/schemes/0/tried_regions/total_bytes" 2>/dev/null) bytes"
	echo "$max"
}

# start_stairs SIZE_MIB STEPS STEP_MS: runs our workload in the background; sets
# STAIRS_PID, STAIRS_START and STAIRS_END (its buffer, decimal).
start_stairs() {
	stairs "$@" >/tmp/stairs.out 2>&1 &
	STAIRS_PID=$!
	echo "$STAIRS_PID" >>"$PIDS_FILE"
	i=0
	while ! grep -q 'MiB at' /tmp/stairs.out && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	addr=$(sed -n 's/.* at \(0x[0-9a-f]*\),.*/\1/p' /tmp/stairs.out)
	[ -n "$addr" ] || { fail "stairs did not start ($(cat /tmp/stairs.out))"; return 1; }
	STAIRS_START=$((addr))
	STAIRS_END=$((addr + ($1 << 20)))
}

# kdamond_on: kdamond 0 exists and reads on.
kdamond_on() { [ -f "$K/0/state" ] && [ "$(r 0/state)" = on ]; }
# any_kdamond_on: some kdamond reads on.
any_kdamond_on() {
	for f in "$K"/*/state; do [ -f "$f" ] && [ "$(cat "$f")" = on ] && return 0; done
	return 1
}
# wait_until SECONDS COMMAND...: polls every 0.2 s.
wait_until() {
	n=$(($1 * 5))
	shift
	while [ $n -gt 0 ]; do
		"$@" && return 0
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# Between scenarios: stop every kdamond and drop them, so each scenario starts clean.
vm_reset_damon() {
	for f in "$K"/*/state; do
		[ -f "$f" ] && [ "$(cat "$f")" = on ] && echo off >"$f"
	done
	wait_until 10 sh -c '! grep -qx on '"$K"'/*/state 2>/dev/null'
	echo 0 >"$K/nr_kdamonds" 2>/dev/null
}
# Kills the workloads a scenario recorded, and those DAMON was told to monitor (a
# command target that damo started has no other record).
vm_kill_recorded() {
	pids=$(cat "$PIDS_FILE" "$K"/*/contexts/*/targets/*/pid_target 2>/dev/null)
	for p in $pids; do [ "$p" -gt 1 ] && kill "$p" 2>/dev/null; done
	rm -f "$PIDS_FILE"
}
