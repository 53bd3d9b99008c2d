#!/usr/bin/env bash
# Fetches Debian trixie's 6.12 cloud kernel (DAMON with vaddr+paddr) into a cache outside
# the repo and prints the path of its vmlinuz. Recipe and facts: spec/kernel-vm.md §2.
# Cache: $DAMO_VM_CACHE or ~/.cache/damo-kernel-vm. The Debian mirror is the one the
# machine's own apt sources use (override: DAMO_VM_MIRROR); the index is read through a
# temporary apt configuration so the machine's apt state is left alone.
set -euo pipefail

cache="${DAMO_VM_CACHE:-$HOME/.cache/damo-kernel-vm}"
series="${DAMO_VM_KERNEL_SERIES:-6.12}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

die() { echo "fetch-kernel: $*" >&2; exit 1; }

# A previous fetch of this series is reused as it is: the kernel does not change under us.
for k in "$cache"/kernel-"$series".*/vmlinuz; do
	case "$k" in *.tmp.*) continue ;; esac
	if [ -s "$k" ]; then echo "$k"; exit 0; fi
done

command -v apt-get >/dev/null || die "apt-get is missing; cannot fetch the kernel package"
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing; cannot unpack the kernel package"
[ -r "$keyring" ] || die "$keyring is missing (package debian-archive-keyring)"

mirror_from_apt() {
	# First non-security Debian URI of the machine's apt sources (deb822 or one-line form).
	local f uri
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		while read -r uri; do
			case "$uri" in *security*) continue ;; esac
			echo "$uri"; return 0
		done < <(sed -n 's/^URIs:[[:space:]]*//p' "$f" | tr ' ' '\n' | grep -E '/debian/?$' || true)
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\// && $i !~ /security/ && $i ~ /\/debian\/?$/) { print $i; exit } }' "$f")
		if [ -n "$uri" ]; then echo "$uri"; return 0; fi
	done
	return 1
}

mirror="${DAMO_VM_MIRROR:-$(mirror_from_apt || true)}"
[ -n "$mirror" ] || die "no Debian mirror found in /etc/apt sources; set DAMO_VM_MIRROR"

mkdir -p "$cache"
work=$(mktemp -d "$cache/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
echo "deb [signed-by=$keyring] $mirror trixie main" >"$work/sources.list"
apt_opts=(
	-o "Dir::Etc::SourceList=$work/sources.list"
	-o "Dir::Etc::SourceParts=/dev/null"
	-o "Dir::State::Lists=$work/lists"
	-o "Dir::Cache=$work/cache"
	-o "APT::Sandbox::User=root"
)
echo "fetch-kernel: reading trixie's package index" >&2
apt-get "${apt_opts[@]}" -qq update >&2 || die "apt-get update of the temporary trixie source failed"
pkg=$(apt-cache "${apt_opts[@]}" search --names-only "^linux-image-${series//./\\.}\\..*-cloud-amd64\$" |
	awk '{ print $1 }' | grep -v -- '-dbg' | sort -V | tail -n 1)
[ -n "$pkg" ] || die "trixie's index lists no linux-image-$series.*-cloud-amd64"
echo "fetch-kernel: downloading $pkg" >&2
(cd "$work/deb" && apt-get "${apt_opts[@]}" -qq download "$pkg" >&2) || die "download of $pkg failed"
dpkg-deb -x "$work"/deb/*.deb "$work/root"
src=$(ls "$work"/root/boot/vmlinuz-* 2>/dev/null | head -n 1)
[ -n "$src" ] || die "$pkg holds no boot/vmlinuz-*"
ver=${src##*/vmlinuz-}
dest="$cache/kernel-$ver"
# Made under a private name and renamed: a concurrent run sees a whole kernel or none.
tmp="$dest.tmp.$$"
mkdir -p "$tmp"
cp "$src" "$tmp/vmlinuz"
cp "$work"/root/boot/config-"$ver" "$tmp/config" 2>/dev/null || true
echo "$pkg" >"$tmp/package"
mv -T "$tmp" "$dest" 2>/dev/null || rm -rf "$tmp"
echo "$dest/vmlinuz"
