import type { ClientCatalog } from '../../../client/messages.js';
import type { CaseStatus, Channel, RefusalReason, SlaState, UpgradePath } from '../../../core/api/schemas.js';
import type { AttachmentRefusal } from '../../../core/attachments.js';
import type { SelfHelpResourceKind } from '../../../core/targets.js';

import type { WidgetLocale } from './locale.js';

export type { WidgetLocale };

/** Every sentence the widget shows, one implementation per language (`en.ts`, `fr.ts`). */
export interface Messages {
  lang: WidgetLocale;
  title: string;
  launcher: string;
  close: string;
  loading: string;
  retry: string;
  views: { overview: string; selfHelp: string; incident: string; cases: string; upgrade: string };
  errors: {
    network: string;
    unauthorized: string;
    forbidden: string;
    notFound: string;
    invalidResponse: string;
    server: (status: number) => string;
  };
  overview: {
    signIn: string;
    noSubscription: (service: string) => string;
    plan: (plan: string, service: string) => string;
    /** The free plan's name in this language (the catalog's name is English). */
    freePlan: string;
    serviceType: Record<1 | 2 | 3, string>;
    gold: Record<'active' | 'lapsed' | 'absent' | 'not-offered', string>;
    goldUntil: (date: string) => string;
    goldEnded: (date: string) => string;
    premiumHeading: string;
    channelsLabel: string;
    /** "Phone:" and "E-mail:" before the support desk's number and address. */
    contactPhone: string;
    contactEmail: string;
    channel: Record<Channel, string>;
    hours: Record<'24/7 except support holidays' | '24/7', string>;
    firstResponse: (hours: number) => string;
    unlimited: string;
    noResolutionTarget: string;
    selfHelpHeading: string;
    reason: Record<RefusalReason, string>;
    upgrade: Record<UpgradePath, string>;
    open: string;
    closed: (holiday: string, reopens: string) => string;
    /** The next closure within two weeks: "Christmas Eve and Christmas Day", "Thursday 24 December". */
    nextClosure: (holidays: string, date: string) => string;
    englishOnly: string;
    myAccount: string;
    submitViaMyAccount: string;
  };
  /** The words shared with the extension: holiday names, duration units, countdown sentences. */
  client: ClientCatalog;
  selfHelp: {
    searchLabel: string;
    searching: string;
    noResults: (query: string) => string;
    resultsCount: (count: number) => string;
    resourcesHeading: string;
    resource: Record<SelfHelpResourceKind, string>;
    back: string;
    updated: (date: string) => string;
    // Self-help (issue 16): the other language's results, "was this helpful?".
    fallback: string;
    helpfulQuestion: string;
    helpfulYes: string;
    helpfulNo: string;
    helpfulThanks: string;
  };
  incident: {
    service: string;
    subject: string;
    description: string;
    descriptionHint: string;
    deviceSerial: string;
    firmwareVersion: string;
    hardwareHint: string;
    contactEmail: string;
    attachments: string;
    optional: string;
    submit: string;
    submitting: string;
    suggestions: string;
    fixErrors: (count: number) => string;
    fieldError: {
      required: string;
      minLength: (n: number) => string;
      minVisible: (n: number) => string;
      maxLength: (n: number) => string;
      email: string;
      serial: string;
      firmware: string;
      controlCharacters: string;
      requiredHardware: string;
      unknownService: string;
    };
    notEntitled: string;
    draftRestored: string;
    queued: string;
    queuedInPageOnly: string;
    queuedCount: (count: number) => string;
    submittedHeading: (caseNumber: string) => string;
    dueBy: (date: string) => string;
    delayedBy: (holidays: string) => string;
    myAccountLink: string;
    uploading: (fileName: string) => string;
    newIncident: string;
  };
  /** Incidents kept in this browser's outbox that the form alone does not explain. */
  outbox: {
    /** Another customer's incidents (`email`): they wait for that customer to sign in here. */
    waitingForAuthor: (count: number, email: string) => string;
    refusedHeading: string;
    refusedReason: (reason: string) => string;
    refusedHelp: string;
    needsConfirmation: string;
    confirmSend: (email: string) => string;
    edit: string;
    editBlocked: string;
    discard: string;
  };
  cases: {
    empty: string;
    status: Record<CaseStatus, string>;
    sla: Record<SlaState, string>;
    dueAt: (date: string) => string;
    receivedAt: (date: string) => string;
    comments: string;
    noComments: string;
    reply: string;
    send: string;
    back: string;
    agent: string;
    you: string;
    // Live cases (issue 16): unread marker, list facts and filter, closing, rating.
    newAnswer: string;
    updatedAt: (date: string) => string;
    filterLabel: string;
    filter: Record<'all' | 'open' | 'waiting' | 'resolved', string>;
    noneShown: string;
    close: string;
    closeConfirm: string;
    closeYes: string;
    closeNo: string;
    closedNote: string;
    rateQuestion: string;
    rate: Record<'good' | 'bad', string>;
    rated: (rating: 'good' | 'bad') => string;
    rateComment: string;
    rateSend: string;
    rateThanks: string;
  };
  upgrade: {
    intro: string;
    perMonth: (price: string) => string;
    minimum: string;
    choose: (plan: string) => string;
    testMode: string;
    testModeExplain: string;
    payTest: string;
    pay: string;
    loadingPayment: string;
    paymentUnavailable: string;
    success: (plan: string) => string;
    goldExplain: string;
    noPlans: string;
    // Billing part (issue 16): the tab's name (the part's own words are in components/billing/).
    billingTab: string;
  };
  // Attachments (issue 16): the picker's refusals, the server's, the case's files and files on replies.
  attachments: {
    /** What may be attached, under the file picker. */
    hint: string;
    /** Why a file cannot be attached (the picker's check, or the server's answer). */
    reason: Record<AttachmentRefusal | 'quota', string>;
    /** The picker refused it: the incident or reply is sent without it. */
    notSent: (fileName: string, reason: string) => string;
    /** The server refused it after the case or reply was sent. */
    notAttached: (fileName: string, reason: string) => string;
    files: string;
    /** The accessible name of a file's download button. */
    download: (fileName: string) => string;
  };
}
