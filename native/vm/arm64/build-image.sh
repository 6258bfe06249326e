#!/usr/bin/env bash
# Build Wharf's arm64 engine VM image (for Apple silicon's HVF, arm64 Linux's
# KVM) from Debian's packages only, on any Linux host, without binfmt_misc:
#   1. debootstrap --arch=arm64 --foreign: downloads and unpacks only;
#   2. Debian's linux-image-arm64 and busybox-static make a build initrd;
#   3. the half-made root boots under qemu-system-aarch64 (TCG emulation on
#      an x86-64 host) and runs debootstrap --second-stage and the guest setup
#      itself (./stage2), then powers off;
#   4. the ext4 disk is shrunk and converted to qcow2.
# The result has the same files as ../build-image.sh's: vmlinuz, initrd.img,
# root.qcow2, version.json ("arch": "arm64"), packages.txt.
# Usage: build-image.sh <output dir> [<version>]
# Needs root, debootstrap, dpkg-deb, apt-get, mkfs.ext4, resize2fs, debugfs,
# qemu-img, qemu-system-aarch64 (Debian: qemu-system-arm), kmod, cpio, gzip.
# Network: only the Debian mirror (as ../build-image.sh). Slow under TCG:
# $WHARF_VM_BUILD_TIMEOUT (seconds, default 10800) bounds the guest's part.
set -euo pipefail

OUT="${1:?usage: build-image.sh <output dir> [<version>]}"
VERSION="${2:-dev}"
SUITE="${WHARF_VM_SUITE:-bookworm}"
ARCH=arm64
HERE="$(cd "$(dirname "$0")" && pwd)"
GUEST="$HERE/../guest"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1735689600}"
export LC_ALL=C DEBIAN_FRONTEND=noninteractive

step() { echo "[wharf-vm-image] $*"; }
die() { echo "[wharf-vm-image] error: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap needs it)"
for tool in debootstrap dpkg-deb mkfs.ext4 resize2fs e2fsck debugfs qemu-img qemu-system-aarch64 depmod modprobe cpio gzip apt-get; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install debootstrap qemu-utils qemu-system-arm e2fsprogs kmod cpio)"
done

mirror() {
  if [ -n "${WHARF_VM_MIRROR:-}" ]; then echo "$WHARF_VM_MIRROR"; return; fi
  local m
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ')"
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR="$(mirror)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wharf-vm-build-arm64.XXXXXX")"
ROOT="$WORK/root"
QEMU_PID=""
cleanup() {
  [ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

step "debootstrap --foreign $SUITE arm64 from $MIRROR (minbase, engine, sshd; unpacked only)"
debootstrap --arch="$ARCH" --foreign --variant=minbase --merged-usr \
  --include=docker.io,openssh-server,e2fsprogs,iproute2,kmod,procps,busybox-static,iptables \
  "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -n 30 "$WORK/debootstrap.log"; die "debootstrap --foreign failed"; }

# A private apt for the arm64 archive: the host's own apt (architectures,
# lists, status) is left as it was.
step "kernel from Debian's linux-image-$ARCH"
APT="$WORK/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"
: >"$APT/status"
echo "deb $MIRROR $SUITE main" >"$APT/sources.list"
apt_arm64() {
  "$@" -o Dir::State::Lists="$APT/lists" -o Dir::State::status="$APT/status" -o Dir::Cache="$APT/cache" \
    -o Dir::Etc::SourceList="$APT/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
    -o APT::Architecture="$ARCH" -o APT::Architectures::="$ARCH" -o Debug::NoLocking=1
}
apt_arm64 apt-get -qq update >"$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log"; die "apt-get update (arm64) failed"; }
KPKG="$(apt_arm64 apt-cache depends "linux-image-$ARCH" | awk '/Depends: linux-image-/{print $2; exit}')"
[ -n "$KPKG" ] || die "cannot find the kernel package behind linux-image-$ARCH"
(cd "$WORK" && apt_arm64 apt-get download "$KPKG:$ARCH" >>"$WORK/apt.log" 2>&1) || { tail -n 20 "$WORK/apt.log"; die "could not download $KPKG"; }
mkdir -p "$WORK/kernel"
dpkg-deb -x "$WORK"/"$KPKG"_*.deb "$WORK/kernel"
KVER="$(ls "$WORK/kernel/lib/modules")"
cp "$WORK/kernel/boot/vmlinuz-$KVER" "$OUT/vmlinuz"

# As for amd64: only what a VM running containers needs.
MODS="$WORK/kernel/lib/modules/$KVER/kernel"
rm -rf "$MODS/sound" "$MODS/net/wireless" "$MODS/net/mac80211" "$MODS/net/bluetooth"
for d in "$MODS"/drivers/*; do
  case "$(basename "$d")" in virtio|block|char|firmware|net|md|pci) ;; *) rm -rf "$d" ;; esac
done
for d in "$MODS"/drivers/net/*/; do
  case "$(basename "$d")" in ipvlan|vxlan|team|bonding) ;; *) rm -rf "$d" ;; esac
