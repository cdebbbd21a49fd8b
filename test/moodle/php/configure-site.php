<?php
// Site settings the Moodle test tier relies on; run by test/moodle/install.sh after every install
// or reuse, so it must be idempotent. Run from Moodle's code directory: php configure-site.php
define('CLI_SCRIPT', true);
require(getcwd() . '/config.php');
require_once($CFG->libdir . '/filterlib.php');

// Activity completion is what partners' courses hang on: on for the site (it is Moodle's default,
// set here so a partner's site defaults cannot hide it).
set_config('enablecompletion', 1);
// The tests sign learners in from many browser contexts in a row: no lock-out.
set_config('lockoutthreshold', 0);
// Pages render without waiting for the theme designer; caches stay warm between runs.
set_config('themedesignermode', 0);
set_config('cachejs', 1);
// MathJax loads from a CDN the test machines cannot reach; the modules need no TeX.
filter_set_global_state('mathjaxloader', TEXTFILTER_DISABLED);
// Hosted launch (LTI 1.3): the tool under test runs on this machine's loopback at a random port,
// which Moodle's curl security blocks by default (127.0.0.0/8, ports 80 and 443 only). Moodle
// fetches the tool's public keys and the tool fetches Moodle's, so loopback is allowed here. A
// partner's Moodle reaches the hosted tool at its public HTTPS address and keeps its defaults.
set_config('curlsecurityblockedhosts', '');
set_config('curlsecurityallowedport', '');
echo "[moodle] site configured: completion on, no sign-in lock-out, no MathJax, loopback reachable for the LTI tool\n";
