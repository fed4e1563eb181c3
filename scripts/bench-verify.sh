#!/usr/bin/env bash
# End-to-end verification throughput, on loopback only: builds Release, starts the service on its embedded default
# (SQLite + its own anvil) in a throwaway data folder, registers a design and grants one licence through the public
# API, then runs `vfip load-verify` for the three verification paths (owner, licensee, no licence), each next to
# /health/live in the same invocation. Bounded: each phase runs --seconds (default 10) after a 1 s warm-up, and the
# service is stopped at the end whatever happens.
#   scripts/bench-verify.sh [--seconds N] [--concurrency N]
# Prints one CSV block per holder and the load average before and after. Numbers and method: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10 concurrency=16
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--concurrency N]" >&2; exit 2 ;;
  esac
done

port=${VFIP_BENCH_PORT:-5090}
api="http://127.0.0.1:$port"
data=$(mktemp -d)
log="$data/service.log"
cleanup() { if [ -n "${service:-}" ]; then kill "$service" 2>/dev/null; wait "$service" 2>/dev/null || true; fi; rm -rf "$data"; }
trap cleanup EXIT

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(s));console.log(v??"")})' "$1"; }

for project in src/Vfip.Api src/Vfip.Cli; do dotnet build -c Release "$project" -v quiet -nologo >/dev/null; done
Vfip__DataDir="$data/vfip" RateLimits__AnonymousPerWindow=100000000 Logging__LogLevel__Default=Warning \
  dotnet src/Vfip.Api/bin/Release/net10.0/Vfip.Api.dll --urls "$api" >"$log" 2>&1 &
service=$!
for _ in $(seq 120); do curl -fs "$api/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$api/health/ready" >/dev/null || { echo "service not ready; log:" >&2; tail -20 "$log" >&2; exit 1; }

# Two accounts: the designer and a licensee.
token() {
  local email="bench-$1-$RANDOM@example.test" password="Bench-pass-1234!"
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$api/api/v1/auth/register" >/dev/null
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$api/api/v1/auth/login" | json accessToken
}
owner=$(token owner) licensee=$(token licensee)
me() { curl -fs -H "Authorization: Bearer $1" "$api/api/v1/me" | json id; }

# A 256×256 PNG with a random block pattern (fresh content, not flat enough to be refused).
node -e '
const zlib=require("zlib"),fs=require("fs"),n=256,b=32,rows=[];const c=[...Array(64)].map(()=>[0,0,0].map(()=>Math.random()*255|0));
for(let y=0;y<n;y++){const r=Buffer.alloc(1+n*3);for(let x=0;x<n;x++){const k=c[((y/b)|0)*8+((x/b)|0)];r.set(k,1+x*3)}rows.push(r)}
const crc=t=>{let c,k=-1;for(const v of t){c=(k^v)&255;for(let i=0;i<8;i++)c=c&1?0xedb88320^(c>>>1):c>>>1;k=(k>>>8)^c}return(k^-1)>>>0};
const chunk=(t,d)=>{const l=Buffer.alloc(4);l.writeUInt32BE(d.length);const td=Buffer.concat([Buffer.from(t),d]);const cr=Buffer.alloc(4);cr.writeUInt32BE(crc(td));return Buffer.concat([l,td,cr])};
const h=Buffer.alloc(13);h.writeUInt32BE(n,0);h.writeUInt32BE(n,4);h[8]=8;h[9]=2;
fs.writeFileSync(process.argv[1],Buffer.concat([Buffer.from([137,80,78,71,13,10,26,10]),chunk("IHDR",h),chunk("IDAT",zlib.deflateSync(Buffer.concat(rows))),chunk("IEND",Buffer.alloc(0))]))' "$data/look.png"

design=$(curl -fs -H "Authorization: Bearer $owner" -F 'metadata={"title":"Bench look","category":"top"}' \
  -F "images=@$data/look.png;type=image/png" "$api/api/v1/designs" | json id)
until [ "$(curl -fs -H "Authorization: Bearer $owner" "$api/api/v1/designs/$design" | json status)" = anchored ]; do sleep 0.5; done
offer=$(curl -fs -H "Authorization: Bearer $owner" -H 'Content-Type: application/json' -d '{"preset":"commercial"}' \
  "$api/api/v1/designs/$design/offers" | json id)
license=$(curl -fs -X POST -H "Authorization: Bearer $licensee" "$api/api/v1/offers/$offer/accept" | json id)
until [ "$(curl -fs -H "Authorization: Bearer $licensee" "$api/api/v1/licenses/$license" | json status)" = active ]; do sleep 0.5; done

echo "design $design, licence $license; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for holder in "owner:$(me "$owner")" "licensee:$(me "$licensee")" "no-licence:nobody-at-all"; do
  echo "## holder ${holder%%:*}, concurrency $concurrency"
  dotnet src/Vfip.Cli/bin/Release/net10.0/vfip.dll load-verify --api "$api" --design "$design" --holder "${holder#*:}" \
    --seconds "$seconds" --concurrency "$concurrency"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
