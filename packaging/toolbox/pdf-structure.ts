/**
 * What a printed PDF holds besides its text: the outline (bookmarks, one per heading, with the page
 * each lands on), its internal links and their named destinations, and whether it is tagged. The
 * manual's table of contents takes its page numbers from the outline; the tests check the links.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  depth: number;
  /** 1-based. */
  page: number;
}

export interface PdfLink {
  /** 1-based page the link is on. */
  page: number;
  /** The named destination it goes to (an element id), or undefined for an external link. */
  dest?: string;
  uri?: string;
}

export interface PdfStructure {
  pages: number;
  tagged: boolean;
  outline: OutlineEntry[];
  links: PdfLink[];
  /** Named destinations and the 1-based page each lands on. */
  destinations: Map<string, number>;
  title?: string;
  language?: string;
}

const text = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

export async function readPdfStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageRefs = doc.getPages().map((p) => p.ref);
  const pageOf = (dest: PDFObject | undefined): number => {
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    return target instanceof PDFRef ? pageRefs.findIndex((ref) => ref.objectNumber === target.objectNumber) + 1 : 0;
  };

  const destinations = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) destinations.set(name.decodeText(), pageOf(doc.context.lookup(value)));

  const outline: OutlineEntry[] = [];
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      let dest = item.lookup(PDFName.of('Dest'));
      if (!dest) dest = item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('D'));
      if (dest instanceof PDFName) dest = undefined;
      outline.push({ title: text(item.lookup(PDFName.of('Title'))) ?? '', depth, page: pageOf(dest) });
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict), 0);

  const links: PdfLink[] = [];
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let k = 0; k < (annots?.size() ?? 0); k++) {
      const annot = annots!.lookup(k, PDFDict);
      if (annot.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const dest = annot.lookup(PDFName.of('Dest')) ?? action?.lookup(PDFName.of('D'));
      const uri = text(action?.lookup(PDFName.of('URI')));
      links.push({ page: index + 1, ...(dest instanceof PDFName ? { dest: dest.decodeText() } : text(dest) ? { dest: text(dest) } : {}), ...(uri ? { uri } : {}) });
    }
  });

  const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const title = doc.getTitle();
  const language = text(doc.catalog.lookup(PDFName.of('Lang')));
  return {
    pages: pageRefs.length,
    tagged: markInfo?.get(PDFName.of('Marked'))?.toString() === 'true' && doc.catalog.has(PDFName.of('StructTreeRoot')),
    outline,
    links,
    destinations,
    ...(title ? { title } : {}),
    ...(language ? { language } : {}),
  };
}
