<?php
// SPDX-License-Identifier: MIT
// The baseline for scripts/bench-diff.sh: wikidiff2's word diff
// (wikidiff2_inline_json_diff, php-wikidiff2) of every consecutive revision
// pair of the shared corpus, N times, in one php process: the same pairs and
// loop as bench/bench_corpus_pairs.cpp. File reading is outside the timing on
// both sides. Usage: php bench/wikidiff2_pairs.php CORPUS_DIR [N] [CONTEXT_LINES]
if (!function_exists('wikidiff2_inline_json_diff')) {
    fwrite(STDERR, "wikidiff2_pairs: php-wikidiff2 is not loaded\n");
    exit(2);
}
$corpus = $argv[1] ?? '';
$repeat = max(1, intval($argv[2] ?? 20));
$context = intval($argv[3] ?? 2);
if (!is_dir($corpus)) {
    fwrite(STDERR, "wikidiff2_pairs: no corpus at $corpus\n");
    exit(77);
}
$pairs = [];
$stories = glob("$corpus/*", GLOB_ONLYDIR);
sort($stories);
foreach ($stories as $story) {
    $revs = array_values(array_filter(glob("$story/*"), function ($p) {
        return preg_match('/^\d{3}\.[A-Za-z0-9]+$/', basename($p)) === 1;
    }));
    sort($revs);
    for ($i = 1; $i < count($revs); $i++) {
        $pairs[] = [file_get_contents($revs[$i - 1]), file_get_contents($revs[$i])];
    }
}
$bytes = 0;
$start = hrtime(true);
for ($r = 0; $r < $repeat; $r++) {
    foreach ($pairs as [$old, $new]) {
        $bytes += strlen(wikidiff2_inline_json_diff($old, $new, $context));
    }
}
$seconds = (hrtime(true) - $start) / 1e9;
printf("seconds=%.6f pairs=%d repeat=%d json_bytes=%d\n", $seconds, count($pairs), $repeat, $bytes);
