#!/usr/bin/env bash
# nsd.bash: a throw-away NSD on loopback for the DNS tests.
#
#   nsd.bash start RUNDIR PORT ZONEFILE...   start nsd, wait until it answers,
#                                            print its pid (PORT "auto": a free
#                                            port, written to RUNDIR/port)
#   nsd.bash stop RUNDIR                     stop it
#
# Each ZONEFILE is served as the zone named by its file name without
# ".zone"; "root.zone" and "NN.zone" are the root zone.  Listens on
# 127.0.0.1 and ::1, UDP and TCP; no root, no systemd.  Sourced from Bats
# (load lib/nsd.bash) it also gives nsd_up RUNDIR ZONE... (start on a free
# port, set NSD_PORT) and nsd_down RUNDIR; tests should `skip` when
# `command -v nsd` fails.

_nsd_conf() {	# RUNDIR PORT ZONE...
	local run=$1 port=$2 z f name
	shift 2
	{
		echo "server:"
		echo "    ip-address: 127.0.0.1@$port"
		echo "    ip-address: ::1@$port"
		echo "    port: $port"
		echo "    username: \"\""
		echo "    chroot: \"\""
		echo "    database: \"\""
		echo "    zonelistfile: \"$run/zone.list\""
		echo "    xfrdfile: \"$run/xfrd.state\""
		echo "    xfrdir: \"$run\""
		echo "    pidfile: \"$run/nsd.pid\""
		echo "    logfile: \"$run/nsd.log\""
		echo "    server-count: 1"
		echo "    rrl-ratelimit: 0"
		echo "    verbosity: 1"
		# what id.server CH TXT answers: the probe below knows its
		# own nsd from another one on the same port
		echo "    identity: \"deliv-test-$port-$(basename "$run")\""
		echo "remote-control:"
		echo "    control-enable: no"
		for z in "$@"; do
			f=$(cd "$(dirname "$z")" && pwd)/$(basename "$z")
			name=$(basename "$f" .zone)
			case $name in root | [0-9][0-9]) name=. ;; esac
			echo "zone:"
			echo "    name: \"$name\""
			echo "    zonefile: \"$f\""
		done
	} >"$run/nsd.conf"
}

# Start nsd; 0 when it answers, 1 when it died (port taken, bad zone).
_nsd_try() {	# RUNDIR PORT ZONE...
	local run=$1 port=$2 pid i=0
	_nsd_conf "$@"
	nsd-checkconf "$run/nsd.conf" || return 2
	: >"$run/nsd.log"
	# nsd the direct child, its stdio away from any $(...) pipe.
	nsd -d -c "$run/nsd.conf" </dev/null >>"$run/nsd.log" 2>&1 &
	pid=$!
	echo "$pid" >"$run/nsd.main.pid"
	echo "$port" >"$run/port"
	# Probe over TCP: refused at once until nsd listens, unlike UDP.
	# Its identity, not any answer: another suite's nsd may hold the
	# port (a random one), and this one then dies on it.
	until drill -t -p "$port" @127.0.0.1 id.server CH TXT 2>/dev/null |
	    grep -qF "\"deliv-test-$port-$(basename "$run")\""; do
		i=$((i + 1))
		if ((i >= 500)) || ! kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
			rm -f "$run/nsd.main.pid"
			return 1
		fi
		sleep 0.01
	done
	echo "$pid"
}

nsd_start() {	# RUNDIR PORT|auto ZONE...
	local run=$1 port=$2 tries=0
	shift 2
	mkdir -p "$run"
	run=$(cd "$run" && pwd)
	if [[ $port != auto ]]; then
		_nsd_try "$run" "$port" "$@" && return 0
		echo "nsd.bash: nsd did not start; see $run/nsd.log" >&2
		tail -3 "$run/nsd.log" >&2
		return 1
	fi
	while ((tries++ < 20)); do
		port=$((20000 + RANDOM % 40000))
		_nsd_try "$run" "$port" "$@" && return 0
		[[ $? == 2 ]] && break
	done
	echo "nsd.bash: nsd did not start; see $run/nsd.log" >&2
	tail -3 "$run/nsd.log" >&2
	return 1
}

nsd_stop() {	# RUNDIR
	local pidf=$1/nsd.main.pid pid i=0
	[[ -f $pidf ]] || return 0
	pid=$(<"$pidf")
	kill "$pid" 2>/dev/null || true
	while kill -0 "$pid" 2>/dev/null && ((i++ < 200)); do
		sleep 0.01
	done
	rm -f "$pidf"
}

# For Bats: start on a free port into NSD_PORT.
nsd_up() {	# RUNDIR ZONE...
	local run=$1
	shift
	nsd_start "$run" auto "$@" >/dev/null || return 1
	NSD_PORT=$(<"$run/port")
	export NSD_PORT
}

nsd_down() {
	nsd_stop "$1"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	set -u
	case ${1-} in
	start)
		(($# >= 4)) || { echo "usage: $0 start RUNDIR PORT|auto ZONE..." >&2; exit 2; }
		shift
		nsd_start "$@"
		;;
	stop)
		(($# == 2)) || { echo "usage: $0 stop RUNDIR" >&2; exit 2; }
		nsd_stop "$2"
		;;
	*)
		echo "usage: $0 start RUNDIR PORT|auto ZONE... | stop RUNDIR" >&2
		exit 2
		;;
	esac
fi
