#!/bin/bash
# Gathers originals for the identification benchmark's held-out check from Debian's openclipart-svg:
# object-like clip art (all of people/clothing, then animals, food, containers, tools, transport, toys,
# sports, plants, office, electronics, decorations in a stable hash order), one file per name, each
# rendered at 1024 px on transparency into OUTDIR/originals. None of it was seen while the matcher was
# tuned (on tuxpaint stamps, make-devset.sh). The QualityBench uses OUTDIR/originals instead of the
# stamps when it holds 500 files or more. See docs/benchmarks.md, "Held-out check".
# Usage: make-clipart-set.sh OUTDIR [COUNT]    (COUNT defaults to 1000)
set -eu
out=${1:?usage: make-clipart-set.sh OUTDIR [COUNT]}
count=${2:-1000}
src=/usr/share/openclipart/svg
if [ ! -d $src ] || ! command -v rsvg-convert >/dev/null; then
  apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y openclipart-svg librsvg2-bin >/dev/null
fi
mkdir -p "$out/originals"
cd $src
{
  find people/clothing -name '*.svg' -size -300k | sort | sed 's/^/0 /'
  find animals food containers tools transportation recreation/toys recreation/sports plants office electronics decorations \
    -name '*.svg' -size -300k | sort | while read -r f; do echo "1$(basename "$f" | md5sum | cut -c1-8) $f"; done
} | sort -s -k1,1 | awk '{ n = split($2, p, "/"); if (!seen[p[n]]++) print $2 }' | head -n "$count" |
  while read -r f; do echo "$f $out/originals/oc_$(echo "${f%.svg}" | tr '/' '_').png"; done |
  xargs -P 2 -n 2 sh -c 'rsvg-convert -w 1024 -h 1024 --keep-aspect-ratio "$0" -o "$1" 2>/dev/null || rm -f "$1"'
echo "$(ls "$out/originals" | wc -l) originals in $out/originals ($(ls "$out/originals" | grep -c '^oc_people_clothing') clothing)"
