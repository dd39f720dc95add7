import * as z from 'zod/mini';
import { type Contract, defineContract } from './contract.js';

/**
 * The API contract as `zod/mini` schemas: what browsers (widget, extension) import to validate forms
 * and parse responses. Small enough for the widget's budget.
 */
export const contract: Contract = defineContract(z);

type Out<K extends keyof Contract> = z.output<Contract[K]>;

export type ServiceTypeValue = Out<'ServiceType'>;
export type Channel = Out<'Channel'>;
export type SubmissionRoute = Out<'SubmissionRoute'>;
export type RefusalReason = Out<'RefusalReason'>;
export type UpgradePath = Out<'UpgradePath'>;
export type CaseStatus = Out<'CaseStatus'>;
export type SlaState = Out<'SlaState'>;
export type SupportHolidayDto = Out<'SupportHoliday'>;
export type SubscriptionTerms = Out<'SubscriptionTerms'>;
export type Entitlement = Out<'Entitlement'>;
export type IncidentDraft = Out<'IncidentDraft'>;
export type SlaStatusDto = Out<'SlaStatus'>;
export type Attachment = Out<'Attachment'>;
export type Comment = Out<'Comment'>;
export type CommentDraft = Out<'CommentDraft'>;
export type Case = Out<'Case'>;
export type CaseListPage = Out<'CaseListPage'>;
export type Subscription = Out<'Subscription'>;
export type Me = Out<'Me'>;
export type SupportCalendar = Out<'SupportCalendar'>;
export type KbArticle = Out<'KbArticle'>;
export type KbSearchResults = Out<'KbSearchResults'>;
export type PurchaseRequest = Out<'PurchaseRequest'>;
export type ClientToken = Out<'ClientToken'>;
export type Transaction = Out<'Transaction'>;
export type Purchase = Out<'Purchase'>;
export type Cancellation = Out<'Cancellation'>;
export type AgentCaseUpdate = Out<'AgentCaseUpdate'>;
export type Problem = Out<'Problem'>;