done
mkdir -p "$ROOT/usr/lib/modules"
cp -a "$WORK/kernel/lib/modules/$KVER" "$ROOT/usr/lib/modules/"
depmod -b "$ROOT" "$KVER"

# busybox-static for arm64 is among the .debs the first stage fetched.
step "initrds (arm64 busybox + disk drivers): the engine's, and the build's"
BBDEB="$(ls "$ROOT"/var/cache/apt/archives/busybox-static_*_"$ARCH".deb | head -n 1)"
mkdir -p "$WORK/busybox"
dpkg-deb -x "$BBDEB" "$WORK/busybox"
make_initrd() { # <init script> <output>
  local dir="$WORK/initrd-$(basename "$2")"
  mkdir -p "$dir/bin" "$dir/modules" "$dir/proc" "$dir/dev" "$dir/root"
  cp "$WORK/busybox/bin/busybox" "$dir/bin/busybox"
  for applet in sh mount umount insmod sleep mkdir switch_root cat seq echo; do ln -s busybox "$dir/bin/$applet"; done
  cp "$1" "$dir/init"
  : >"$dir/modules.order"
  for m in virtio_mmio virtio_pci virtio_blk ext4; do modprobe -d "$ROOT" -S "$KVER" --show-depends "$m" || true; done \
    | awk '$1=="insmod"{print $2}' | while read -r ko; do
      name="$(basename "$ko")"
      grep -qx "$name" "$dir/modules.order" && continue
      cp "$ko" "$dir/modules/$name"
      echo "$name" >>"$dir/modules.order"
    done
  (cd "$dir" && find . -print0 | LC_ALL=C sort -z | cpio --null --create --format=newc --reproducible --quiet \
    | gzip -9 -n >"$2")
}
make_initrd "$GUEST/init-initrd" "$OUT/initrd.img"
make_initrd "$HERE/init-initrd-build" "$WORK/initrd-build.img"

step "guest setup files (init, sshd, engine)"
install -m 0755 "$GUEST/wharf-init" "$ROOT/usr/sbin/wharf-init"
install -m 0755 "$GUEST/wharf-poweroff" "$ROOT/usr/sbin/wharf-poweroff"
install -m 0755 "$HERE/stage2" "$ROOT/wharf-stage2"
echo "$VERSION" >"$ROOT/etc/wharf-guest-version"
mkdir -p "$ROOT/etc/ssh/sshd_config.d" "$ROOT/etc/docker"
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
echo '{ "storage-driver": "overlay2" }' >"$ROOT/etc/docker/daemon.json"

# In a container the first stage may leave /proc a symlink to the host's /proc: the guest needs a folder.
for d in proc sys dev; do
  if [ -L "$ROOT/$d" ]; then rm -f "$ROOT/$d"; fi
  mkdir -p "$ROOT/$d"
done

# Room for the unpacked .debs and the installed system; the unused part stays sparse.
step "build disk (ext4 from the folder, no loop mount)"
mkfs.ext4 -q -F -L wharf-root -U 2b1e9c1a-7e57-4f00-9a11-000000000001 -E hash_seed=2b1e9c1a-7e57-4f00-9a11-000000000002 \
  -d "$ROOT" "$WORK/root.ext4" 4G
rm -rf "$ROOT"

