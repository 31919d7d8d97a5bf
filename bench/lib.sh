# Shared by the benchmarks (sourced): the namespace they measure in and the 5-link spec.

bench_netns() {  # bench_netns NS: creates NS with 5 fake uplinks wan1..wan5 (veth pairs, 198.18.K.2/24)
  ip netns add "$1"
  for k in 1 2 3 4 5; do
    ip -n "$1" link add "wan$k" type veth peer name "up$k"
    ip -n "$1" link set "wan$k" up; ip -n "$1" link set "up$k" up
    ip -n "$1" addr add "198.18.$k.2/24" dev "wan$k"
  done
}

bench_spec() {  # bench_spec PINS > file: 5 links; PINS /32 destinations from 198.18.64.0 on, pinned to isp1
  printf '[balancer]\nmode = "route"\nhash = "l4"\n'
  for k in 1 2 3 4 5; do
    printf '\n[[link]]\nname = "isp%d"\ndev = "wan%d"\ngateway = "198.18.%d.1"\nweight = %d\ntable = %d\n' "$k" "$k" "$k" "$k" $((100 + k))
    if [ "$k" = 1 ] && [ "$1" -gt 0 ]; then
      awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) { o = 16384 + i
        printf "[[link.route]]\nto = \"198.%d.%d.%d/32\"\n", 18 + int(o / 65536), int(o / 256) % 256, o % 256 } }'
    fi
  done
}

bench_connmark_spec() {  # bench_connmark_spec > file: the same 5 links in connmark mode, beside the route spec
  # (its own protocol, priorities, tables and nft table, so both are applied in one namespace)
  printf '[balancer]\nmode = "connmark"\nlan = ["10.77.0.0/24"]\nhelpers = ["ftp"]\nprotocol = 251\n'
  printf 'priority_base = 11000\ntable_base = 300\n'
  for k in 1 2 3 4 5; do
    printf '\n[[link]]\nname = "isp%d"\ndev = "wan%d"\ngateway = "198.18.%d.1"\nweight = %d\ntable = %d\n' "$k" "$k" "$k" "$k" $((300 + k))
  done
}

bench_median() {  # bench_median N...: the median of the numbers
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

bench_wall_median() {  # bench_wall_median RUNS CMD...: runs CMD RUNS times, prints the median wall time in ms
  local n="$1" t=() s e
  shift
  for _ in $(seq "$n"); do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); t+=($(( (e - s) / 1000000 )))
  done
  bench_median "${t[@]}"
}
