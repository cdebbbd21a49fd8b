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
echo "[moodle] site configured: completion on, no sign-in lock-out, no MathJax\n";
