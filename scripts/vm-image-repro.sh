#!/usr/bin/env bash
# Is Wharf's engine VM image reproducible? Builds it twice (the second time
# from the first one's packages.txt, through WHARF_VM_PACKAGES) into two
# folders, sharing one download cache, and compares the outputs' sha256. On a
# difference in root.qcow2 it names the files whose blocks differ.
# Usage: sudo scripts/vm-image-repro.sh [<work dir>]   (minutes: two full builds)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-$(mktemp -d "${TMPDIR:-/tmp}/wharf-vm-repro.XXXXXX")}"
mkdir -p "$WORK"
export WHARF_VM_DEB_CACHE="$WORK/debs"
rm -rf "$WORK/a" "$WORK/b"

echo "[repro] build 1 of 2 into $WORK/a"
"$HERE/native/vm/build-image.sh" "$WORK/a" repro
echo "[repro] build 2 of 2 into $WORK/b, from $WORK/a/packages.txt"
WHARF_VM_PACKAGES="$WORK/a/packages.txt" "$HERE/native/vm/build-image.sh" "$WORK/b" repro

status=0
for f in vmlinuz initrd.img root.qcow2 packages.txt version.json; do
  a="$(sha256sum "$WORK/a/$f" | cut -d' ' -f1)"
  b="$(sha256sum "$WORK/b/$f" | cut -d' ' -f1)"
  if [ "$a" = "$b" ]; then echo "[repro] same      $a  $f"; else echo "[repro] DIFFERENT $a / $b  $f"; status=1; fi
done
if ! cmp -s "$WORK/a/root.qcow2" "$WORK/b/root.qcow2"; then
  qemu-img convert -f qcow2 -O raw "$WORK/a/root.qcow2" "$WORK/a.raw"
  qemu-img convert -f qcow2 -O raw "$WORK/b/root.qcow2" "$WORK/b.raw"
  blocks="$(cmp -l "$WORK/a.raw" "$WORK/b.raw" | awk '{print int(($1 - 1) / 4096)}' | uniq | head -n 200 | tr '\n' ' ' || true)"
  echo "[repro] root.qcow2: differing 4 KiB blocks (first 200): $blocks"
  inodes="$(debugfs -R "icheck $blocks" "$WORK/a.raw" 2>/dev/null | awk 'NR > 1 && $2 ~ /^[0-9]+$/ {print $2}' | sort -un | tr '\n' ' ')"
  [ -n "$inodes" ] && debugfs -R "ncheck $inodes" "$WORK/a.raw" 2>/dev/null | sed 's/^/[repro]   /'
  rm -f "$WORK/a.raw" "$WORK/b.raw"
fi
[ "$status" -eq 0 ] && echo "[repro] the two builds are bit-for-bit identical"
exit "$status"
