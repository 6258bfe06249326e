#!/usr/bin/env bash
# Build Wharf's engine VM image from Debian's packages only:
#   vmlinuz      Debian's kernel (linux-image-amd64)
#   initrd.img   a tiny initrd (busybox-static + the disk drivers)
#   root.qcow2   a minimal Debian root with dockerd, containerd, runc, sshd
#   version.json the image version, kernel, and the hash of this folder
#   packages.txt every package in the root and its version, then the kernel's
#   rootfs.tar.gz the same root for WSL2 (only with WHARF_VM_WSL=1)
# Usage: build-image.sh <output dir> [<version>]
# Needs root, debootstrap, dpkg-deb, mkfs.ext4 (with -d), qemu-img, kmod,
# cpio and gzip. No loop mounts, no network other than the Debian mirror apt
# already uses (read from /etc/apt/sources.list*, or $WHARF_VM_MIRROR).
# Reproducible: the same package versions give bit-for-bit the same vmlinuz,
# initrd.img, root.qcow2 and packages.txt (scripts/vm-image-repro.sh checks).
#   WHARF_VM_PACKAGES=<packages.txt>  install exactly those versions (from the
#                                     mirror, so while it still serves them)
#   WHARF_VM_DEB_CACHE=<dir>          keep the downloaded .debs there (debootstrap --cache-dir)
set -euo pipefail

OUT="${1:?usage: build-image.sh <output dir> [<version>]}"
VERSION="${2:-dev}"
SUITE="${WHARF_VM_SUITE:-bookworm}"
HERE="$(cd "$(dirname "$0")" && pwd)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1735689600}"
export LC_ALL=C DEBIAN_FRONTEND=noninteractive
# mke2fs takes its own times (superblock, crtime, lost+found) from this.
export E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH"

step() { echo "[wharf-vm-image] $*"; }
die() { echo "[wharf-vm-image] error: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap needs it)"
for tool in debootstrap dpkg-deb mkfs.ext4 debugfs e2fsck qemu-img depmod modprobe cpio gzip apt-get; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install debootstrap qemu-utils e2fsprogs kmod cpio)"
done

