/**
 * Deterministic zips: the same files give byte-identical archives (fixed timestamps, file
 * modes and order), so partners can verify and diff releases.
 */
import { ZipArchive } from 'archiver';

/** 1 January 2000, local time as zip stores it: any fixed date will do, this one is unambiguous. */
const FIXED_DATE = new Date(2000, 0, 1, 0, 0, 0);

/**
 * Zips the files in the given order (callers sort them); paths use forward slashes only, as the
 * Moodle app and the zip format expect.
 */
export async function zipFiles(files: ReadonlyArray<readonly [string, Buffer | string]>): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 9 }, forceLocalTime: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  for (const [name, data] of files) {
    if (name.includes('\\') || name.startsWith('/') || name.split('/').includes('..')) {
      throw new Error(`zip entry "${name}" must be a relative path with forward slashes`);
    }
    archive.append(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { name, date: FIXED_DATE, mode: 0o644 });
  }
  await archive.finalize();
  return done;
}
