import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { isAttachmentType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CASE } from '../../core/attachments.js';
import type { AppEnv, ServerContext } from '../context.js';
import { sniffContentType } from '../db/attachment-store.js';
import { attachmentDto } from '../domain/dto.js';
import { cleanFileName, nameForType } from '../domain/file-names.js';
import { newId } from '../domain/ids.js';
import { requireCaller } from '../http/auth.js';
import { notFound, ProblemError } from '../http/problem.js';
import { apiRoutes, bearer, C, IdParam, jsonContent, problems } from './_shared.js';

/** A 10 MiB file (`MAX_ATTACHMENT_BYTES` in core) plus the multipart envelope. */
export const ATTACHMENT_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

const UploadQuery = z.strictObject({ commentId: IdParam.optional() });

const upload = createRoute({
  method: 'post',
  path: '/v1/cases/{id}/attachments',
  summary: 'Attach a file to a case or to one of its replies (at most 10 MiB each, 5 per case, within the quota)',
  description:
    'Accepted types, recognised by content: plain text and logs (UTF-8), PDF, PNG, JPEG, pcap, pcapng, zip. ' +
    'With `commentId`, the file comes with that reply of the case. The same content under the same name, for ' +
    'the same case and reply, returns the first attachment again (`Idempotent-Replayed: true`): a retry after ' +
    'a lost answer never stores it twice. ' +
    'A name whose extension does not match the type gets the type’s extension added (`x.html` holding a PDF ' +
    'is stored as `x.html.pdf`). The attachments of one account may take at most its storage quota ' +
    '(`NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB`, default 200 MiB): 413 `storage-quota-exceeded` beyond it.',
  security: bearer,
  request: {
    params: z.object({ id: IdParam }),
    query: UploadQuery,
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
    ...problems(400, 401, 404, 409, 413, 415, 429, 507),
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

/** 413: the account's attachments would take more than its quota. */
function overQuota(quotaBytes: number, usedBytes: number): ProblemError {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return new ProblemError(413, 'storage-quota-exceeded', 'Attachment storage quota reached', {
    detail:
      `The attachments of this account may take at most ${mib(quotaBytes)}; they take ${mib(usedBytes)} now ` +
      'and this file does not fit. Ask support to remove attachments that are no longer needed.',
  });
}

const tooMany = () =>
  new ProblemError(409, 'too-many-attachments', 'Too many attachments', {
    detail: `A case may have at most ${MAX_ATTACHMENTS_PER_CASE} attachments.`,
  });

/** The multipart body's one field named `file`; read only once the case's limits allow an upload. */
async function readFile(c: Context<AppEnv>): Promise<File> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new ProblemError(400, 'validation', 'The request is not valid', {
      detail: 'Send the file as multipart/form-data, in one field named "file".',
      errors: [{ path: 'file', message: 'must be a file in a multipart/form-data body' }],
    });
  }
  const file = form.get('file');
  const errors = [
    ...(file instanceof File ? [] : [{ path: 'file', message: 'must be a file' }]),
    ...(form.getAll('file').length > 1 ? [{ path: 'file', message: 'must be sent once' }] : []),
    ...[...new Set(form.keys())]
      .filter((key) => key !== 'file')
      .map((key) => ({ path: key, message: 'is not a known field' })),
  ];
  if (errors.length > 0 || !(file instanceof File)) {
    throw new ProblemError(400, 'validation', 'The request is not valid', {
      detail: 'Send exactly one multipart field named "file" holding the file.',
      errors,
    });
  }
  return file;
}

/** Attachment upload and download on a case. */
export function attachmentRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  const quotaBytes = ctx.attachments.accountQuotaBytes;

  // The document shows the route as declared; the handler reads the body itself, after the cheap checks, so
  // that an upload the case cannot take is refused before its bytes are read or stored.
  app.openAPIRegistry.registerPath(upload);
  const uploadInputs = { params: upload.request.params, query: upload.request.query };
  app.openapi({ ...upload, request: uploadInputs, hide: true }, async (c) => {
    const caller = requireCaller(c);
    const { id } = c.req.valid('param');
    const { commentId } = c.req.valid('query');
    const row = await ctx.repo.cases.get(id, caller.user.role === 'agent' ? null : caller.account.id);
    if (!row) throw notFound(`Case ${id}`);
    if (commentId && !(await ctx.repo.replies.getComment(id, commentId))) {
      throw notFound(`Comment ${commentId} of case ${id}`);
    }
    // The quota is the case's account's, whoever uploads (a support engineer's upload counts for the customer).
    const [count, used] = await Promise.all([
      ctx.repo.attachments.countOnCase(id),
      ctx.repo.attachments.accountBytes(row.account_id),
    ]);
    if (count >= MAX_ATTACHMENTS_PER_CASE) throw tooMany();
    if (used >= quotaBytes) throw overQuota(quotaBytes, used);
    const file = await readFile(c);
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
    if (used + file.size > quotaBytes) throw overQuota(quotaBytes, used);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentType = sniffContentType(bytes);
    if (!contentType) {
      throw new ProblemError(415, 'unsupported-media-type', 'Unsupported attachment type', {
        detail: 'Attach plain text or logs (UTF-8), PDF, PNG, JPEG, pcap, pcapng or zip files.',
      });
    }
    const sha256 = await ctx.attachments.hold(bytes);
    const at = ctx.now().getTime();
    const stored = {
      id: newId('att'),
      case_id: id,
      file_name: nameForType(cleanFileName(file.name), contentType),
      content_type: contentType,
      size_bytes: bytes.byteLength,
      sha256,
      uploaded_at: at,
      comment_id: commentId ?? null,
    };
    let outcome: Awaited<ReturnType<typeof ctx.repo.attachments.insert>> | undefined;
    try {
      outcome = await ctx.repo.attachments.insert(stored, at, {
        maxPerCase: MAX_ATTACHMENTS_PER_CASE,
        accountId: row.account_id,
        quotaBytes,
      });
    } finally {
      // Refused or failed: the content goes unless another attachment refers to it.
      await ctx.attachments.release(sha256, async () =>
        outcome === 'inserted' ? true : ctx.repo.attachments.isBlobReferenced(sha256),
      );
    }
    if (outcome === 'too-many') throw tooMany();
    if (outcome === 'over-quota') throw overQuota(quotaBytes, await ctx.repo.attachments.accountBytes(row.account_id));
    if (typeof outcome === 'object') {
      c.header('idempotent-replayed', 'true');
      return c.json(attachmentDto(outcome.existing), 201);
    }
    return c.json(attachmentDto(stored), 201);
  });

  app.openapi(download, async (c) => {
    const caller = requireCaller(c);
    const { id, attachmentId } = c.req.valid('param');
    const row = await ctx.repo.cases.get(id, caller.user.role === 'agent' ? null : caller.account.id);
    const attachment = row && (await ctx.repo.attachments.get(id, attachmentId));
    if (!attachment) throw notFound(`Attachment ${attachmentId} of case ${id}`);
    const bytes = await ctx.attachments.get(attachment.sha256);
    // Named for the type it was recognised as (also for attachments stored before names were).
    const fileName = nameForType(attachment.file_name, attachment.content_type);
    // Only a type of the accepted list is served as itself (none of them is a page or a script a browser runs);
    // anything else a store might hold goes out as opaque bytes.
    const type = isAttachmentType(attachment.content_type) ? attachment.content_type : 'application/octet-stream';
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'content-length': String(bytes.byteLength),
    });
  });
  return app;
}