mirror() {
  if [ -n "${WHARF_VM_MIRROR:-}" ]; then echo "$WHARF_VM_MIRROR"; return; fi
  local m
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ')"
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR="$(mirror)"

PINNED=""
if [ -n "${WHARF_VM_PACKAGES:-}" ]; then
  [ -f "$WHARF_VM_PACKAGES" ] || die "WHARF_VM_PACKAGES: no such file: $WHARF_VM_PACKAGES"
  PINNED="$(cd "$(dirname "$WHARF_VM_PACKAGES")" && pwd)/$(basename "$WHARF_VM_PACKAGES")"
fi
DEB_CACHE=()
if [ -n "${WHARF_VM_DEB_CACHE:-}" ]; then
  mkdir -p "$WHARF_VM_DEB_CACHE"
  DEB_CACHE=(--cache-dir="$(cd "$WHARF_VM_DEB_CACHE" && pwd)")
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wharf-vm-build.XXXXXX")"
ROOT="$WORK/root"
cleanup() {
  for m in proc sys dev/pts dev; do umount "$ROOT/$m" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

step "debootstrap $SUITE from $MIRROR (minbase, engine, sshd)"
debootstrap --variant=minbase --merged-usr "${DEB_CACHE[@]}" \
  --include=docker.io,openssh-server,e2fsprogs,iproute2,kmod,procps,busybox-static,iptables \
  "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -n 30 "$WORK/debootstrap.log"; die "debootstrap failed"; }

installed() { chroot "$ROOT" dpkg-query -W -f '${Package} ${Version}\n' | LC_ALL=C sort; }
if [ -n "$PINNED" ]; then
  # debootstrap installs what the mirror serves today; bring each package to the listed version.
  step "package versions from $PINNED"
  grep -v '^linux-image-' "$PINNED" | LC_ALL=C sort >"$WORK/want.txt"
  installed >"$WORK/have.txt"
  if ! cmp -s "$WORK/want.txt" "$WORK/have.txt"; then
    mkdir -p "$ROOT/tmp/wharf-pin"
    LC_ALL=C comm -23 "$WORK/want.txt" "$WORK/have.txt" | while read -r pkg ver; do
      (cd "$ROOT/tmp/wharf-pin" && apt-get download "$pkg=$ver" >/dev/null 2>&1) \
        || die "$pkg $ver is not on the mirror any more (it serves only current versions): cannot rebuild $PINNED"
    done
    if ls "$ROOT"/tmp/wharf-pin/*.deb >/dev/null 2>&1; then
      chroot "$ROOT" sh -c 'dpkg -i --force-depends /tmp/wharf-pin/*.deb' >"$WORK/pin.log" 2>&1 \
        || { tail -n 20 "$WORK/pin.log"; die "installing the listed versions failed"; }
    fi
    LC_ALL=C comm -13 <(cut -d' ' -f1 "$WORK/want.txt") <(cut -d' ' -f1 "$WORK/have.txt") | while read -r pkg; do
      chroot "$ROOT" dpkg --purge --force-depends "$pkg" >>"$WORK/pin.log" 2>&1 || die "could not remove $pkg (not in $PINNED)"
    done
    rm -rf "$ROOT/tmp/wharf-pin"
    installed >"$WORK/have.txt"
    cmp -s "$WORK/want.txt" "$WORK/have.txt" || { diff "$WORK/want.txt" "$WORK/have.txt" | head -n 20; die "the root does not match $PINNED"; }
  fi
fi

step "kernel from Debian's linux-image-amd64"
if [ -n "$PINNED" ] && grep -q '^linux-image-' "$PINNED"; then
  read -r KPKG KPKG_VERSION < <(grep '^linux-image-' "$PINNED" | head -n 1)
  KPKG_WANT="$KPKG=$KPKG_VERSION"
else
  KPKG="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')"
  KPKG_WANT="$KPKG"
fi
[ -n "$KPKG" ] || die "cannot find the kernel package behind linux-image-amd64 (apt-get update?)"
KCACHE="${WHARF_VM_DEB_CACHE:+$WHARF_VM_DEB_CACHE/kernel}"
if [ -n "$KCACHE" ] && [ -z "${KPKG_VERSION:-}" ] && ls "$KCACHE/${KPKG}"_*.deb >/dev/null 2>&1; then
  cp "$KCACHE/${KPKG}"_*.deb "$WORK/"
elif [ -n "$KCACHE" ] && [ -n "${KPKG_VERSION:-}" ] && ls "$KCACHE/${KPKG}_${KPKG_VERSION//:/%3a}"_*.deb >/dev/null 2>&1; then
  cp "$KCACHE/${KPKG}_${KPKG_VERSION//:/%3a}"_*.deb "$WORK/"
else
  (cd "$WORK" && apt-get download "$KPKG_WANT" >/dev/null 2>&1) || die "could not download $KPKG_WANT"
  if [ -n "$KCACHE" ]; then mkdir -p "$KCACHE" && cp "$WORK/${KPKG}"_*.deb "$KCACHE/"; fi
fi
KPKG_VERSION="$(dpkg-deb -f "$WORK"/"$KPKG"_*.deb Version)"
mkdir -p "$WORK/kernel"
dpkg-deb -x "$WORK"/"$KPKG"_*.deb "$WORK/kernel"
KVER="$(ls "$WORK/kernel/lib/modules")"
cp "$WORK/kernel/boot/vmlinuz-$KVER" "$OUT/vmlinuz"

# Only what a VM running containers needs: virtio, block, networking,
# filesystems, netfilter. No sound, wireless, GPUs or physical NICs.
MODS="$WORK/kernel/lib/modules/$KVER/kernel"
rm -rf "$MODS/sound" "$MODS/net/wireless" "$MODS/net/mac80211" "$MODS/net/bluetooth"
for d in "$MODS"/drivers/*; do
  case "$(basename "$d")" in virtio|block|char|firmware|net|md) ;; *) rm -rf "$d" ;; esac
done
for d in "$MODS"/drivers/net/*/; do
  case "$(basename "$d")" in ipvlan|vxlan|team|bonding) ;; *) rm -rf "$d" ;; esac
done
mkdir -p "$ROOT/usr/lib/modules"
cp -a "$WORK/kernel/lib/modules/$KVER" "$ROOT/usr/lib/modules/"
depmod -b "$ROOT" "$KVER"

step "initrd (busybox + disk drivers)"
INITRD="$WORK/initrd"
mkdir -p "$INITRD/bin" "$INITRD/modules" "$INITRD/proc" "$INITRD/dev" "$INITRD/root"
cp "$ROOT/usr/bin/busybox" "$INITRD/bin/busybox"
for applet in sh mount umount insmod sleep mkdir switch_root cat seq echo; do ln -s busybox "$INITRD/bin/$applet"; done
cp "$HERE/guest/init-initrd" "$INITRD/init"
: >"$INITRD/modules.order"
for m in virtio_pci virtio_blk ext4; do modprobe -d "$ROOT" -S "$KVER" --show-depends "$m"; done \
  | awk '$1=="insmod"{print $2}' | while read -r ko; do
    name="$(basename "$ko")"
    grep -qx "$name" "$INITRD/modules.order" && continue
    cp "$ko" "$INITRD/modules/$name"
    echo "$name" >>"$INITRD/modules.order"
  done
find "$INITRD" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$INITRD" && find . -print0 | LC_ALL=C sort -z | cpio --null --create --format=newc --reproducible --quiet \
  | gzip -9 -n >"$OUT/initrd.img")

