import { describe, expect, it } from 'vitest';
import { fragmentRequest, normalizeLabel, serviceIdForHost } from '../../extension/lib/assistance.js';
import { asBackgroundRequest } from '../../extension/lib/messages.js';

describe('finding the assistance option by its text', () => {
  it('compares labels without case, accents or punctuation, in English and French', () => {
    expect(normalizeLabel('  Obtenir de l’aide ')).toBe('obtenir de l aide');
    expect(normalizeLabel('ASSISTANCE')).toBe('assistance');
    expect(normalizeLabel('Besoin d’aide ?')).toBe('besoin d aide');
    expect(normalizeLabel('Get help!')).toBe('get help');
  });
});

describe('addresses that open the widget', () => {
  it('open one case, or the new incident form', () => {
    expect(fragmentRequest('#netscout-case=case_42')).toEqual({ view: 'cases', caseId: 'case_42' });
    expect(fragmentRequest('#netscout-new-incident')).toEqual({ view: 'incident' });
  });

  it('ignore other fragments and malformed case ids', () => {
    expect(fragmentRequest('#pricing')).toBeNull();
    expect(fragmentRequest('#netscout-case=<img src=x>')).toBeNull();
    expect(fragmentRequest('')).toBeNull();
  });
});

describe('the service of a homepage', () => {
  it('follows the host, subdomains included', () => {
    expect(serviceIdForHost('onetouchat.com')).toBe('onetouchat');
    expect(serviceIdForHost('WWW.LinkSprinter.com')).toBe('linksprinter');
    expect(serviceIdForHost('partner.example.com')).toBe('');
    expect(serviceIdForHost('notonetouchat.com')).toBe('');
  });
});

describe('messages to the background', () => {
  it('accepts only the known requests, well formed', () => {
    expect(asBackgroundRequest({ type: 'poll-now' })).toEqual({ type: 'poll-now' });
    expect(asBackgroundRequest({ type: 'case-opened', caseId: 'c1' })).toEqual({ type: 'case-opened', caseId: 'c1' });
    expect(asBackgroundRequest({ type: 'case-opened' })).toBeNull();
    expect(asBackgroundRequest({ type: 'delete-everything' })).toBeNull();
    expect(asBackgroundRequest('poll-now')).toBeNull();
    expect(asBackgroundRequest(null)).toBeNull();
  });
});
