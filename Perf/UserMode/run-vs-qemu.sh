#!/usr/bin/env bash
# End-to-end user-mode speed: Debian's static mips64el busybox under loongson-dbt and under qemu-mips64el,
# and the host's amd64 busybox natively, on a 64 MiB pseudo-random file and an awk loop.
# Prints best-of-3 wall times and the ratios ours/QEMU and ours/native, and the median of the ratios ours/QEMU
# run by run: the three run in turn (QEMU, native, ours, then again), so that a machine whose speed drifts
# during the minutes of a benchmark weighs on all three alike, and the paired ratio is the steadier figure.
# A run of ours that fails, times out or prints something other than QEMU does shows FAIL (or WRONG) in its
# cell; the other columns still run.
#
# Environment (optional): ENGINE (tiered, interpreter, compiled; default: the Cli's default),
# RUNS (default 3), PERF_TIMEOUT seconds per run (default 600), WORK (scratch directory, default a temp dir).
set -uo pipefail

readonly RUNS="${RUNS:-3}"
readonly PERF_TIMEOUT="${PERF_TIMEOUT:-600}"
readonly QEMU_CPU_MODEL=Loongson-3A1000
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

log() { printf 'run-vs-qemu: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

apt_updated=
ensure() { # ensure COMMAND PACKAGE
    command -v "$1" >/dev/null && return
    log "installing $2"
    export DEBIAN_FRONTEND=noninteractive
    [[ -n "$apt_updated" ]] || { apt-get update -qq >&2 && apt_updated=1; } || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "$2" >&2 || die "cannot install $2"
}

ensure qemu-mips64el qemu-user
ensure busybox busybox-static
ensure timeout coreutils
native_busybox="$(command -v busybox)"

log "building the Cli (Release)"
dotnet build -c Release "$repo/Cli" -v q -nologo >&2 || die "dotnet build -c Release Cli failed"
cli="$repo/Cli/bin/Release/net10.0/loongson-dbt.dll"
[[ -f "$cli" ]] || die "no $cli after the build"

guest_busybox="$(bash "$repo/samples/guests/fetch-debian-guest.sh" | sed -n 's/^BUSYBOX=//p')"
[[ -f "$guest_busybox" ]] || die "could not fetch Debian's mips64el busybox"

work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
[[ -n "${WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
input="$work/random-64M.bin"
log "writing 64 MiB of pseudo-random bytes to $input"
# A 32-bit LCG in perl (perl-base is always there); the same bytes on every machine and every run.
perl -e 'my $x = 20240611; binmode STDOUT;
    for my $block (1 .. 1024) { my @w; for (1 .. 16384) { $x = ($x * 1103515245 + 12345) & 0xffffffff; push @w, $x ^ ($x >> 15); }
        print pack("V*", @w); }' > "$input" || die "cannot write $input"

engine_option=()
[[ -n "${ENGINE:-}" ]] && engine_option=(--engine "$ENGINE")
ours=(dotnet "$cli" run "${engine_option[@]}" "$guest_busybox")
qemu=(qemu-mips64el -cpu "$QEMU_CPU_MODEL" "$guest_busybox")
native=("$native_busybox")

readonly awk_program='BEGIN{s=0;for(i=0;i<3000000;i++)s+=i*i%7;print s}'
names=("sha256sum" "md5sum" "gzip -9" "awk loop")
applets=("sha256sum $input" "md5sum $input" "gzip -9 -c $input" "awk $awk_program")

# time_once RUNNER_ARRAY_NAME INDEX OUTPUT_FILE: prints one run's wall time in seconds, or FAIL.
time_once() {
    local -n runner="$1"
    local index="$2" output="$3" start end status
    local -a applet
    case "$index" in
        3) applet=(awk "$awk_program") ;;
        *) read -r -a applet <<<"${applets[$index]}" ;;
    esac
    start="$(date +%s.%N)"
    timeout "$PERF_TIMEOUT" "${runner[@]}" "${applet[@]}" >"$output" 2>"$output.err"
    status=$?
    end="$(date +%s.%N)"
    if ((status != 0)); then
        log "${applet[0]} under ${runner[0]} exited with $status: $(tail -c 300 "$output.err")"
        echo FAIL
        return
    fi
    awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b - a}'
}

# best TIME...: the least of the times, to two decimals, or FAIL if any run failed.
best() {
    printf '%s\n' "$@" | awk '$1 == "FAIL" { failed = 1 } $1 != "FAIL" && (best == "" || $1 < best) { best = $1 }
        END { if (failed || best == "") print "FAIL"; else printf "%.2f\n", best }'
}

# paired_median OURS_TIMES QEMU_TIMES: the median of the run-by-run ratios, or - if a run failed.
paired_median() {
    local -a ours=($1) qemu=($2)
    local i
    for i in "${!ours[@]}"; do
        [[ "${ours[$i]}" =~ ^[0-9.]+$ && "${qemu[$i]}" =~ ^[0-9.]+$ ]] || { echo -; return; }
    done
    for i in "${!ours[@]}"; do
        awk -v a="${ours[$i]}" -v b="${qemu[$i]}" 'BEGIN{ printf "%.4f\n", a / b }'
    done | sort -n | awk '{ r[NR] = $1 } END { if (NR % 2) m = r[(NR + 1) / 2]; else m = (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "%.2fx\n", m }'
}

ratio() { # ratio A B: A/B, or - when either is not a number
    [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]] || { echo -; return; }
    awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2fx", a / b; else print "-" }'
}

printf '%-10s %10s %10s %10s %10s %12s %14s\n' benchmark ours qemu native ours/qemu ours/native "paired median"
for index in "${!names[@]}"; do
    log "timing ${names[$index]}"
    qemu_times=() native_times=() ours_times=()
    for ((run = 0; run < RUNS; run++)); do
        qemu_times+=("$(time_once qemu "$index" "$work/qemu.out")")
        native_times+=("$(time_once native "$index" "$work/native.out")")
        ours_times+=("$(time_once ours "$index" "$work/ours.out")")
    done
    t_qemu="$(best "${qemu_times[@]}")"
    t_native="$(best "${native_times[@]}")"
    t_ours="$(best "${ours_times[@]}")"
    paired="$(paired_median "${ours_times[*]}" "${qemu_times[*]}")"
    # gzip's stream and the file name in the checksums are compared too: ours must print what QEMU prints.
    if [[ "$t_ours" != FAIL && "$t_qemu" != FAIL ]] && ! cmp -s "$work/ours.out" "$work/qemu.out"; then
        log "${names[$index]}: ours printed something other than QEMU"
        t_ours=WRONG
        paired=-
    fi
    printf '%-10s %10s %10s %10s %10s %12s %14s\n' "${names[$index]}" "$t_ours" "$t_qemu" "$t_native" \
        "$(ratio "$t_ours" "$t_qemu")" "$(ratio "$t_ours" "$t_native")" "$paired"
done
