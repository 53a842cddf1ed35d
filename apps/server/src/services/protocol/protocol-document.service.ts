import { ProtocolContent } from '@esep/contracts';
import { meetingPaths, participantsOf, protocolRow, signaturesOf } from '@esep/db';
import { can, refusalMessage } from '@esep/domain';
import { protocolDocx } from '../../documents/protocol.docx.ts';
import { protocolPdf } from '../../documents/protocol.pdf.ts';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { readStoredFile } from '../../storage/file.store.ts';
import { requireActor, type ServiceContext } from '../context.ts';
import { verifyUrlOf } from './protocol.service.ts';

export interface ProtocolDocumentRequest { format: 'pdf' | 'docx'; lang: 'kk' | 'ru'; copy: 'public' | 'internal' }

/**
 * The protocol of a meeting as a document. The public copy names no resident; the
 * internal copy adds the register of participants and is given only to those who may
 * read the register. A signed protocol's public PDF is the stored file whose SHA-256 the
 * signatures cover, byte for byte; everything else is rendered from the current content.
 */
export async function protocolDocument(ctx: ServiceContext, dataDir: string, meetingId: string, request: ProtocolDocumentRequest): Promise<Buffer> {
  const actor = requireActor(ctx);
  const paths = await meetingPaths(ctx.db, meetingId);
  if (request.copy === 'internal' && !can(actor, 'read', { resource: 'participant', paths })) throw new AppError('forbidden', { reason: 'participant_register' });
  const protocol = await protocolRow(ctx.db, meetingId);
  // The protocol is assembled once the meeting is held; before that there is nothing to print.
  if (!protocol) throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);

  const stored = request.lang === 'kk' ? protocol.pdfKkFile : protocol.pdfRuFile;
  if (request.format === 'pdf' && request.copy === 'public' && protocol.status === 'signed' && stored) {
    return (await readStoredFile(dataDir, stored)).bytes;
  }

  const content = ProtocolContent.parse(protocol.content);
  const signatures = (await signaturesOf(ctx.db, meetingId))
    .filter((s) => s.addendumId === null)
    .map((s) => ({ signerName: s.signerName, signedAt: s.signedAt.toISOString(), method: s.method }));
  const internal = request.copy === 'internal';
  const participants = internal
    ? (await participantsOf(ctx.db, meetingId)).map((p) => ({ number: p.number, fullName: p.fullName, category: p.category, address: p.address }))
    : undefined;
  const options = { verifyUrl: verifyUrlOf(ctx, meetingId), signatures, internal, ...(participants ? { participants } : {}) };
  return request.format === 'pdf' ? protocolPdf(content, request.lang, options) : protocolDocx(content, request.lang, options);
}
