/**
 * The programme certificate as a one-page, tagged PDF (PDFKit: the LRS makes it in production,
 * where there is no browser): who completed the programme, what it took, who issued it and when,
 * and the code that the public verification page confirms. Noto Sans prints every European name.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf');

export interface CertificateContent {
  /** As printed: the name the trainer typed, or the learner's pseudonym. */
  holder: string;
  org: string;
  /** Names of the modules passed. */
  modules: string[];
  sessions: number;
  issued: string;
  code: string;
  verifyUrl: string;
}

const ACCENT = '#0b4f8c';
const INK = '#1b1b1f';
const MUTED = '#4a4a55';

export function certificatePdf(c: CertificateContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    tagged: true,
    lang: 'en',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: `INPROCAP certificate: ${c.holder}`, Author: `INPROCAP, ${c.org}`, Subject: 'Innovation procurement programme', Keywords: `certificate; ${c.code}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);

  const width = doc.page.width - 112;
  // The frame is decoration: an artifact, not content, for assistive technology.
  doc.markContent('Artifact', { type: 'Layout' });
  doc.lineWidth(3).strokeColor(ACCENT).rect(28, 28, doc.page.width - 56, doc.page.height - 56).stroke();
  doc.rect(28, 28, doc.page.width - 56, 10).fill(ACCENT);
  doc.endMarkedContent();

  const block = (type: string, draw: () => void) => doc.addStructure(doc.struct(type, {}, draw));
  doc.y = 90;
  block('P', () => doc.font('regular').fontSize(12).fillColor(MUTED).text('INPROCAP · Innovation procurement programme', { align: 'center', width, characterSpacing: 1 }));
  doc.moveDown(1.2);
  block('H1', () => doc.font('bold').fontSize(34).fillColor(ACCENT).text('Certificate of completion', { align: 'center', width }));
  doc.moveDown(0.8);
  block('P', () => doc.font('regular').fontSize(14).fillColor(INK).text('This certifies that', { align: 'center', width }));
  doc.moveDown(0.4);
  block('P', () => doc.font('bold').fontSize(26).fillColor(INK).text(c.holder, { align: 'center', width }));
  doc.moveDown(0.6);
  block('P', () =>
    doc
      .font('regular')
      .fontSize(13)
      .fillColor(INK)
      .text(`has completed the INPROCAP training programme in innovation procurement: passed ${c.modules.length} online module${c.modules.length === 1 ? '' : 's'} and attended ${c.sessions} in-person session${c.sessions === 1 ? '' : 's'}.`, { align: 'center', width }),
  );
  doc.moveDown(0.6);
  block('P', () => doc.font('regular').fontSize(10.5).fillColor(MUTED).text(c.modules.join(' · '), { align: 'center', width }));
  doc.moveDown(1.4);
  block('P', () => doc.font('regular').fontSize(12).fillColor(INK).text(`Issued by ${c.org} on ${c.issued}`, { align: 'center', width }));
  doc.moveDown(1.2);
  block('P', () => doc.font('regular').fontSize(11).fillColor(INK).text(`Verification code ${c.code}: ${c.verifyUrl}`, { align: 'center', width, link: c.verifyUrl }));
  doc.y = doc.page.height - 90;
  block('P', () => doc.font('regular').fontSize(9).fillColor(MUTED).text('INPROCAP is funded by the European Union under Horizon Europe (grant agreement 101157621).', { align: 'center', width }));
  doc.end();
  return done;
}
