#!/usr/bin/env bash
# End-to-end full-system speed: Debian's loongson-3 kernel with one busybox initramfs under `loongson-dbt boot`
# and under qemu-system-mips64el (loongson3-virt). The guest's /init prints a marker, times sha256sum, md5sum
# and gzip -9 of a 16 MiB pseudo-random file with /proc/uptime and powers off.
# Prints best-of-RUNS times and the ratio ours/QEMU for: boot to the marker and total wall time to power-off
# (both measured on the host from process start), and the three workloads (measured in the guest). A system
# that fails or times out shows FAIL in its cells, a wrong checksum WRONG; the other column still runs.
#
# Environment (optional): RUNS (default 3), PERF_TIMEOUT seconds per boot (default 600), WORK (scratch
# directory that keeps the initramfs and every boot's console; default a temp dir, removed at the end),
# ENGINE (passed to ours as --engine), EXTRA_APPEND (added to both kernel command lines, e.g. nokaslr).
set -uo pipefail
# EPOCHREALTIME and awk's printf follow the locale's decimal separator.
export LC_ALL=C

readonly RUNS="${RUNS:-3}"
readonly PERF_TIMEOUT="${PERF_TIMEOUT:-600}"
readonly MEMORY=1G
readonly MARKER='LOONGSON-DBT-PERF: /init started'
readonly GUEST_DATA=/data/random-16M.bin
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

