/**
 * What Moodle's "SCORM package" upload refuses or misreads, beyond the standard (read in Moodle
 * 4.3: mod/scorm/mod_form.php, scorm_validate_package() in lib.php, scorm_get_manifest() in
 * datamodels/scormlib.php). `npx inprocap validate` reports them for any package.
 */
export interface MoodleFindings {
  errors: string[];
  warnings: string[];
  passed: string[];
}

/** PHP's default upload_max_filesize (Debian's php.ini): larger files need the site's limits raised. */
const PHP_DEFAULT_UPLOAD = 2 * 1024 * 1024;

/**
 * The SCORM 2004 `schemaversion` values Moodle recognises; any other value makes Moodle play the
 * package with its SCORM 1.2 API, where a 2004 package finds no API_1484_11.
 */
const MOODLE_2004_VERSION = /^(CAM )?1\.3$|^2004 (3rd|4th) Edition$/;

export function moodleUploadChecks(pkg: { name: string; bytes: number; family?: '1.2' | '2004'; schemaversion?: string }): MoodleFindings {
  const found: MoodleFindings = { errors: [], warnings: [], passed: [] };
  if (!/\.zip$/i.test(pkg.name)) {
    found.errors.push(`Moodle: the file picker of "SCORM package" takes a .zip; "${pkg.name}" would be refused (rename it to .zip if it is one)`);
  }
  if (pkg.bytes > PHP_DEFAULT_UPLOAD) {
    found.warnings.push(`Moodle: ${(pkg.bytes / 1024 / 1024).toFixed(1)} MB is above PHP's default upload limit of 2 MB; the site's upload_max_filesize, post_max_size and maximum upload size must allow it`);
  }
  if (pkg.family === '2004' && !MOODLE_2004_VERSION.test(pkg.schemaversion ?? '')) {
    found.errors.push(
      `Moodle: schemaversion "${pkg.schemaversion ?? ''}" is not one Moodle recognises ("2004 4th Edition", "2004 3rd Edition", "CAM 1.3" or "1.3"), so it would play this SCORM 2004 package with its SCORM 1.2 API`,
    );
  }
  if (!found.errors.length) {
    found.passed.push(`Moodle: its upload validation takes this package${pkg.family ? ` and reads it as SCORM ${pkg.family === '1.2' ? '1.2' : '2004'}` : ''}`);
  }
  return found;
}