step "guest setup (init, sshd, engine)"
install -m 0755 "$HERE/guest/wharf-init" "$ROOT/sbin/wharf-init"
install -m 0755 "$HERE/guest/wharf-poweroff" "$ROOT/sbin/wharf-poweroff"
echo "$VERSION" >"$ROOT/etc/wharf-guest-version"
cat >"$ROOT/etc/ssh/sshd_config.d/wharf.conf" <<'CONF'
# Only the key Wharf passes at boot; the port is forwarded from the host's loopback only.
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile /run/wharf/authorized_keys
AllowStreamLocalForwarding yes
UseDNS no
HostKey /run/wharf/ssh_host_ed25519_key
CONF
# No host keys in the image: the host makes the VM's own and hands it over at each boot (wharf-init).
rm -f "$ROOT"/etc/ssh/ssh_host_*
mkdir -p "$ROOT/etc/docker"
echo '{ "storage-driver": "overlay2" }' >"$ROOT/etc/docker/daemon.json"
echo "wharf-vm" >"$ROOT/etc/hostname"
{ installed; echo "$KPKG $KPKG_VERSION"; } >"$OUT/packages.txt"
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* \
  "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/var/log/*.log "$ROOT"/var/cache/debconf/*-old
# What differs from build to build: ldconfig's cache of inodes and times, apt's
# and dpkg's logs, backups of the account files, a machine id, and the days of
# the last password change (today) in /etc/shadow.
rm -rf "$ROOT"/var/cache/ldconfig/aux-cache "$ROOT"/var/log/apt/* "$ROOT"/var/log/dpkg.log* \
  "$ROOT"/etc/passwd- "$ROOT"/etc/group- "$ROOT"/etc/shadow- "$ROOT"/etc/gshadow- "$ROOT"/var/lib/dbus/machine-id
[ -e "$ROOT/etc/machine-id" ] && : >"$ROOT/etc/machine-id"
sed -i -E "s/^([^:]*:[^:]*:)[0-9]+:/\1$((SOURCE_DATE_EPOCH / 86400)):/" "$ROOT/etc/shadow"
find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
for m in proc sys dev/pts dev; do umount "$ROOT/$m" 2>/dev/null || true; done

step "root disk (ext4 from the folder, no loop mount)"
# The size from the files alone (not from how the build's filesystem laid them out), in steps of 64 MB.
CONTENT_MB=$(( ($(find "$ROOT" -printf '%s\n' | awk '{s += $1 + 4096} END {print s}') + 1048575) / 1048576 ))
SIZE_MB=$(( (CONTENT_MB * 13 / 10 + 64 + 63) / 64 * 64 ))
find "$ROOT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} + 2>/dev/null || true
# mke2fs -d adds each folder's entries in sorted order (scandir) and copies
# their times, but a file's change time (ctime) cannot be set on the build's
# filesystem: it is set in the image afterwards, with debugfs.
mkfs.ext4 -q -F -L wharf-root -U 2b1e9c1a-7e57-4f00-9a11-000000000001 -E hash_seed=2b1e9c1a-7e57-4f00-9a11-000000000002 \
  -d "$ROOT" "$WORK/root.ext4" "${SIZE_MB}M"
[ -z "$(find "$ROOT" -name '*"*' -print -quit)" ] || die "a file name with a double quote cannot be given to debugfs"
(cd "$ROOT" && find . -mindepth 1 -printf '%P\n') | LC_ALL=C sort \
  | awk -v t="@$SOURCE_DATE_EPOCH" 'BEGIN {print "sif \"/\" ctime " t} {print "sif \"/" $0 "\" ctime " t}' >"$WORK/ctime.cmds"
debugfs -w -f "$WORK/ctime.cmds" "$WORK/root.ext4" >"$WORK/debugfs.log" 2>&1 || { tail -n 20 "$WORK/debugfs.log"; die "debugfs failed"; }
if grep -v '^debugfs' "$WORK/debugfs.log" | head -n 5 | grep .; then die "debugfs could not set some change times"; fi
e2fsck -fn "$WORK/root.ext4" >"$WORK/e2fsck.log" 2>&1 || { tail -n 20 "$WORK/e2fsck.log"; die "the root filesystem is not consistent"; }
qemu-img convert -q -f raw -O qcow2 "$WORK/root.ext4" "$OUT/root.qcow2"
if [ -n "${WHARF_VM_WSL:-}" ]; then
  step "WSL root (rootfs.tar.gz, for wsl --import)"
  tar -C "$ROOT" --numeric-owner --sort=name --mtime="@$SOURCE_DATE_EPOCH" -czf "$OUT/rootfs.tar.gz" .
fi

HASH="${WHARF_VM_SCRIPT_HASH:-$(cd "$HERE" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)}"
cat >"$OUT/version.json" <<JSON
{ "version": "$VERSION", "suite": "$SUITE", "kernel": "$KVER", "scriptHash": "$HASH", "rootMB": $SIZE_MB }
JSON
step "done: $(du -sh "$OUT" | cut -f1) in $OUT"
