#!/usr/bin/env bash
# JMH throughput of the anomaly detectors and the sliding-window statistics, single thread.
# Bounded: one fork, 2 × 1 s warm-up and 3 × 1 s measurement per benchmark (about 1.5 minutes in all).
# Usage: bench/anomaly.sh [JMH regexp]   (default: every benchmark in io.crowdpulse.anomaly.bench)
set -euo pipefail

cd "$(dirname "$0")/.."
filter="${1:-io.crowdpulse.anomaly.bench}"
out=anomaly/target/jmh-result.txt

echo "==> compiling the benchmarks: ./mvnw -q -B -pl anomaly -Pjmh test-compile"
./mvnw -q -B -pl anomaly -Pjmh test-compile

classpath="anomaly/target/test-classes:anomaly/target/classes:$(cat anomaly/target/jmh.classpath)"
echo "==> machine: $(nproc) cores, $(uname -srm), $(java -version 2>&1 | head -1)"
echo "==> running JMH on '${filter}': -f 1 -wi 2 -w 1s -i 3 -r 1s -t 1 (results also in ${out})"
java -cp "${classpath}" org.openjdk.jmh.Main "${filter}" \
    -f 1 -wi 2 -w 1s -i 3 -r 1s -t 1 -rf text -rff "${out}"
