#!/usr/bin/env bash
# Fetches the Debian mips64el guest used by LoongsonDbt: the kernel behind the
# meta-package linux-image-loongson-3 and busybox-static, unpacked into a cache.
#
# Prints KERNEL=, BUSYBOX= and CACHE= lines on stdout; everything else goes to stderr.
# A second run with the files present touches no network.
#
# Overrides (all optional): LOONGSON_DBT_CACHE, DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR, DEBIAN_SUITE.
set -euo pipefail

readonly ARCH=mips64el
readonly KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
readonly KERNEL_META=linux-image-loongson-3
readonly BUSYBOX_PACKAGE=busybox-static

log() { printf 'fetch-debian-guest: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

cache_root="${LOONGSON_DBT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/loongson-dbt}"
mkdir -p "$cache_root/debian"
cache="$(cd "$cache_root/debian" && pwd -P)"
# The stamp is written last, so its presence means a previous run finished completely.
stamp="$cache/guest.env"

print_result_from_stamp() {
    local kernel busybox
    kernel="$(sed -n 's/^KERNEL=//p' "$stamp")"
    busybox="$(sed -n 's/^BUSYBOX=//p' "$stamp")"
    [[ -f "$kernel" && -f "$busybox" ]] || return 1
    printf 'KERNEL=%s\nBUSYBOX=%s\nCACHE=%s\n' "$kernel" "$busybox" "$cache"
}

if [[ -f "$stamp" ]] && print_result_from_stamp; then
    exit 0
fi

# Mirror and suite come from the host's Debian sources when it has them, because the
# host may only be allowed to reach the mirror it is configured with.
# Prints "URI SUITE" for every Debian binary source the host has (deb822 and one-line format).
host_sources() {
    local files=()
    shopt -s nullglob
    files=(/etc/apt/sources.list.d/*.sources)
    ((${#files[@]})) && awk '
        function flush(  u, s, nu, ns, i, j) {
            if (types ~ /(^| )deb( |$)/) {
                nu = split(uris, u, " "); ns = split(suites, s, " ")
                for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
            }
            types = uris = suites = ""
        }
        /^[[:space:]]*$/ { flush(); next }
        /^Types:/ { $1 = ""; types = $0 }
        /^URIs:/ { $1 = ""; uris = $0 }
        /^Suites:/ { $1 = ""; suites = $0 }
        END { flush() }' "${files[@]}"
    files=(/etc/apt/sources.list.d/*.list)
    shopt -u nullglob
    [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
    ((${#files[@]})) && sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\)[[:space:]]\+\([^[:space:]]\+\).*/\2 \3/p' "${files[@]}"
    return 0
}
host_uri_for_suite() { host_sources | awk -v suite="$1" '$2 == suite { print $1; exit }'; }

suite="${DEBIAN_SUITE:-$(host_sources | awk '$2 ~ /^[a-z]+$/ { print $2; exit }')}"
suite="${suite:-bookworm}"
mirror="${DEBIAN_MIRROR:-$(host_uri_for_suite "$suite")}"
mirror="${mirror:-http://deb.debian.org/debian}"
security_mirror="${DEBIAN_SECURITY_MIRROR:-$(host_uri_for_suite "$suite-security")}"
security_mirror="${security_mirror:-http://deb.debian.org/debian-security}"

if [[ ! -f "$KEYRING" ]]; then
    log "installing debian-archive-keyring (needed to verify the mips64el indices)"
    apt-get install -y debian-archive-keyring >&2 || die "cannot install debian-archive-keyring"
fi

# A private apt state: the host's dpkg architectures and package lists stay untouched.
state="$cache/apt"
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc/preferences.d"
touch "$state/status"
cat >"$state/etc/sources.list" <<EOF
deb [arch=$ARCH signed-by=$KEYRING] $mirror $suite main
deb [arch=$ARCH signed-by=$KEYRING] $mirror $suite-updates main
deb [arch=$ARCH signed-by=$KEYRING] $security_mirror $suite-security main
EOF
apt_options=(
    -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
    -o "Dir::Cache=$state/cache" -o "Dir::Etc::SourceList=$state/etc/sources.list"
    -o Dir::Etc::SourceParts=/nonexistent -o Dir::Etc::Preferences=/nonexistent
    -o "Dir::Etc::PreferencesParts=$state/etc/preferences.d"
    -o "APT::Architecture=$ARCH" -o "APT::Architectures::=$ARCH"
    # The cache may sit under a home directory the _apt sandbox user cannot enter.
    -o APT::Sandbox::User=root
    -o Acquire::Retries=1 -o Acquire::http::Timeout=30
)

log "updating $ARCH package lists from $mirror ($suite) and $security_mirror"
# apt's own report goes to a log so that a failure reads as one line.
if ! apt-get "${apt_options[@]}" -q update >"$state/update.log" 2>&1 \
    || ! compgen -G "$state/lists/*_${suite}_main_binary-${ARCH}_Packages*" >/dev/null; then
    die "cannot reach the Debian archive $mirror ($suite, $ARCH) and no guest is cached in $cache (details: $state/update.log)"
fi

# The meta-package's candidate depends on exactly one versioned kernel package
# (e.g. linux-image-6.1.0-50-loongson-3); --no-all-versions keeps older versions' fields out.
kernel_package="$(apt-cache "${apt_options[@]}" show --no-all-versions "$KERNEL_META" \
    | sed -n 's/^Depends:.*\(linux-image-[0-9][^[:space:],]*\).*/\1/p' | head -n 1)"
[[ -n "$kernel_package" ]] || die "cannot resolve the kernel behind $KERNEL_META in $mirror ($suite)"
log "kernel package: $kernel_package"

# Downloaded .deb files live apart from the unpacked tree.
debs="$cache/debs"
mkdir -p "$debs"
(cd "$debs" && apt-get "${apt_options[@]}" -q download "$kernel_package" "$BUSYBOX_PACKAGE" >&2) \
    || die "cannot download $kernel_package and $BUSYBOX_PACKAGE from $mirror ($suite)"

# Unpack into a fresh directory and swap it in, so an interrupted run never leaves a half tree.
root="$cache/root"
staging="$cache/root.partial"
rm -rf "$staging"
mkdir -p "$staging"
for package in "$kernel_package" "$BUSYBOX_PACKAGE"; do
    deb="$(ls -t "$debs/${package}_"*"_${ARCH}.deb" | head -n 1)"
    dpkg-deb -x "$deb" "$staging"
done
rm -rf "$root"
mv "$staging" "$root"

kernel="$root/boot/vmlinuz-${kernel_package#linux-image-}"
busybox="$root/bin/busybox"
[[ -f "$kernel" ]] || die "$kernel_package has no ${kernel#"$root"/}"
[[ -f "$busybox" ]] || die "$BUSYBOX_PACKAGE has no bin/busybox"

printf 'KERNEL=%s\nBUSYBOX=%s\n' "$kernel" "$busybox" >"$stamp.partial"
mv "$stamp.partial" "$stamp"
print_result_from_stamp
