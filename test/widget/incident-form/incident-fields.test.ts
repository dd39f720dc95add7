import { expect } from '@open-wc/testing';
import { validateIncident } from '../../../widget/src/components/incident-form/incident-fields.js';
import { messagesIn } from '../_words.js';

describe('the incident form’s validation', () => {
  it('validates a draft with the contract and explains each field in the UI’s language', () => {
    const fields = {
      serviceId: 'linksprinter',
      subject: 'Link test',
      description: 'too short',
      deviceSerial: 'x',
      firmwareVersion: '',
      contactEmail: 'a@b',
    };
    const fr = validateIncident(fields, messagesIn('fr'));
    expect(fr.errors).to.deep.equal({
      description: 'Saisissez au moins 20 caractères.',
      deviceSerial: 'Utilisez de 4 à 32 lettres, chiffres ou tirets.',
      firmwareVersion: 'Obligatoire pour un service qui fonctionne avec du matériel NETSCOUT.',
      contactEmail: 'Saisissez une adresse e-mail, par exemple nom@exemple.fr.',
    });
    const ok = validateIncident(
      {
        ...fields,
        description: 'Twenty characters or more here.',
        deviceSerial: 'LS-1',
        firmwareVersion: '1.0',
        contactEmail: 'a@b.example',
      },
      messagesIn('en'),
    );
    expect(ok.errors).to.equal(undefined);
    expect(ok.draft?.subject).to.equal('Link test');
  });

  it('asks for visible characters when a field is filled with blank ones', () => {
    const fields = {
      serviceId: 'netscout-insights',
      subject: '\u200B'.repeat(6),
      description: 'Twenty characters or more here.',
      deviceSerial: '',
      firmwareVersion: '',
      contactEmail: 'a@b.example',
    };
    expect(validateIncident(fields, messagesIn('en')).errors).to.deep.equal({
      subject: 'Enter at least 5 letters, digits or signs: blank characters do not count.',
    });
  });
});