step "debootstrap --second-stage inside qemu-system-aarch64 (TCG: this is the slow part)"
began=$(date +%s)
qemu-system-aarch64 -machine virt,highmem=on -accel tcg,thread=multi -cpu "${WHARF_VM_BUILD_CPU:-max,pauth=off}" \
  -smp "${WHARF_VM_BUILD_CPUS:-2}" -m 2048M -nodefaults -no-user-config -display none -no-reboot \
  -kernel "$OUT/vmlinuz" -initrd "$WORK/initrd-build.img" -append "console=ttyAMA0 panic=-1 rootwait" \
  -drive "if=none,id=root,file=$WORK/root.ext4,format=raw,discard=unmap,cache=unsafe" -device virtio-blk-pci,drive=root \
  -device virtio-rng-pci -serial "file:$WORK/console.log" &
QEMU_PID=$!
# Follow the guest's own steps (debootstrap's "I:" lines) while it works.
( tail -n +1 -F --pid="$QEMU_PID" "$WORK/console.log" 2>/dev/null \
  | grep --line-buffered -E '^(wharf-build|I): ' | sed -u 's/^/[wharf-vm-image]   guest: /' ) &
deadline=$(( began + ${WHARF_VM_BUILD_TIMEOUT:-10800} ))
while kill -0 "$QEMU_PID" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ]; then tail -n 30 "$WORK/console.log"; die "the build VM did not finish in time"; fi
  sleep 5
done
wait "$QEMU_PID" || true
QEMU_PID=""
step "build VM done in $(( $(date +%s) - began )) s"
cp "$WORK/console.log" "$OUT/build-console.log" 2>/dev/null || true
STATUS="$(debugfs -R 'cat /wharf-stage2.status' "$WORK/root.ext4" 2>/dev/null || true)"
[ "$STATUS" = "ok" ] || { tail -n 40 "$WORK/console.log"; die "the build VM's second stage did not finish (${STATUS:-no status})"; }
debugfs -R 'dump /wharf-packages.txt '"$OUT/packages.txt" "$WORK/root.ext4" >/dev/null 2>&1
debugfs -w -R 'rm /wharf-packages.txt' "$WORK/root.ext4" >/dev/null 2>&1
debugfs -w -R 'rm /wharf-stage2.status' "$WORK/root.ext4" >/dev/null 2>&1
[ -s "$OUT/packages.txt" ] || die "no package list from the build VM"

step "root disk (shrunk, qcow2)"
e2fsck -fy "$WORK/root.ext4" >/dev/null 2>&1 || [ $? -le 1 ] || die "e2fsck found errors in the built root"
resize2fs -M "$WORK/root.ext4" >/dev/null 2>&1
BLOCKS="$(dumpe2fs -h "$WORK/root.ext4" 2>/dev/null | awk -F: '/^Block count/{gsub(/ /,"",$2); print $2}')"
BSIZE="$(dumpe2fs -h "$WORK/root.ext4" 2>/dev/null | awk -F: '/^Block size/{gsub(/ /,"",$2); print $2}')"
SIZE_MB=$(( BLOCKS * BSIZE / 1048576 * 13 / 10 + 64 ))
truncate -s "${SIZE_MB}M" "$WORK/root.ext4"
resize2fs "$WORK/root.ext4" >/dev/null 2>&1
# Free blocks still hold what was removed or moved: punch them out of the file
# (e2fsck's discard on a regular file), and use 16 KiB clusters, as the blocks
# of a filesystem filled by dpkg are scattered (64 KiB clusters: about 15 % larger).
e2fsck -fy -E discard "$WORK/root.ext4" >/dev/null 2>&1 || [ $? -le 1 ] || die "e2fsck found errors in the shrunk root"
qemu-img convert -q -f raw -O qcow2 -o cluster_size=16384 "$WORK/root.ext4" "$OUT/root.qcow2"

HASH="${WHARF_VM_SCRIPT_HASH:-arm64-$(cd "$HERE/.." && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)}"
cat >"$OUT/version.json" <<JSON
{ "version": "$VERSION", "suite": "$SUITE", "arch": "$ARCH", "kernel": "$KVER", "scriptHash": "$HASH", "rootMB": $SIZE_MB }
JSON
step "done: $(du -sh "$OUT" | cut -f1) in $OUT"