log() { printf 'boot-vs-qemu: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

apt_updated=
ensure() { # ensure COMMAND|/PATH PACKAGE
    if [[ "$1" == /* ]]; then [[ -e "$1" ]] && return; else command -v "$1" >/dev/null && return; fi
    log "installing $2"
    export DEBIAN_FRONTEND=noninteractive
    [[ -n "$apt_updated" ]] || { apt-get update -qq >&2 && apt_updated=1; } || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "$2" >&2 || die "cannot install $2"
}

ensure qemu-system-mips64el qemu-system-mips
# loongson3-virt has a cirrus VGA and a virtio NIC whose option ROMs are only recommended by qemu-system-mips;
# QEMU refuses to start without them.
ensure /usr/share/seabios/vgabios-cirrus.bin seabios
ensure /usr/lib/ipxe/qemu/efi-virtio.rom ipxe-qemu
ensure cpio cpio
ensure gzip gzip
ensure timeout coreutils

# A failed build is not fatal: ours then fails to start and shows FAIL, and the QEMU column still runs.
log "building the Cli (Release)"
dotnet build -c Release "$repo/Cli" -v q -nologo >&2 || log "dotnet build -c Release Cli failed"
cli="$repo/Cli/bin/Release/net10.0/loongson-dbt.dll"

guest="$(bash "$repo/samples/guests/fetch-debian-guest.sh")" || die "could not fetch the Debian guest"
kernel="$(sed -n 's/^KERNEL=//p' <<<"$guest")"
guest_busybox="$(sed -n 's/^BUSYBOX=//p' <<<"$guest")"
[[ -f "$kernel" && -f "$guest_busybox" ]] || die "the Debian guest fetcher printed no kernel or busybox"

work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
[[ -n "${WORK:-}" ]] || trap 'rm -rf "$work"' EXIT

stage="$work/initramfs"
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/tmp" "$stage$(dirname "$GUEST_DATA")"
input="$stage$GUEST_DATA"
log "writing 16 MiB of pseudo-random bytes to $input"
# The LCG of Perf/UserMode/run-vs-qemu.sh (its first 16 MiB): the same bytes on every machine and every run.
perl -e 'my $x = 20240611; binmode STDOUT;
    for my $block (1 .. 256) { my @w; for (1 .. 16384) { $x = ($x * 1103515245 + 12345) & 0xffffffff; push @w, $x ^ ($x >> 15); }
        print pack("V*", @w); }' >"$input" || die "cannot write $input"
declare -A expected
expected[sha256sum]="$(sha256sum <"$input" | cut -d' ' -f1)"
expected[md5sum]="$(md5sum <"$input" | cut -d' ' -f1)"
# The guest checks gzip by decompressing its own output again, so the round trip must give the original.
expected[gzip]="${expected[sha256sum]}"

cp "$guest_busybox" "$stage/bin/busybox"
# Results are printed only after all timings, so the slow emulated UART stays out of the measured windows.
# /proc/uptime is kept as text: busybox's date has no %N, and its arithmetic would read "0.09" as octal.
cat >"$stage/init" <<EOF
#!/bin/busybox sh
# Without a /dev/console node in the archive the kernel starts /init with no console.
if [ ! -c /dev/console ]; then
    /bin/busybox mount -t devtmpfs devtmpfs /dev
    exec </dev/console >/dev/console 2>&1
fi
echo '$MARKER'
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
read -r t0 _ </proc/uptime
sha=\$(sha256sum $GUEST_DATA)
read -r t1 _ </proc/uptime
md5=\$(md5sum $GUEST_DATA)
read -r t2 _ </proc/uptime
gzip -9 -c $GUEST_DATA >/tmp/random.gz
read -r t3 _ </proc/uptime
roundtrip=\$(gunzip -c /tmp/random.gz | sha256sum)
echo "PERF-RESULT sha256sum \$t0 \$t1 \${sha%% *}"
echo "PERF-RESULT md5sum \$t1 \$t2 \${md5%% *}"
echo "PERF-RESULT gzip \$t2 \$t3 \${roundtrip%% *}"
poweroff -f
EOF
chmod 755 "$stage/init" "$stage/bin/busybox"
# A device node needs root (or CAP_MKNOD); without it /init mounts devtmpfs for its console instead.
mknod -m 600 "$stage/dev/console" c 5 1 2>/dev/null || log "cannot create /dev/console (not root?); /init mounts devtmpfs"
initrd="$work/initrd.cpio.gz"
(cd "$stage" && find . -mindepth 1 -print0 | cpio --null -o -H newc -R 0:0 --quiet) | gzip -n >"$initrd" \
    || die "cannot build $initrd"

append="console=ttyS0${EXTRA_APPEND:+ $EXTRA_APPEND}"
engine_option=()
[[ -n "${ENGINE:-}" ]] && engine_option=(--engine "$ENGINE")
ours=(dotnet "$cli" boot "${engine_option[@]}" --kernel "$kernel" --initrd "$initrd" --append "$append" -m "$MEMORY")
qemu=(qemu-system-mips64el -M loongson3-virt -cpu Loongson-3A1000 -m "$MEMORY" -nographic -no-reboot
    -kernel "$kernel" -initrd "$initrd" -append "$append")

seconds() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b - a}'; } # seconds FROM TO

# watch_console START MARKER_FILE: copies the console (without CRs) to stdout and writes the seconds from
# START until the marker line arrived into MARKER_FILE. Reading line by line timestamps the marker exactly
# without polling the log.
watch_console() {
    local start="$1" marker_file="$2" line seen=
    while IFS= read -r line || [[ -n "$line" ]]; do
        line="${line%$'\r'}"
        if [[ -z "$seen" && "$line" == *"$MARKER"* ]]; then
            seconds "$start" "$EPOCHREALTIME" >"$marker_file"
            seen=1
        fi
        printf '%s\n' "$line"
    done
}

declare -A best # best[SYSTEM:METRIC] = fastest seconds so far, or WRONG
metrics=(boot sha256sum md5sum gzip total)
labels=("boot to /init" "sha256sum 16M" "md5sum 16M" "gzip -9 16M" "to power-off")

keep_best() { # keep_best KEY SECONDS
    [[ "${best[$1]:-}" == WRONG ]] && return
    if [[ -z "${best[$1]:-}" ]] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN{exit !(a < b)}'; then
        best[$1]="$2"
    fi
}

# boot_once SYSTEM RUN: one boot of the runner array named SYSTEM; records its times in best[]. Fails when
# the machine did not power off cleanly with all three results, so that a broken system is not retried.
boot_once() {
    local -n runner="$1"
    local system="$1" console="$work/$1-$2.console" start end status tag metric from to digest found=0
    rm -f "$console.marker"
    start="$EPOCHREALTIME"
    # timeout puts the system in its own process group and kills that whole group (KILL 10 s after TERM).
    timeout -k 10 "$PERF_TIMEOUT" "${runner[@]}" </dev/null 2>&1 | watch_console "$start" "$console.marker" >"$console"
    status="${PIPESTATUS[0]}"
    end="$EPOCHREALTIME"
    [[ -s "$console.marker" ]] && keep_best "$system:boot" "$(<"$console.marker")"
    while read -r tag metric from to digest; do
        [[ "$tag" == PERF-RESULT ]] || continue
        found=$((found + 1))
        if [[ "$digest" != "${expected[$metric]}" ]]; then
            log "$system: $metric printed $digest, expected ${expected[$metric]} (console: $console)"
            best[$system:$metric]=WRONG
        else
            keep_best "$system:$metric" "$(seconds "$from" "$to")"
        fi
    done < <(grep -ao 'PERF-RESULT [a-z0-9]* [0-9.]* [0-9.]* [0-9a-f]*' "$console")
    if ((status != 0)) || [[ ! -s "$console.marker" ]] || ((found != 3)); then
        ((status == 124)) && log "$system: timed out after $PERF_TIMEOUT s"
        log "$system exited with $status, $found of 3 results; console tail ($console):"
        tail -n 5 "$console" | sed 's/^/    /' >&2
        return 1
    fi
    keep_best "$system:total" "$(seconds "$start" "$end")"
}

ratio() { # ratio A B: A/B, or - when either is not a number
    [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]] || { echo -; return; }
    awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2fx", a / b; else print "-" }'
}

for system in qemu ours; do
    for ((run = 1; run <= RUNS; run++)); do
        log "$system: boot $run of $RUNS"
        boot_once "$system" "$run" || break
    done
done

printf '%-14s %10s %10s %10s\n' seconds ours qemu ours/qemu
for index in "${!metrics[@]}"; do
    t_ours="${best[ours:${metrics[$index]}]:-FAIL}"
    t_qemu="${best[qemu:${metrics[$index]}]:-FAIL}"
    printf '%-14s %10s %10s %10s\n' "${labels[$index]}" "$t_ours" "$t_qemu" "$(ratio "$t_ours" "$t_qemu")"
done
