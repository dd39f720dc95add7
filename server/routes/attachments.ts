import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sniffContentType } from '../attachment-store.js';
import type { AppEnv, ServerContext } from '../context.js';
import { attachmentDto } from '../domain/dto.js';
import { newId } from '../domain/ids.js';
import { requireCaller } from '../http/auth.js';
import { notFound, ProblemError } from '../http/problem.js';
import { bearer, C, IdParam, jsonContent, problems } from './_shared.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 5;
/** A 10 MiB file plus the multipart envelope. */
export const ATTACHMENT_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

const upload = createRoute({
  method: 'post',
  path: '/v1/cases/{id}/attachments',
  summary: 'Attach a file to a case (at most 10 MiB each, 5 per case)',
  description: 'Accepted types, recognised by content: plain text and logs (UTF-8), PDF, PNG, JPEG, pcap, pcapng, zip.',
  security: bearer,
  request: {
    params: z.object({ id: IdParam }),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
        },
      },
    },
  },
  responses: {
    201: { description: 'The stored attachment.', content: jsonContent(C.Attachment) },
    ...problems(400, 401, 404, 409, 413, 415, 429),
  },
});

const download = createRoute({
  method: 'get',
  path: '/v1/cases/{id}/attachments/{attachmentId}',
  summary: "An attachment's bytes (only for the account that owns the case, and support engineers)",
  security: bearer,
  request: { params: z.object({ id: IdParam, attachmentId: IdParam }) },
  responses: {
    200: {
      description: 'The file.',
      content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
    },
    ...problems(400, 401, 404, 429),
  },
});

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'attachment';
}

export function registerAttachmentRoutes(app: OpenAPIHono<AppEnv>, ctx: ServerContext): void {
  app.openapi(upload, async (c) => {
    const caller = requireCaller(c);
    const { id } = c.req.valid('param');
    const row = await ctx.repo.getCase(id, caller.user.role === 'agent' ? null : caller.account.id);
    if (!row) throw notFound(`Case ${id}`);
    const form = c.req.valid('form') as Record<string, unknown>;
    const extra = Object.keys(form).filter((key) => key !== 'file');
    const file = form.file;
    if (!(file instanceof File) || extra.length > 0) {
      throw new ProblemError(400, 'validation', 'The request is not valid', {
        detail: 'Send exactly one multipart field named "file" holding the file.',
        errors: [
          ...(file instanceof File ? [] : [{ path: 'file', message: 'must be a file' }]),
          ...extra.map((key) => ({ path: key, message: 'is not a known field' })),
        ],
      });
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      throw new ProblemError(413, 'body-too-large', 'Attachment too large', {
        detail: `An attachment may be at most ${MAX_ATTACHMENT_BYTES} bytes (10 MiB); this one is ${file.size}.`,
      });
    }
    if (file.size === 0) {
      throw new ProblemError(400, 'validation', 'The request is not valid', {
        detail: 'The file is empty.',
        errors: [{ path: 'file', message: 'must not be empty' }],
      });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentType = sniffContentType(bytes);
    if (!contentType) {
      throw new ProblemError(415, 'unsupported-media-type', 'Unsupported attachment type', {
        detail: 'Attach plain text or logs (UTF-8), PDF, PNG, JPEG, pcap, pcapng or zip files.',
      });
    }
    const sha256 = await ctx.attachments.put(bytes);
    const at = ctx.now().getTime();
    const stored = {
      id: newId('att'),
      case_id: id,
      file_name: cleanFileName(file.name),
      content_type: contentType,
      size_bytes: bytes.byteLength,
      sha256,
      uploaded_at: at,
    };
    if (!(await ctx.repo.insertAttachment(stored, at, MAX_ATTACHMENTS_PER_CASE))) {
      throw new ProblemError(409, 'too-many-attachments', 'Too many attachments', {
        detail: `A case may have at most ${MAX_ATTACHMENTS_PER_CASE} attachments.`,
      });
    }
    return c.json(attachmentDto(stored), 201);
  });

  app.openapi(download, async (c) => {
    const caller = requireCaller(c);
    const { id, attachmentId } = c.req.valid('param');
    const row = await ctx.repo.getCase(id, caller.user.role === 'agent' ? null : caller.account.id);
    const attachment = row && (await ctx.repo.getAttachment(id, attachmentId));
    if (!attachment) throw notFound(`Attachment ${attachmentId} of case ${id}`);
    const bytes = await ctx.attachments.get(attachment.sha256);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': attachment.content_type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`,
      'content-length': String(bytes.byteLength),
    });
  });
}
