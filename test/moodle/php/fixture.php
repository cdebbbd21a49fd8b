<?php
// The Moodle test tier's hands inside Moodle: sets up a course, learners and SCORM activities the
// way an administrator and a teacher would, and reads back what Moodle recorded. Run from
// Moodle's code directory with one JSON argument; prints one JSON object.
//
//   php fixture.php '{"command":"course","course":"run-1"}'
//   php fixture.php '{"command":"learner","course":"run-1","username":"l1"}'
//   php fixture.php '{"command":"scorm","course":"run-1","zip":"/path/x.zip","name":"…","settings":{"grademethod":1,…}}'
//   php fixture.php '{"command":"results","cmid":12,"username":"l1"}'
//
// Only Moodle's own APIs are used (create_course, create_module, scorm_validate_package,
// grade_get_grades, completion_info), so what is read back is what a teacher's reports show.
define('CLI_SCRIPT', true);
require(getcwd() . '/config.php');
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/course/modlib.php');
require_once($CFG->dirroot . '/user/lib.php');
require_once($CFG->dirroot . '/mod/scorm/lib.php');
require_once($CFG->dirroot . '/mod/scorm/locallib.php');
require_once($CFG->libdir . '/gradelib.php');
require_once($CFG->libdir . '/completionlib.php');

/** The password of every test learner (the site has no password policy). */
const LEARNER_PASSWORD = 'Learner-1234';

function out($value): void {
    echo json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
    exit(0);
}

function fail(string $message): void {
    fwrite(STDERR, "[moodle fixture] $message\n");
    echo json_encode(['error' => $message]), "\n";
    exit(1);
}

/** The course of one test run (its short name), made on first use: runs never share activities. */
function the_course(string $shortname): stdClass {
    global $DB;
    $course = $DB->get_record('course', ['shortname' => $shortname]);
    if ($course) {
        return $course;
    }
    return create_course((object) [
        'fullname' => "INPROCAP innovation procurement ($shortname)",
        'shortname' => $shortname,
        'category' => $DB->get_field_select('course_categories', 'MIN(id)', '1=1'),
        'enablecompletion' => 1,
        'format' => 'topics',
        'numsections' => 1,
    ]);
}

$args = json_decode($argv[1] ?? '{}', true);
if (!is_array($args) || empty($args['command'])) {
    fail('usage: php fixture.php \'{"command":"course|learner|scorm|results", ...}\'');
}
\core\session\manager::set_user(get_admin());

