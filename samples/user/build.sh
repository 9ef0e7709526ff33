#!/usr/bin/env bash
# Cross-compiles every samples/user/*.c to OUT/<name>-O0 and OUT/<name>-O2 as static mips64el n64
# programs. Idempotent: a binary newer than its source and this script is left alone.
#
# Usage: build.sh OUT
set -euo pipefail

readonly CC=mips64el-linux-gnuabi64-gcc
readonly PACKAGE=gcc-mips64el-linux-gnuabi64

[[ $# -eq 1 ]] || { echo "usage: $0 OUT" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
mkdir -p "$1"
out="$(cd "$1" && pwd -P)"

if ! command -v "$CC" >/dev/null; then
    echo "build.sh: installing $PACKAGE" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "$PACKAGE" libc6-dev-mips64el-cross >&2
fi

for source in "$here"/*.c; do
    name="$(basename "$source" .c)"
    for level in O0 O2; do
        target="$out/$name-$level"
        if [[ -f "$target" && "$target" -nt "$source" && "$target" -nt "${BASH_SOURCE[0]}" ]]; then
            continue
        fi
        # Written under a temporary name first, so an interrupted build never leaves a half binary.
        "$CC" -static -"$level" -march=mips64r2 -mabi=64 -Wall -Wextra -o "$target.tmp" "$source" -lm
        mv "$target.tmp" "$target"
        echo "built $target" >&2
    done
done
