/** A package format: what it is called and the files it adds to the runtime and the course. */
import type { Course } from '../../core/content/schema.ts';

export const PACKAGE_FORMATS = ['scorm12', 'scorm2004', 'xapi', 'cmi5'] as const;
export type PackageFormatId = (typeof PACKAGE_FORMATS)[number];

export interface PackageFormat {
  id: PackageFormatId;
  label: string;
  /** Files the format adds at the package root (manifest, schema files), given the package's other files. */
  rootFiles(course: Course, contentFiles: readonly string[]): Map<string, Buffer | string>;
}

/** A manifest identifier: an XML ID, so letters, digits, '.', '-', '_' and no leading digit. */
export function xmlId(text: string): string {
  const id = text.replace(/[^A-Za-z0-9._-]/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}