switch ($args['command']) {
    case 'course':
        $course = the_course($args['course']);
        out(['courseid' => (int) $course->id, 'release' => $CFG->release]);

    case 'learner':
        // A new learner per run of a test, enrolled as a student: every run starts with no attempt.
        $course = the_course($args['course']);
        $username = core_text::strtolower($args['username']);
        if ($DB->record_exists('user', ['username' => $username])) {
            fail("learner $username exists already: use a new username per run");
        }
        $userid = user_create_user((object) [
            'username' => $username,
            'password' => LEARNER_PASSWORD,
            'firstname' => $args['firstname'] ?? 'Jane',
            'lastname' => $args['lastname'] ?? 'Doe',
            'email' => "$username@example.invalid",
            'auth' => 'manual',
            'confirmed' => 1,
            'mnethostid' => $CFG->mnet_localhost_id,
            'lang' => $args['lang'] ?? 'en',
        ]);
        $enrol = enrol_get_plugin('manual');
        $instance = $DB->get_record('enrol', ['courseid' => $course->id, 'enrol' => 'manual'], '*', MUST_EXIST);
        $enrol->enrol_user($instance, $userid, $DB->get_field('role', 'id', ['shortname' => $args['role'] ?? 'student']));
        out(['userid' => (int) $userid, 'username' => $username, 'password' => LEARNER_PASSWORD]);

    case 'scorm':
        // As a teacher uploading the zip in "Add an activity → SCORM package": the file goes to a
        // draft area, Moodle's own package validation runs, then the activity is created.
        $course = the_course($args['course']);
        $zip = $args['zip'];
        if (!is_readable($zip)) {
            fail("no package at $zip");
        }
        $fs = get_file_storage();
        $draftid = file_get_unused_draft_itemid();
        $file = $fs->create_file_from_pathname([
            'component' => 'user', 'filearea' => 'draft', 'contextid' => context_user::instance($USER->id)->id,
            'itemid' => $draftid, 'filepath' => '/', 'filename' => basename($zip),
        ], $zip);
        $errors = scorm_validate_package($file);
        if ($errors) {
            out(['validation' => array_values(array_map('strval', $errors))]);
        }
        $cfg = get_config('scorm');
        // The recommended settings (packaging/moodle/settings.ts) come with the command.
        $info = (object) ((array) ($args['settings'] ?? []) + [
            'modulename' => 'scorm',
            'course' => $course->id,
            'section' => 1,
            'visible' => 1,
            'name' => $args['name'],
            'introeditor' => ['text' => $args['intro'] ?? '', 'format' => FORMAT_HTML, 'itemid' => 0],
            'scormtype' => SCORM_TYPE_LOCAL,
            'packagefile' => $draftid,
            'updatefreq' => SCORM_UPDATE_NEVER,
            'popup' => 0,
            'skipview' => SCORM_SKIPVIEW_NEVER,
            'width' => $cfg->framewidth,
            'height' => $cfg->frameheight,
            'hidebrowse' => $cfg->hidebrowse,
            'navpositionleft' => $cfg->navpositionleft,
            'navpositiontop' => $cfg->navpositiontop,
            'displayattemptstatus' => $cfg->displayattemptstatus,
            'timeopen' => 0,
            'timeclose' => 0,
            'autocommit' => 0,
            'grade' => 100,
        ]);
        // New-window options as Moodle's defaults have them.
        foreach (['resizable', 'scrollbars', 'directories', 'location', 'menubar', 'toolbar', 'status'] as $option) {
            $info->$option = $cfg->$option ?? 0;
        }
        $cm = create_module($info);
        $scorm = $DB->get_record('scorm', ['id' => $cm->instance], '*', MUST_EXIST);
        $scoes = $DB->get_records('scorm_scoes', ['scorm' => $scorm->id, 'scormtype' => 'sco']);
        out([
            'cmid' => (int) $cm->coursemodule,
            'scormid' => (int) $scorm->id,
            'version' => $scorm->version,
            'scos' => count($scoes),
            'launch' => $scorm->launch,
            'description' => $scorm->intro,
        ]);

    case 'results':
        // What the teacher's reports show for one learner: every attempt's tracked elements, the
        // gradebook grade and the activity completion state.
        $cm = get_coursemodule_from_id('scorm', (int) $args['cmid'], 0, false, MUST_EXIST);
        $course = $DB->get_record('course', ['id' => $cm->course], '*', MUST_EXIST);
        $user = $DB->get_record('user', ['username' => core_text::strtolower($args['username'])], '*', MUST_EXIST);
        $attempts = [];
        foreach ($DB->get_records('scorm_attempt', ['scormid' => $cm->instance, 'userid' => $user->id], 'attempt') as $attempt) {
            $values = $DB->get_records_sql(
                "SELECT v.id, e.element, v.value FROM {scorm_scoes_value} v JOIN {scorm_element} e ON e.id = v.elementid
                  WHERE v.attemptid = ? ORDER BY v.id", [$attempt->id]);
            $elements = [];
            foreach ($values as $value) {
                $elements[$value->element] = $value->value;
            }
            $attempts[] = ['attempt' => (int) $attempt->attempt, 'elements' => $elements];
        }
        $grades = grade_get_grades($course->id, 'mod', 'scorm', $cm->instance, $user->id);
        $item = $grades->items[0] ?? null;
        $grade = $item && isset($item->grades[$user->id]) ? $item->grades[$user->id] : null;
        $completion = new completion_info($course);
        $cminfo = get_fast_modinfo($course, $user->id)->get_cm($cm->id);
        $data = $completion->get_data($cminfo, false, $user->id);
        $states = [COMPLETION_INCOMPLETE => 'incomplete', COMPLETION_COMPLETE => 'complete',
            COMPLETION_COMPLETE_PASS => 'complete-pass', COMPLETION_COMPLETE_FAIL => 'complete-fail'];
        out([
            'attempts' => $attempts,
            'grade' => $grade && $grade->grade !== null ? (float) $grade->grade : null,
            'gradeText' => $grade ? $grade->str_grade : null,
            'completion' => $states[(int) $data->completionstate] ?? (string) $data->completionstate,
        ]);

    case 'lti-types':
        // The External tool types (LTI tools) the site has, as the tool management page lists them.
        require_once($CFG->dirroot . '/mod/lti/locallib.php');
        $types = [];
        foreach ($DB->get_records('lti_types', null, 'id') as $type) {
            $types[] = ['id' => (int) $type->id, 'name' => $type->name, 'state' => (int) $type->state, 'clientid' => $type->clientid,
                'baseurl' => $type->baseurl, 'ltiversion' => $type->ltiversion, 'coursevisible' => (int) $type->coursevisible,
                'config' => lti_get_type_config($type->id)];
        }
        out(['types' => $types]);

    case 'lti-results':
        // An External tool activity as the teacher set it up, and one learner's grade in the gradebook.
        require_once($CFG->dirroot . '/mod/lti/locallib.php');
        $cm = get_coursemodule_from_id('lti', (int) $args['cmid'], 0, false, MUST_EXIST);
        $lti = $DB->get_record('lti', ['id' => $cm->instance], '*', MUST_EXIST);
        $user = $DB->get_record('user', ['username' => core_text::strtolower($args['username'])], '*', MUST_EXIST);
        $grades = grade_get_grades($cm->course, 'mod', 'lti', $cm->instance, $user->id);
        $item = $grades->items[0] ?? null;
        $grade = $item && isset($item->grades[$user->id]) ? $item->grades[$user->id] : null;
        $lineitems = $DB->get_records('ltiservice_gradebookservices', ['ltilinkid' => $lti->id]);
        out([
            'name' => $lti->name, 'typeid' => (int) $lti->typeid, 'toolurl' => $lti->toolurl,
            'custom' => $lti->instructorcustomparameters, 'grademax' => $item ? (float) $item->grademax : null,
            'lineitems' => array_values(array_map(fn($l) => ['resourceid' => $l->resourceid, 'tag' => $l->tag], $lineitems)),
            'grade' => $grade && $grade->grade !== null ? (float) $grade->grade : null,
            'gradeText' => $grade ? $grade->str_grade : null,
            'userid' => (int) $user->id,
        ]);

    case 'lti-instances':
        // The External tool activities of this run's course (cmid and name).
        $course = the_course($args['course']);
        $out = [];
        foreach (get_fast_modinfo($course)->get_instances_of('lti') as $cm) {
            $out[] = ['cmid' => (int) $cm->id, 'name' => $cm->name];
        }
        out(['instances' => $out]);

    default:
        fail("unknown command {$args['command']}");
}
