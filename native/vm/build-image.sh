#!/usr/bin/env bash
# Build Wharf's engine VM image from Debian's packages only:
#   vmlinuz      Debian's kernel (linux-image-amd64)
#   initrd.img   a tiny initrd (busybox-static + the disk drivers)
#   root.qcow2   a minimal Debian root with dockerd, containerd, runc, sshd
#   version.json the image version, kernel, and the hash of this folder
#   packages.txt every package in the root and its version
#   rootfs.tar.gz the same root for WSL2 (only with WHARF_VM_WSL=1)
# Usage: build-image.sh <output dir> [<version>]
# Needs root, debootstrap, dpkg-deb, mkfs.ext4 (with -d), qemu-img, kmod,
# cpio and gzip. No loop mounts, no network other than the Debian mirror apt
# already uses (read from /etc/apt/sources.list*, or $WHARF_VM_MIRROR).
set -euo pipefail

OUT="${1:?usage: build-image.sh <output dir> [<version>]}"
VERSION="${2:-dev}"
SUITE="${WHARF_VM_SUITE:-bookworm}"
HERE="$(cd "$(dirname "$0")" && pwd)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1735689600}"
export LC_ALL=C DEBIAN_FRONTEND=noninteractive

step() { echo "[wharf-vm-image] $*"; }
die() { echo "[wharf-vm-image] error: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap needs it)"
for tool in debootstrap dpkg-deb mkfs.ext4 qemu-img depmod modprobe cpio gzip apt-get; do
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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wharf-vm-build.XXXXXX")"
ROOT="$WORK/root"
cleanup() {
  for m in proc sys dev/pts dev; do umount "$ROOT/$m" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

step "debootstrap $SUITE from $MIRROR (minbase, engine, sshd)"
debootstrap --variant=minbase --merged-usr \
  --include=docker.io,openssh-server,e2fsprogs,iproute2,kmod,procps,busybox-static,iptables \
  "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -n 30 "$WORK/debootstrap.log"; die "debootstrap failed"; }

step "kernel from Debian's linux-image-amd64"
KPKG="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')"
[ -n "$KPKG" ] || die "cannot find the kernel package behind linux-image-amd64 (apt-get update?)"
(cd "$WORK" && apt-get download "$KPKG" >/dev/null 2>&1) || die "could not download $KPKG"
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
HostKey /etc/ssh/ssh_host_ed25519_key
CONF
# Host keys are made on the VM's first boot, never shared between images.
rm -f "$ROOT"/etc/ssh/ssh_host_*
mkdir -p "$ROOT/etc/docker"
echo '{ "storage-driver": "overlay2" }' >"$ROOT/etc/docker/daemon.json"
echo "wharf-vm" >"$ROOT/etc/hostname"
chroot "$ROOT" dpkg-query -W -f '${Package} ${Version}\n' >"$OUT/packages.txt"
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* \
  "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/var/log/*.log "$ROOT"/var/cache/debconf/*-old
find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
for m in proc sys dev/pts dev; do umount "$ROOT/$m" 2>/dev/null || true; done

step "root disk (ext4 from the folder, no loop mount)"
SIZE_MB=$(( $(du -sm "$ROOT" | cut -f1) * 13 / 10 + 64 ))
find "$ROOT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} + 2>/dev/null || true
mkfs.ext4 -q -F -L wharf-root -U 2b1e9c1a-7e57-4f00-9a11-000000000001 -E hash_seed=2b1e9c1a-7e57-4f00-9a11-000000000002 \
  -d "$ROOT" "$WORK/root.ext4" "${SIZE_MB}M"
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
