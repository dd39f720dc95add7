import { contract } from '../../../../client/contract.js';
import type { IncidentDraft, Problem } from '../../../../core/api/schemas.js';
import { findService, SERVICE_TYPES } from '../../../../core/catalog.js';
import type { Messages } from '../../i18n/messages.js';

/** The incident form's fields, as typed (strings, possibly empty). */
export type IncidentFields = Record<keyof IncidentDraft, string>;
export type Field = keyof IncidentFields;
export type FieldErrors = Partial<Record<Field, string>>;

/** The fields in the form's order (the first wrong one gets the focus). */
export const FIELD_ORDER: Field[] = [
  'serviceId',
  'subject',
  'description',
  'deviceSerial',
  'firmwareVersion',
  'contactEmail',
];

export function emptyFields(): IncidentFields {
  return { serviceId: '', subject: '', description: '', deviceSerial: '', firmwareVersion: '', contactEmail: '' };
}

/** Only the known fields of `input`, as strings (what a page may pass to `prefill()`). */
export function knownFields(input: Partial<Record<string, unknown>>): Partial<IncidentFields> {
  const clean: Partial<IncidentFields> = {};
  for (const field of FIELD_ORDER) {
    const value = input[field];
    if (typeof value === 'string') clean[field] = value;
  }
  return clean;
}

/** Whether the form holds text the customer typed (not only what the widget fills in). */
export function hasText(fields: IncidentFields): boolean {
  return FIELD_ORDER.some((f) => f !== 'serviceId' && f !== 'contactEmail' && fields[f] !== '');
}

/** Whether incidents on this service need the device's serial and firmware. */
export function isHardwareBacked(serviceId: string): boolean {
  const service = findService(serviceId);
  return service ? SERVICE_TYPES[service.serviceType].hardwareBacked : false;
}

/** The draft the form describes: trimmed, with empty optional fields left out. */
export function draftOf(fields: IncidentFields): Record<string, string> {
  const draft: Record<string, string> = {};
  for (const field of FIELD_ORDER) {
    const value = fields[field].trim();
    if (value !== '' || (field !== 'deviceSerial' && field !== 'firmwareVersion')) draft[field] = value;
  }
  return draft;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  params?: { minimumVisible?: number };
}

function issueText(issue: Issue, field: Field, value: string, m: Messages['incident']['fieldError']): string {
  switch (issue.code) {
    case 'too_small':
      return value.trim() === '' ? m.required : m.minLength(Number(issue.minimum));
    case 'too_big':
      return m.maxLength(Number(issue.maximum));
    case 'invalid_format':
      if (field === 'contactEmail') return value.trim() === '' ? m.required : m.email;
      if (field === 'deviceSerial') return m.serial;
      if (field === 'firmwareVersion') return m.firmware;
      if (field === 'serviceId') return m.unknownService;
      return m.controlCharacters;
    case 'custom':
      if (issue.params?.minimumVisible !== undefined) return m.minVisible(issue.params.minimumVisible);
      return field === 'serviceId' ? m.unknownService : m.requiredHardware;
    default:
      return m.required;
  }
}

/** The server's per-field reasons (a problem document's `errors`), by form field. */
export function serverFieldErrors(problem: Problem | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of problem?.errors ?? []) {
    const field = issue.path.replace(/^\//, '').split(/[./]/)[0] as Field;
    if (FIELD_ORDER.includes(field)) errors[field] = issue.message;
  }
  return errors;
}

/** Validates the form with the contract's `IncidentDraft` schema; errors are in the UI's language. */
export function validateIncident(
  fields: IncidentFields,
  messages: Messages,
): { draft: IncidentDraft; errors?: undefined } | { draft?: undefined; errors: FieldErrors } {
  const parsed = contract().IncidentDraft.safeParse(draftOf(fields));
  if (parsed.success) return { draft: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues as Issue[]) {
    const field = issue.path[0] as Field;
    if (!FIELD_ORDER.includes(field) || errors[field]) continue;
    errors[field] = issueText(issue, field, fields[field], messages.incident.fieldError);
  }
  return { errors };
}
